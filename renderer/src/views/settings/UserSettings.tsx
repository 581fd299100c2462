// Users and roles: department heads are tied to their departments; a new user must choose their own password at first sign-in.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department, UserRecord } from '../../../../main/api/types.ts';
import { call } from '../../api.ts';
import { useAction } from '../../use-action.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { focusFirstInvalid, hasProblems, TextField, without, type Problems } from '../TextField.tsx';
import { ROLES } from '../../../../main/vocabulary/people.ts';

type Draft = { id?: number; username: string; displayName: string; role: UserRecord['role']; departmentIds: number[]; language: 'de' | 'en'; active: boolean; password: string };
const EMPTY: Draft = { username: '', displayName: '', role: 'deputy', departmentIds: [], language: 'de', active: true, password: '' };

/** The form's draft of a listed user: what saveUser takes (not the database login, which follows the user name). */
function draftOf(user: UserRecord): Draft {
  const { databaseLogin: _login, ...rest } = user;
  return { ...rest, language: user.language === 'en' ? 'en' : 'de', password: '' };
}

export function UserSettings() {
  const { t } = useTranslation();
  const [users, setUsers] = useState<UserRecord[]>([]);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [draft, setDraft] = useState<Draft | null>(null);
  // Loading the lists failed: shown above the table (the form's own failures are the action's).
  const [loadError, setLoadError] = useState<unknown>(null);
  const [problems, setProblems] = useState<Problems>({});
  const { run, busy, error, clear } = useAction();

  useEffect(() => {
    call('listUsers').then(setUsers, setLoadError);
    call('listDepartments').then(setDepartments, setLoadError);
  }, []);

  /** Opens the form (or closes it, with null) without the problems of the last one. */
  function edit(next: Draft | null) {
    setDraft(next);
    setProblems({});
    clear();
  }
  const change = (field: keyof Draft, value: Draft[keyof Draft]) => {
    setDraft((current) => (current ? { ...current, [field]: value } : current));
    setProblems((current) => without(current, field));
  };

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!draft) return;
    const form = event.currentTarget;
    const found: Problems = {};
    if (!draft.displayName.trim()) found.displayName = 'settings.users.displayNameRequired';
    if (!draft.username.trim()) found.username = 'settings.users.usernameRequired';
    if (!draft.id && !draft.password) found.password = 'settings.users.passwordRequired';
    setProblems(found);
    clear();
    if (hasProblems(found)) return focusFirstInvalid(form);
    const saved = await run(
      async (send) => {
        const { password, ...rest } = draft;
        await send('saveUser', { ...rest, ...(password ? { password } : {}) });
        return call('listUsers');
      },
      // Main names the field it refused (a user name taken, a password too weak): the problem stands there.
      (failure) => {
        const field = failure.field;
        if (field !== 'displayName' && field !== 'username' && field !== 'password') return false;
        setProblems({ [field]: failure });
        focusFirstInvalid(form);
        return true;
      },
    );
    if (!saved) return;
    setUsers(saved);
    setDraft(null);
  }

  const departmentName = (id: number) => departments.find((d) => d.id === id)?.name ?? String(id);
  // On a shared server (PostgreSQL) each user has a database login of their own: the user name their desk connects with.
  // SQLite has none (null everywhere), so the column is not shown.
  const withLogins = users.some((user) => user.databaseLogin !== null);
  return (
    <section className="settings-section" aria-labelledby="users-title">
      <h2 id="users-title">{t('settings.users.title')}</h2>
      <table className="plain">
        <thead>
          <tr>
            <th scope="col">{t('settings.users.displayName')}</th>
            <th scope="col">{t('settings.users.username')}</th>
            <th scope="col">{t('settings.users.role')}</th>
            {withLogins && <th scope="col">{t('settings.users.databaseLogin')}</th>}
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
              {withLogins && <td>{user.databaseLogin === null ? '–' : <code>{user.databaseLogin}</code>}</td>}
              <td>{user.departmentIds.map(departmentName).join(', ') || '–'}</td>
              <td>{user.active ? t('settings.yes') : t('settings.no')}</td>
              <td>
                <button type="button" onClick={() => edit(draftOf(user))}>
                  {t('settings.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {withLogins && <p className="hint">{t('settings.users.databaseLoginHint')}</p>}
      {!draft && (
        <button type="button" onClick={() => edit({ ...EMPTY })}>
          {t('settings.users.new')}
        </button>
      )}
      {draft && (
        <form className="settings-form" noValidate onSubmit={save} aria-label={draft.id ? t('settings.users.edit') : t('settings.users.new')}>
          <TextField label={t('settings.users.displayName')} autoFocus required value={draft.displayName} onChange={(value) => change('displayName', value)} error={problems.displayName} />
          <TextField label={t('settings.users.username')} required value={draft.username} onChange={(value) => change('username', value)} error={problems.username} />
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
          <TextField
            label={draft.id ? t('settings.users.newPassword') : t('settings.users.firstPassword')}
            type="password"
            autoComplete="new-password"
            required={!draft.id}
            value={draft.password}
            onChange={(value) => change('password', value)}
            error={problems.password}
          />
          <label className="checkbox">
            <input type="checkbox" checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.target.checked })} />
            <span>{t('settings.active')}</span>
          </label>
          <ErrorMessage error={error} />
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
      <ErrorMessage error={loadError} />
    </section>
  );
}
