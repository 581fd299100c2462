// Live refresh (issue 11, point 4): when a seat changes a case, the other seats' inbox and open case view update. Each
// statement that writes cases, case_events or attachments sends one notification on the channel ombudsdesk_cases with
// the ids of the cases it touched, comma-separated ('*' when they would not fit the 8,000-byte payload: an import
// batch). PostgreSQL delivers notifications only when the transaction commits, and drops repeats of the same payload
// within a transaction, so a rolled-back write announces nothing. Every app connection LISTENs (postgres/index.ts).
// Statement-level triggers with a transition table: a batch of 500 imported cases is one notification, not 500.
export const migration = {
  id: '0027_case_change_feed',
  sql: /* sql */ `
CREATE FUNCTION ombudsdesk_notify_cases() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids text;
BEGIN
  IF TG_TABLE_NAME = 'cases' THEN
    SELECT string_agg(DISTINCT id::text, ',') INTO ids FROM changed_rows;
  ELSE
    SELECT string_agg(DISTINCT case_id::text, ',') INTO ids FROM changed_rows;
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM pg_notify('ombudsdesk_cases', CASE WHEN length(ids) > 7900 THEN '*' ELSE ids END);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER cases_notify_insert AFTER INSERT ON cases REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ombudsdesk_notify_cases();
CREATE TRIGGER cases_notify_update AFTER UPDATE ON cases REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ombudsdesk_notify_cases();
CREATE TRIGGER case_events_notify AFTER INSERT ON case_events REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ombudsdesk_notify_cases();
CREATE TRIGGER attachments_notify AFTER INSERT ON attachments REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ombudsdesk_notify_cases();
`,
};
