// The database enforces the permissions (issue 11, point 2): a seat's credentials sit on the user's own computer and can
// be extracted, so whoever connects with them (psql included) must be able to do no more than the app lets that user do.
// The permission table in main stays the first check; this is the second.
//
// Roles. Four group roles (NOLOGIN), one per office role of main/vocabulary/people.ts (ombudsman and deputy share one):
//   <prefix>_admin, <prefix>_office, <prefix>_department_head, <prefix>_executive
// where <prefix> is the database's name when this migration runs, kept in database_roles. Roles are cluster-wide, so the
// prefix keeps two Ombudsdesk databases on one server apart; a role that exists already is reused (the migration is
// idempotent). A database copied with CREATE DATABASE … TEMPLATE keeps its template's prefix and so shares the
// template's group roles (the test server does this; an office does not: `db init` migrates a new database).
// Each Ombudsdesk user gets a LOGIN role of their own, a member of their office role's group, kept in step by
// ombudsdesk_sync_login() below (called by the users service through the engine, main/db/postgres/login-roles.ts) and
// listed in login_roles, which the policies read to learn who is connected.
//
// Who may do what (nobody but the owner, the role that runs the migrations and owns the tables, gets TRUNCATE, or
// UPDATE/DELETE on the append-only tables: case_events, improvement_events, prize_draw_events, prize_draws):
//   office (ombudsman, deputy): reads everything but the password hashes; writes the case work (cases, their timeline,
//     pauses, attachments, replies, mail, imports, improvements, jobs, notifications); INSERT only on the timelines;
//     reads users, departments, categories and settings; changes only their own password.
//   admin: the office's rights (member of the office group) and users, departments, categories, settings, templates.
//   department_head: their departments' cases, the cases' timelines (statements are timeline events), pauses,
//     attachments and search rows, their departments' improvements with their events and links: read, and the writes
//     their use cases need (return a case with a statement, add a note, move an improvement's status); their own
//     notifications, markers and request ids; nothing of other departments (row-level security; zero rows, not errors).
//   executive: reads only (no INSERT, UPDATE or DELETE anywhere), the password hashes excepted.
// The owner is not bound by row-level security (not FORCEd): it is the migrating role and, until seats connect with
// their own roles, the app's connection; its tables are its own anyway.
//
// A later migration that creates a table must GRANT on it the same way (the test that the office and the executive
// read every table fails otherwise, tests/integration/pg-permissions.test.ts).
export const migration = {
  id: '0022_database_roles',
  sql: /* sql */ `
CREATE TABLE database_roles (
  only_row integer PRIMARY KEY DEFAULT 1 CHECK (only_row = 1),
  prefix text NOT NULL
);
INSERT INTO database_roles (prefix) VALUES (current_database());

CREATE TABLE login_roles (
  user_id integer PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  role_name text NOT NULL UNIQUE
);

-- The Ombudsdesk user behind this session's login role (null for the owner and anyone not in login_roles). session_user,
-- not current_user: inside this SECURITY DEFINER function current_user is the owner.
CREATE FUNCTION ombudsdesk_session_user_id() RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER AS $$
  SELECT l.user_id FROM login_roles l JOIN users u ON u.id = l.user_id
  WHERE l.role_name = session_user AND u.active = 1
$$;
-- The departments of that user (a department head's scope); empty for anyone else.
CREATE FUNCTION ombudsdesk_session_departments() RETURNS SETOF integer
LANGUAGE sql STABLE SECURITY DEFINER AS $$
  SELECT d.department_id FROM user_departments d WHERE d.user_id = ombudsdesk_session_user_id()
$$;
-- Creates or updates the login role of Ombudsdesk user p_user_id from the users row: its name (the database's name and
-- the user name, lower case; quoted with %I wherever it is used), LOGIN while active, NOLOGIN when deactivated,
-- membership of exactly the group of its office role, CONNECT on this database. p_verifier, when not null, becomes the
-- role's password: a SCRAM-SHA-256 verifier computed by the app (the plain password never reaches the server or its
-- log). The owner and admins may call it for anyone; anyone else only for themselves, and only to set their password.
CREATE FUNCTION ombudsdesk_sync_login(p_user_id integer, p_verifier text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
  prefix text := (SELECT r.prefix FROM database_roles r);
  u users%ROWTYPE;
  existing text;
  wanted text;
  login text;
  target text;
  suffix text;
  manager boolean := pg_has_role(session_user, current_user, 'MEMBER')
    OR pg_has_role(session_user, prefix || '_admin', 'MEMBER');
BEGIN
  -- One sync at a time per database: two users saved at once would both update the database's ACL (GRANT CONNECT) and
  -- the second would fail with "tuple concurrently updated".
  PERFORM pg_advisory_xact_lock(hashtext('ombudsdesk_sync_login'));
  SELECT * INTO u FROM users WHERE id = p_user_id;
  IF NOT FOUND THEN RAISE EXCEPTION 'ombudsdesk_sync_login: no user %', p_user_id USING ERRCODE = 'no_data_found'; END IF;
  SELECT l.role_name INTO existing FROM login_roles l WHERE l.user_id = p_user_id;
  IF NOT manager THEN
    IF existing IS NULL OR existing <> session_user THEN
      RAISE EXCEPTION 'ombudsdesk_sync_login: permission denied' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_verifier IS NOT NULL THEN EXECUTE format('ALTER ROLE %I PASSWORD %L', existing, p_verifier); END IF;
    RETURN existing;
  END IF;
  IF p_verifier IS NOT NULL AND p_verifier !~ '^SCRAM-SHA-256\\$' THEN
    RAISE EXCEPTION 'ombudsdesk_sync_login: a SCRAM-SHA-256 verifier is expected, not a password' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  wanted := current_database() || '_' || lower(u.username::text);
  IF octet_length(wanted) > 63 THEN wanted := left(current_database(), 40) || '_user_' || u.id; END IF;
  login := coalesce(existing, wanted);
  IF existing IS NULL THEN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = wanted) THEN
      -- Someone else's role (another database, a person's own): never adopted; this user's role gets its id instead.
      login := left(current_database(), 40) || '_user_' || u.id;
      IF EXISTS (SELECT FROM pg_roles WHERE rolname = login) THEN
        RAISE EXCEPTION 'ombudsdesk_sync_login: role % exists already', login USING ERRCODE = 'duplicate_object';
      END IF;
    END IF;
    EXECUTE format('CREATE ROLE %I NOLOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', login);
    INSERT INTO login_roles (user_id, role_name) VALUES (u.id, login);
  ELSIF existing <> wanted AND NOT EXISTS (SELECT FROM pg_roles WHERE rolname = wanted) THEN
    -- Renamed user: the role follows (a SCRAM password survives a rename).
    EXECUTE format('ALTER ROLE %I RENAME TO %I', existing, wanted);
    UPDATE login_roles SET role_name = wanted WHERE user_id = u.id;
    login := wanted;
  END IF;
  IF p_verifier IS NOT NULL THEN EXECUTE format('ALTER ROLE %I PASSWORD %L', login, p_verifier); END IF;
  EXECUTE format('ALTER ROLE %I %s', login, CASE WHEN u.active = 1 THEN 'LOGIN' ELSE 'NOLOGIN' END);
  target := prefix || '_' || CASE u.role WHEN 'ombudsman' THEN 'office' WHEN 'deputy' THEN 'office' ELSE u.role END;
  FOREACH suffix IN ARRAY ARRAY['admin', 'office', 'department_head', 'executive'] LOOP
    IF prefix || '_' || suffix = target THEN
      EXECUTE format('GRANT %I TO %I', target, login);
    ELSIF pg_has_role(login, prefix || '_' || suffix, 'MEMBER') THEN
      EXECUTE format('REVOKE %I FROM %I', prefix || '_' || suffix, login);
    END IF;
  END LOOP;
  BEGIN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), login);
  EXCEPTION WHEN insufficient_privilege THEN
    NULL; -- not the database's owner: the migration left PUBLIC's CONNECT as it was (see its notice)
  END;
  RETURN login;
END $$;
-- Every SECURITY DEFINER function gets a fixed search_path: this schema, then pg_temp (last, so nobody's temporary
-- table or function can stand in for ours). The trigger functions that keep the derived tables (search index, counts,
-- volumes) run as the owner from now on, so a department head's allowed change of a case updates them without any right
-- on those tables (and without reading the other departments' rows in them).
DO $search_path$
DECLARE
  f text;
BEGIN
  FOREACH f IN ARRAY ARRAY['ombudsdesk_session_user_id()', 'ombudsdesk_session_departments()', 'ombudsdesk_sync_login(integer, text)'] LOOP
    EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', f, current_schema());
  END LOOP;
  FOREACH f IN ARRAY ARRAY['case_search_source()', 'case_search_vocab_follow()', 'case_counts_follow()', 'case_volumes_follow()'] LOOP
    EXECUTE format('ALTER FUNCTION %s SECURITY DEFINER SET search_path = %I, pg_temp', f, current_schema());
  END LOOP;
END $search_path$;

DO $roles$
DECLARE
  prefix text := (SELECT r.prefix FROM database_roles r);
  admin text := prefix || '_admin';
  office text := prefix || '_office';
  head text := prefix || '_department_head';
  exec text := prefix || '_executive';
  grp text;
  t text;
  user_columns text := 'id, username, display_name, role, language, active, must_change_password, created_at';
  scope text := '(SELECT ombudsdesk_session_departments())';
  me text := '(SELECT ombudsdesk_session_user_id())';
BEGIN
  FOREACH grp IN ARRAY ARRAY[admin, office, head, exec] LOOP
    IF octet_length(grp) > 63 THEN
      RAISE EXCEPTION 'database name % is too long for its role names (at most 47 bytes)', current_database();
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = grp) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', grp);
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), grp);
  END LOOP;
  EXECUTE format('GRANT %I TO %I', office, admin);
  -- Only the owner and this database's login roles connect (ombudsdesk_sync_login grants CONNECT to each).
  BEGIN
    EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
  EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'not the owner of database %: PUBLIC keeps CONNECT (grant it to the login roles only by hand)', current_database();
  END;

  -- Functions: the helpers for everyone of this database; nothing SECURITY DEFINER for PUBLIC.
  REVOKE ALL ON FUNCTION ombudsdesk_session_user_id(), ombudsdesk_session_departments(), ombudsdesk_sync_login(integer, text) FROM PUBLIC;
  FOREACH grp IN ARRAY ARRAY[office, head, exec] LOOP
    EXECUTE format('GRANT EXECUTE ON FUNCTION ombudsdesk_session_user_id(), ombudsdesk_session_departments(), ombudsdesk_sync_login(integer, text) TO %I', grp);
  END LOOP;

  -- Reads. The executive and the office read every table; the password hashes only the admin.
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'users' LOOP
    EXECUTE format('GRANT SELECT ON %I TO %I, %I', t, office, exec);
  END LOOP;
  EXECUTE format('GRANT SELECT (%s) ON users TO %I, %I, %I', user_columns, office, head, exec);
  EXECUTE format('GRANT SELECT ON users TO %I', admin);
  FOREACH t IN ARRAY ARRAY['departments', 'categories', 'settings', 'reply_templates', 'user_departments',
    'schema_migrations', 'database_roles', 'login_roles', 'cases', 'case_events', 'case_pauses', 'attachments',
    'case_search', 'improvements', 'improvement_events', 'improvement_cases', 'notifications', 'user_markers',
    'request_ids', 'auth_failures'] LOOP
    EXECUTE format('GRANT SELECT ON %I TO %I', t, head);
  END LOOP;

  -- Writes of the office (the admin inherits them).
  FOREACH t IN ARRAY ARRAY['cases', 'case_pauses', 'attachments', 'reference_counters', 'notifications', 'user_markers',
    'request_ids', 'auth_failures', 'jobs', 'improvements', 'improvement_cases', 'outgoing_mail', 'imports',
    'import_items', 'imported_sources', 'import_mappings', 'barometer_votes', 'calls', 'peer_figures'] LOOP
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I TO %I', t, office);
  END LOOP;
  -- The timelines and the draw protocol: appended to, never changed (the owner alone may; the triggers refuse it anyway).
  FOREACH t IN ARRAY ARRAY['case_events', 'improvement_events', 'prize_draw_events'] LOOP
    EXECUTE format('GRANT INSERT ON %I TO %I', t, office);
  END LOOP;
  -- Their own password (row-level security below limits it to their own row).
  EXECUTE format('GRANT UPDATE (password_hash, must_change_password) ON users TO %I, %I', office, head);
  -- The admin's: users and what configures the office.
  EXECUTE format('GRANT INSERT, UPDATE ON users TO %I', admin);
  FOREACH t IN ARRAY ARRAY['user_departments', 'departments', 'categories', 'settings', 'reply_templates'] LOOP
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I TO %I', t, admin);
  END LOOP;
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON login_roles TO %I', admin);

  -- The department head's writes: returning a case (its status, a statement on the timeline, a pause ended), a note, an
  -- improvement's status; their notifications read, their markers, their request ids, the sign-in throttle.
  EXECUTE format('GRANT UPDATE ON cases, case_pauses, improvements TO %I', head);
  EXECUTE format('GRANT INSERT ON case_events, case_pauses, improvement_events, notifications, user_markers, request_ids, auth_failures TO %I', head);
  EXECUTE format('GRANT UPDATE ON notifications, user_markers, request_ids TO %I', head);
  EXECUTE format('GRANT DELETE ON auth_failures TO %I', head);

  -- Row-level security. Policies for a group apply to its members; the owner is not bound (not FORCEd).
  FOREACH t IN ARRAY ARRAY['cases', 'case_events', 'case_pauses', 'attachments', 'case_search', 'improvements',
    'improvement_events', 'improvement_cases', 'notifications', 'user_markers', 'request_ids', 'users'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    IF t <> 'users' THEN
      EXECUTE format('CREATE POLICY everything ON %I TO %I, %I USING (true) WITH CHECK (true)', t, office, exec);
    END IF;
  END LOOP;
  EXECUTE format('CREATE POLICY department ON cases TO %I USING (department_id IN %s) WITH CHECK (department_id IN %s)', head, scope, scope);
  EXECUTE format('CREATE POLICY department ON improvements TO %I USING (department_id IN %s) WITH CHECK (department_id IN %s)', head, scope, scope);
  FOREACH t IN ARRAY ARRAY['case_pauses', 'attachments'] LOOP
    EXECUTE format('CREATE POLICY department ON %I TO %I USING (case_id IN (SELECT id FROM cases)) WITH CHECK (case_id IN (SELECT id FROM cases))', t, head);
  END LOOP;
  -- A statement or note goes on a case of theirs, in their own name (nobody else's words on the timeline).
  EXECUTE format('CREATE POLICY department ON case_events TO %I USING (case_id IN (SELECT id FROM cases)) WITH CHECK (case_id IN (SELECT id FROM cases) AND actor_id = %s)', head, me);
  EXECUTE format('CREATE POLICY department ON case_search TO %I USING (rowid IN (SELECT id FROM cases))', head);
  EXECUTE format('CREATE POLICY department ON improvement_events TO %I USING (improvement_id IN (SELECT id FROM improvements)) WITH CHECK (improvement_id IN (SELECT id FROM improvements) AND actor_id = %s)', head, me);
  EXECUTE format('CREATE POLICY department ON improvement_cases TO %I USING (improvement_id IN (SELECT id FROM improvements) AND case_id IN (SELECT id FROM cases))', head);
  -- Their own notifications; a new one (for the office, on a returned case) only about a case of theirs.
  EXECUTE format('CREATE POLICY own ON notifications FOR SELECT TO %I USING (user_id = %s)', head, me);
  EXECUTE format('CREATE POLICY own_update ON notifications FOR UPDATE TO %I USING (user_id = %s) WITH CHECK (user_id = %s)', head, me, me);
  EXECUTE format('CREATE POLICY about_theirs ON notifications FOR INSERT TO %I WITH CHECK (case_id IS NULL OR case_id IN (SELECT id FROM cases))', head);
  FOREACH t IN ARRAY ARRAY['user_markers', 'request_ids'] LOOP
    EXECUTE format('CREATE POLICY own ON %I TO %I USING (user_id = %s) WITH CHECK (user_id = %s)', t, head, me, me);
  END LOOP;
  -- users: everyone reads the rows (the columns are limited above); only the admin changes others.
  EXECUTE format('CREATE POLICY everyone_reads ON users FOR SELECT TO %I, %I, %I USING (true)', office, head, exec);
  EXECUTE format('CREATE POLICY own_password ON users FOR UPDATE TO %I, %I USING (id = %s) WITH CHECK (id = %s)', office, head, me, me);
  EXECUTE format('CREATE POLICY admin ON users TO %I USING (true) WITH CHECK (true)', admin);
END $roles$;
`,
};
