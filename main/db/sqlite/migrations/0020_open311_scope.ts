// Open311 requests are known by their service_request_id only within one city's endpoint: two cities may both have a
// request 101. The import's source kind, 'open311' until now, names the source (main/jobs/table-jobs.ts, open311Scope):
// 'open311:<endpoint URL without its query>#<jurisdiction_id as in the URL>' for a poll, 'open311:file:<file name>' for a
// file. The requests imported before are given the key they would get now: a poll's from its import's URL, a file's
// from the file name its case's import event names (the import's source when that is missing).
export const migration = {
  id: '0020_open311_scope',
  sql: /* sql */ `
UPDATE imported_sources SET source_kind = scoped.kind
FROM (
  SELECT
    s.external_id,
    CASE
      WHEN p.poll THEN 'open311:' || p.base || '#' || CASE WHEN instr(p.j0, '&') > 0 THEN substr(p.j0, 1, instr(p.j0, '&') - 1) ELSE p.j0 END
      ELSE 'open311:file:' || coalesce((SELECT json_extract(e.data, '$.source') FROM case_events e WHERE e.case_id = s.case_id AND e.type = 'open311_imported' ORDER BY e.id LIMIT 1), p.source)
    END AS kind
  FROM imported_sources s
  JOIN (
    SELECT
      id,
      source,
      (source LIKE 'http://%' OR source LIKE 'https://%') AS poll,
      CASE WHEN instr(source, '?') > 0 THEN substr(source, 1, instr(source, '?') - 1) ELSE source END AS base,
      CASE
        WHEN instr(source, '?jurisdiction_id=') > 0 THEN substr(source, instr(source, '?jurisdiction_id=') + 17)
        WHEN instr(source, '&jurisdiction_id=') > 0 THEN substr(source, instr(source, '&jurisdiction_id=') + 17)
        ELSE ''
      END AS j0
    FROM imports
  ) p ON p.id = s.import_id
  WHERE s.source_kind = 'open311'
) AS scoped
WHERE imported_sources.source_kind = 'open311' AND imported_sources.external_id = scoped.external_id;
`,
};
