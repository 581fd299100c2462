// The mapping dialog's preview: the first rows (parsed by a previewTable job in its worker, never here) read through the
// mapping being edited, each with the errors and warnings the import would record for it.
import { z } from 'zod';
import { mapTableRow } from '../domain/table-mapping.ts';
import { readJson } from '../db/json.ts';
import type { PreviewCheck } from '../types/imports.ts';
import type { TableMapping } from '../vocabulary/imports.ts';
import type { ServiceContext } from './context.ts';
import { nameLookups } from './table-imports.ts';

const previewSchema = z.object({ headers: z.array(z.string()), rows: z.array(z.array(z.string())).max(100), headerRow: z.number().int() });

export async function checkPreview(ctx: ServiceContext, previewJson: string, mapping: TableMapping): Promise<PreviewCheck> {
  const preview = readJson(previewJson, previewSchema);
  const lookups = await nameLookups(ctx);
  const now = ctx.now();
  return {
    rows: preview.rows.map((cells, index) => {
      const result = mapTableRow(preview.headers, cells, mapping, lookups, now);
      return { row: preview.headerRow + index + 1, errors: result.errors, warnings: result.warnings };
    }),
  };
}
