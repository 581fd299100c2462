// Reply templates per kind and language: pick one to edit or start a new one; placeholders are listed and checked by main.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReplyTemplate } from '../../../../main/api/types.ts';
import { call } from '../../api.ts';
import { useSubmit } from '../../use-submit.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { SelectField } from '../SelectField.tsx';
import { focusFirstInvalid, hasProblems, TextField, without, type Problems } from '../TextField.tsx';
import { CASE_KINDS as KINDS } from '../../../../main/vocabulary/cases.ts';
import { PLACEHOLDERS, TEMPLATE_LANGUAGES as LANGUAGES } from '../../../../main/vocabulary/people.ts';


type Draft = Pick<ReplyTemplate, 'kind' | 'language' | 'name' | 'subject' | 'body' | 'active'> & { id?: number };
const EMPTY: Draft = { kind: 'complaint', language: 'de', name: '', subject: '', body: '', active: true };

/** Only what saveReplyTemplate takes (its schema is strict): a listed template also carries createdAt and updatedAt. */
export function editableFields(source: Draft | ReplyTemplate): Draft {
  const { id, kind, language, name, subject, body, active } = source;
  return { ...(id === undefined ? {} : { id }), kind, language, name, subject, body, active };
}

export function TemplateSettings() {
  const { t } = useTranslation();
  const [templates, setTemplates] = useState<ReplyTemplate[]>([]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const { run, busy } = useSubmit();

  useEffect(() => {
    call('listReplyTemplates', { includeInactive: true }).then(setTemplates, setError);
  }, []);

  const edit = (next: Draft | null) => {
    setDraft(next);
    setProblems({});
    setError(null);
    setNotice('');
  };
  const change = (patch: Partial<Draft>) => {
    setDraft((current) => (current ? { ...current, ...patch } : current));
    setProblems((current) => Object.keys(patch).reduce(without, current));
  };

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!draft) return;
    const found: Problems = {};
    if (!draft.name.trim()) found.name = 'settings.templates.nameRequired';
    if (!draft.subject.trim()) found.subject = 'settings.templates.subjectRequired';
    if (!draft.body.trim()) found.body = 'settings.templates.bodyRequired';
    setProblems(found);
    setError(null);
    setNotice('');
    if (hasProblems(found)) return focusFirstInvalid(event.currentTarget);
    try {
      await run(async (send) => {
        const saved = await send('saveReplyTemplate', { ...editableFields(draft) });
        setTemplates(await call('listReplyTemplates', { includeInactive: true }));
        setDraft({ ...editableFields(draft), id: saved.id });
        setNotice(t('settings.saved'));
      });
    } catch (failure) {
      setError(failure);
    }
  }

  return (
    <section className="settings-section" aria-labelledby="templates-title">
      <h2 id="templates-title">{t('settings.templates.title')}</h2>
      <table className="plain">
        <thead>
          <tr>
            <th scope="col">{t('field.kind')}</th>
            <th scope="col">{t('language.label')}</th>
            <th scope="col">{t('settings.name')}</th>
            <th scope="col">{t('settings.active')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('settings.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {templates.map((template) => (
            <tr key={template.id} aria-current={draft?.id === template.id ? 'true' : undefined}>
              <td>{t(`kind.${template.kind}`)}</td>
              <td>{t(`language.${template.language}`)}</td>
              <td>{template.name}</td>
              <td>{template.active ? t('settings.yes') : t('settings.no')}</td>
              <td>
                <button type="button" aria-label={t('settings.templates.editOf', { name: template.name, kind: t(`kind.${template.kind}`), language: t(`language.${template.language}`) })} onClick={() => edit(editableFields(template))}>
                  {t('settings.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => edit({ ...EMPTY })}>
        {t('settings.templates.new')}
      </button>
      {draft && (
        <form className="template-form" noValidate onSubmit={save} aria-label={draft.id ? t('settings.templates.edit') : t('settings.templates.new')}>
          <div className="row">
            <SelectField label={t('field.kind')} value={draft.kind} onChange={(kind) => change({ kind: kind as Draft['kind'] })} choices={KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))} />
            <SelectField label={t('language.label')} value={draft.language} onChange={(language) => change({ language: language as Draft['language'] })} choices={LANGUAGES.map((code) => ({ value: code, label: t(`language.${code}`) }))} />
            <TextField label={t('settings.name')} autoFocus required maxLength={100} value={draft.name} onChange={(name) => change({ name })} error={problems.name} />
            <label className="checkbox">
              <input type="checkbox" checked={draft.active} onChange={(e) => change({ active: e.target.checked })} />
              <span>{t('settings.active')}</span>
            </label>
          </div>
          <TextField label={t('reply.subject')} required maxLength={200} value={draft.subject} onChange={(subject) => change({ subject })} error={problems.subject} />
          <TextField label={t('reply.body')} required rows={14} value={draft.body} onChange={(body) => change({ body })} error={problems.body} describedBy="placeholder-help" />
          <p id="placeholder-help" className="muted">
            {t('settings.templates.placeholders')} {PLACEHOLDERS.map((name) => `{{${name}}}`).join(' ')}
          </p>
          <ErrorMessage error={error} />
          {notice && (
            <p className="notice" role="status">
              {notice}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
              {t('settings.save')}
            </button>
            <button type="button" onClick={() => edit(null)}>
              {t('case.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
