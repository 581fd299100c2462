// PostgreSQL twin of sqlite/migrations/0020_open311_scope.ts: Open311 sources keyed by where they came from.
export const migration = {
  id: '0020_open311_scope',
  sql: /* sql */ `
UPDATE imported_sources AS t SET source_kind = scoped.kind
FROM (
  SELECT
    s.external_id,
    CASE
      WHEN p.source LIKE 'http://%' OR p.source LIKE 'https://%'
        THEN 'open311:' || split_part(p.source, '?', 1) || '#' || coalesce(substring(p.source from '[?&]jurisdiction_id=([^&]*)'), '')
      ELSE 'open311:file:' || coalesce((SELECT e.data::jsonb ->> 'source' FROM case_events e WHERE e.case_id = s.case_id AND e.type = 'open311_imported' ORDER BY e.id LIMIT 1), p.source)
    END AS kind
  FROM imported_sources s
  JOIN imports p ON p.id = s.import_id
  WHERE s.source_kind = 'open311'
) AS scoped
WHERE t.source_kind = 'open311' AND t.external_id = scoped.external_id;
`,
};
