// A department head's search at her own desk (issue 11's benchmark, measured under her own login since seats run
// under their users' logins): row-level security on the search table tied each row to a visible case (rowid IN (SELECT
// id FROM cases), itself limited by the cases' policy), so every search read her departments' cases in full first:
// 204 ms for a search and 459 ms for the typo search at 100,000 cases. Since migration 0029 the search table keeps each
// case's department itself (with an index, and kept by the trigger when a case moves), so the policies name it
// directly: the same rows, found through the index. The vocabulary's policy (migration 0028: a word is hers when one
// of her search rows holds it) looks at her departments' rows the same way.
export const migration = {
  id: '0030_department_search_policies',
  sql: /* sql */ `
ALTER POLICY department ON case_search USING (department_id IN (SELECT ombudsdesk_session_departments()));
ALTER POLICY department ON case_search_vocab USING (EXISTS (
  SELECT FROM case_search s WHERE s.department_id IN (SELECT ombudsdesk_session_departments()) AND s.doc @@ quote_literal(term)::tsquery
));
`,
};
