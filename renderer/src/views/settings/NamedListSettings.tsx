// Departments and categories: add, rename, deactivate (never delete: old cases keep pointing at them).
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../../main/api/types.ts';
import { call } from '../../api.ts';
import { useSubmit } from '../../use-submit.ts';
import { ErrorMessage, errorField } from '../ErrorMessage.tsx';
import { focusFirstInvalid, TextField } from '../TextField.tsx';

type Kind = 'departments' | 'categories';

const API = {
  departments: { list: () => call('listDepartments'), save: 'saveDepartment' },
  categories: { list: () => call('listCategories'), save: 'saveCategory' },
} as const;

export function NamedListSettings({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<Department[]>([]);
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  // The new name's problem, at its field (empty, or a name main already has: conflict at name).
  const [nameError, setNameError] = useState<unknown>(null);
  const [editing, setEditing] = useState<Record<number, string>>({});
  const { run, busy } = useSubmit();

  useEffect(() => {
    API[kind].list().then(setItems, setError);
  }, [kind]);

  /** Saves one entry; an error main gives for the name of a new one goes to onNameError (the field), the others below the list. */
  async function save(input: { id?: number; name: string; active: boolean }, onNameError?: (failure: unknown) => void) {
    setError(null);
    try {
      const done = await run(async (send) => {
        await send(API[kind].save, input);
        setItems(await API[kind].list());
        return true;
      });
      return done ?? false;
    } catch (failure) {
      if (onNameError && errorField(failure) === 'name') onNameError(failure);
      else setError(failure);
      return false;
    }
  }

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    if (!name.trim()) {
      setNameError('form.required');
      return focusFirstInvalid(form);
    }
    setNameError(null);
    const onNameError = (failure: unknown) => {
      setNameError(failure);
      focusFirstInvalid(form);
    };
    if (await save({ name, active: true }, onNameError)) setName('');
  }

  return (
    <section className="settings-section" aria-labelledby={`${kind}-title`}>
      <h2 id={`${kind}-title`}>{t(`settings.${kind}.title`)}</h2>
      <table className="plain">
        <thead>
          <tr>
            <th scope="col">{t('settings.name')}</th>
            <th scope="col">{t('settings.active')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('settings.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <td>
                <input
                  aria-label={t('settings.nameOf', { name: item.name })}
                  value={editing[item.id] ?? item.name}
                  onChange={(e) => setEditing({ ...editing, [item.id]: e.target.value })}
                />
              </td>
              <td>
                <input type="checkbox" aria-label={t('settings.activeOf', { name: item.name })} checked={item.active} disabled={busy} onChange={(e) => void save({ id: item.id, name: item.name, active: e.target.checked })} />
              </td>
              <td>
                {editing[item.id] !== undefined && editing[item.id] !== item.name && (
                  <button
                    type="button"
                    disabled={busy}
                    aria-busy={busy}
                    onClick={async () => {
                      if (await save({ id: item.id, name: editing[item.id]!, active: item.active })) {
                        const { [item.id]: _done, ...rest } = editing;
                        setEditing(rest);
                      }
                    }}
                  >
                    {t('settings.save')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="inline-form" noValidate onSubmit={add}>
        <TextField
          label={t(`settings.${kind}.new`)}
          required
          maxLength={200}
          value={name}
          onChange={(value) => {
            setName(value);
            setNameError(null);
          }}
          error={nameError}
        />
        <button type="submit" disabled={busy} aria-busy={busy}>
          {t('settings.add')}
        </button>
      </form>
      <ErrorMessage error={error} />
    </section>
  );
}
