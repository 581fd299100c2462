// Users and roles: department heads are tied to their departments; a new user must choose their own password at first sign-in.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department, UserRecord } from '../../../../main/api/types.ts';
import { call } from '../../api.ts';
import { useSubmit } from '../../use-submit.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

const ROLES = ['admin', 'ombudsman', 'deputy', 'department_head', 'executive'] as const satisfies readonly UserRecord['role'][];
type Draft = { id?: number; username: string; displayName: string; role: UserRecord['role']; departmentIds: number[]; language: 'de' | 'en'; active: boolean; password: string };
const EMPTY: Draft = { username: '', displayName: '', role: 'deputy', departmentIds: [], language: 'de', active: true, password: '' };

export function UserSettings() {
  const { t } = useTranslation();
  const [users, setUsers] = useState<UserRecord[]>([]);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { run, busy } = useSubmit();

  useEffect(() => {
    call('listUsers').then(setUsers, setError);
    call('listDepartments').then(setDepartments, setError);
  }, []);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    setError(null);
    try {
      await run(async (send) => {
        const { password, ...rest } = draft;
        await send('saveUser', { ...rest, ...(password ? { password } : {}) });
        setUsers(await call('listUsers'));
        setDraft(null);
      });
    } catch (failure) {
      setError(failure);
    }
  }

  const departmentName = (id: number) => departments.find((d) => d.id === id)?.name ?? String(id);
  return (
    <section className="settings-section" aria-labelledby="users-title">
      <h2 id="users-title">{t('settings.users.title')}</h2>
      <table className="plain">
        <thead>
          <tr>
            <th scope="col">{t('settings.users.displayName')}</th>
            <th scope="col">{t('settings.users.username')}</th>
            <th scope="col">{t('settings.users.role')}</th>
            <th scope="col">{t('inbox.column.department')}</th>
            <th scope="col">{t('settings.active')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('settings.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>{user.displayName}</td>
              <td>{user.username}</td>
              <td>{t(`role.${user.role}`)}</td>
              <td>{user.departmentIds.map(departmentName).join(', ') || '–'}</td>
              <td>{user.active ? t('settings.yes') : t('settings.no')}</td>
              <td>
                <button type="button" onClick={() => setDraft({ ...user, language: user.language === 'en' ? 'en' : 'de', password: '' })}>
                  {t('settings.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!draft && (
        <button type="button" onClick={() => setDraft({ ...EMPTY })}>
          {t('settings.users.new')}
        </button>
      )}
      {draft && (
        <form className="settings-form" onSubmit={save} aria-label={draft.id ? t('settings.users.edit') : t('settings.users.new')}>
          <label>
            <span>{t('settings.users.displayName')}</span>
            <input autoFocus required value={draft.displayName} onChange={(e) => setDraft({ ...draft, displayName: e.target.value })} />
          </label>
          <label>
            <span>{t('settings.users.username')}</span>
            <input required value={draft.username} onChange={(e) => setDraft({ ...draft, username: e.target.value })} />
          </label>
          <label>
            <span>{t('settings.users.role')}</span>
            <select value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as Draft['role'] })}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`role.${role}`)}
                </option>
              ))}
            </select>
          </label>
          {draft.role === 'department_head' && (
            <fieldset className="checkbox-list">
              <legend>{t('inbox.column.department')}</legend>
              {departments.map((d) => (
                <label key={d.id} className="checkbox">
                  <input
                    type="checkbox"
                    checked={draft.departmentIds.includes(d.id)}
                    onChange={(e) =>
                      setDraft({ ...draft, departmentIds: e.target.checked ? [...draft.departmentIds, d.id] : draft.departmentIds.filter((id) => id !== d.id) })
                    }
                  />
                  <span>{d.name}</span>
                </label>
              ))}
            </fieldset>
          )}
          <label>
            <span>{draft.id ? t('settings.users.newPassword') : t('settings.users.firstPassword')}</span>
            <input type="password" autoComplete="new-password" required={!draft.id} value={draft.password} onChange={(e) => setDraft({ ...draft, password: e.target.value })} />
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.target.checked })} />
            <span>{t('settings.active')}</span>
          </label>
          <ErrorMessage error={error} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
              {t('settings.save')}
            </button>
            <button type="button" onClick={() => setDraft(null)}>
              {t('case.cancel')}
            </button>
          </div>
        </form>
      )}
      {!draft && <ErrorMessage error={error} />}
    </section>
  );
}
