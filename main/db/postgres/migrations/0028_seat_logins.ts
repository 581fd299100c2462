// Seats run under their users' own login roles (issue 11, point 2): what migration 0022 left to the owner's connection
// becomes possible for each office role itself, and nothing more.
// - Everyone changes their own password (users row and login role together) through ombudsdesk_set_own_password(),
//   SECURITY DEFINER: the executive has no UPDATE on users at all, and nobody reads the password hashes but the admin.
// - The department head and the executive keep their own bookkeeping: jobs (exports run as jobs), request ids of their
//   writes, markers, the sign-in throttle; row-level security limits jobs, request ids and markers to their own rows.
// - The executive runs the prize draw: prepares it (a new prize_draws row) and draws it (the result columns of that
//   row; the guard trigger of migration 0005 keeps the entry list frozen and a drawn row immutable), and records the
//   winners' follow-up (prize_draw_events, append-only). Nobody but the owner UPDATEs any other column or DELETEs.
// - The department head reads the inbox counts of their own departments (case_counts), and of the search vocabulary
//   the words that occur in their departments' cases (row-level security over their visible search rows): a prefix or
//   typo search expands to those words only, and psql with their login lists no other department's words.
// - The barometer and accessibility figures (votes, calls, peer figures) are the office's, not a department's: everyone
//   reads them (reports); the foyer kiosk, which any signed-in role may open, adds votes.
// - The office saves reply templates (the admin's alone before) and the last Open311 endpoint it polled (that one key
//   of settings; the others stay the admin's).
export const migration = {
  id: '0028_seat_logins',
  sql: /* sql */ `
CREATE FUNCTION ombudsdesk_set_own_password(p_hash text, p_verifier text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
  me integer := ombudsdesk_session_user_id();
BEGIN
  IF me IS NULL THEN
    RAISE EXCEPTION 'ombudsdesk_set_own_password: not an Ombudsdesk login' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_verifier !~ '^SCRAM-SHA-256\\$' OR p_hash IS NULL OR p_hash = '' THEN
    RAISE EXCEPTION 'ombudsdesk_set_own_password: a password hash and a SCRAM-SHA-256 verifier are expected' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  UPDATE users SET password_hash = p_hash, must_change_password = 0 WHERE id = me;
  EXECUTE format('ALTER ROLE %I PASSWORD %L', session_user, p_verifier);
END $$;

DO $grants$
DECLARE
  prefix text := (SELECT r.prefix FROM database_roles r);
  office text := prefix || '_office';
  head text := prefix || '_department_head';
  exec text := prefix || '_executive';
  me text := '(SELECT ombudsdesk_session_user_id())';
  scope text := '(SELECT ombudsdesk_session_departments())';
  t text;
BEGIN
  EXECUTE format('ALTER FUNCTION ombudsdesk_set_own_password(text, text) SET search_path = %I, pg_temp', current_schema());
  REVOKE ALL ON FUNCTION ombudsdesk_set_own_password(text, text) FROM PUBLIC;
  EXECUTE format('GRANT EXECUTE ON FUNCTION ombudsdesk_set_own_password(text, text) TO %I, %I, %I', office, head, exec);

  -- Jobs: the office sees everyone's (the job list), the others their own.
  EXECUTE format('GRANT SELECT, INSERT, UPDATE ON jobs TO %I, %I', head, exec);
  ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
  EXECUTE format('CREATE POLICY everything ON jobs TO %I USING (true) WITH CHECK (true)', office);
  EXECUTE format('CREATE POLICY own ON jobs TO %I, %I USING (user_id = %s) WITH CHECK (user_id = %s)', head, exec, me, me);

  -- The executive's own rows: request ids, markers, notifications (read all, as before; mark their own read).
  FOREACH t IN ARRAY ARRAY['request_ids', 'user_markers'] LOOP
    EXECUTE format('ALTER POLICY everything ON %I TO %I', t, office);
    EXECUTE format('GRANT INSERT, UPDATE ON %I TO %I', t, exec);
    EXECUTE format('CREATE POLICY own_executive ON %I TO %I USING (user_id = %s) WITH CHECK (user_id = %s)', t, exec, me, me);
  END LOOP;
  EXECUTE format('GRANT UPDATE ON notifications TO %I', exec);
  EXECUTE format('CREATE POLICY own_update_executive ON notifications FOR UPDATE TO %I USING (user_id = %s) WITH CHECK (user_id = %s)', exec, me, me);
  EXECUTE format('ALTER POLICY everything ON notifications TO %I', office);
  EXECUTE format('CREATE POLICY reads_executive ON notifications FOR SELECT TO %I USING (true)', exec);
  EXECUTE format('GRANT INSERT, DELETE ON auth_failures TO %I', exec);

  -- The prize draw.
  EXECUTE format('GRANT INSERT ON prize_draws, prize_draw_events TO %I', exec);
  EXECUTE format('GRANT UPDATE (status, seed, algorithm, algorithm_version, ranking, winner_count, witnesses, drawn_at, drawn_by, drawn_by_name) ON prize_draws TO %I', exec);

  -- The search vocabulary: a department head's words.
  EXECUTE format('GRANT SELECT ON case_search_vocab TO %I', head);
  ALTER TABLE case_search_vocab ENABLE ROW LEVEL SECURITY;
  EXECUTE format('CREATE POLICY everything ON case_search_vocab TO %I, %I USING (true)', office, exec);
  EXECUTE format('CREATE POLICY department ON case_search_vocab TO %I USING (EXISTS (SELECT FROM case_search s WHERE s.doc @@ quote_literal(term)::tsquery))', head);

  -- Barometer and accessibility figures.
  EXECUTE format('GRANT SELECT ON barometer_votes, calls, peer_figures TO %I', head);
  EXECUTE format('GRANT INSERT ON barometer_votes TO %I, %I', head, exec);

  -- Reply templates; the Open311 endpoint.
  EXECUTE format('GRANT INSERT, UPDATE, DELETE ON reply_templates TO %I', office);
  EXECUTE format('GRANT INSERT, UPDATE ON settings TO %I', office);
  ALTER TABLE settings ENABLE ROW LEVEL SECURITY;
  EXECUTE format('CREATE POLICY everyone_reads ON settings FOR SELECT TO %I, %I, %I USING (true)', office, head, exec);
  EXECUTE format('CREATE POLICY admin ON settings TO %I USING (true) WITH CHECK (true)', prefix || '_admin');
  EXECUTE format($p$CREATE POLICY open311_insert ON settings FOR INSERT TO %I WITH CHECK (key = 'open311_endpoint')$p$, office);
  EXECUTE format($p$CREATE POLICY open311_update ON settings FOR UPDATE TO %I USING (key = 'open311_endpoint') WITH CHECK (key = 'open311_endpoint')$p$, office);

  -- The inbox counts of a department head's departments.
  EXECUTE format('GRANT SELECT ON case_counts TO %I', head);
  ALTER TABLE case_counts ENABLE ROW LEVEL SECURITY;
  EXECUTE format('CREATE POLICY everything ON case_counts TO %I, %I USING (true)', office, exec);
  EXECUTE format('CREATE POLICY department ON case_counts TO %I USING (department_id IN %s)', head, scope);
END $grants$;
`,
};
