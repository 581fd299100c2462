// Reply templates the office maintains per case kind and language; a template with a placeholder no case can fill is refused.
import type { CaseKind } from '../domain/model.ts';
import { templateProblems, type TemplateLanguage } from '../domain/templates.ts';
import type { ReplyTemplate } from '../api/types.ts';
import type { Selectable } from 'kysely';
import type { ReplyTemplatesTable } from '../db/schema.ts';
import type { ServiceContext } from './context.ts';
import { fail } from './errors.ts';

export interface ReplyTemplateFilter {
  kind?: CaseKind | undefined;
  language?: TemplateLanguage | undefined;
  includeInactive: boolean;
}

export type SaveReplyTemplateInput = Pick<ReplyTemplate, 'kind' | 'language' | 'name' | 'subject' | 'body' | 'active'> & { id?: number | undefined };

function toTemplate(row: Selectable<ReplyTemplatesTable>): ReplyTemplate {
  return {
    id: row.id,
    kind: row.kind as CaseKind,
    language: row.language as TemplateLanguage,
    name: row.name,
    subject: row.subject,
    body: row.body,
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function loadReplyTemplate(ctx: ServiceContext, id: number, field = 'id'): ReplyTemplate {
  const row = ctx.db.first(ctx.db.q.selectFrom('reply_templates').selectAll().where('id', '=', id));
  if (!row) fail('not_found', { field });
  return toTemplate(row);
}

export function listReplyTemplates(ctx: ServiceContext, filter: ReplyTemplateFilter): ReplyTemplate[] {
  let query = ctx.db.q.selectFrom('reply_templates').selectAll();
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.language) query = query.where('language', '=', filter.language);
  if (!filter.includeInactive) query = query.where('active', '=', 1);
  return ctx.db.all(query.orderBy('kind').orderBy('language').orderBy('name').orderBy('id')).map(toTemplate);
}

export function saveReplyTemplate(ctx: ServiceContext, input: SaveReplyTemplateInput): ReplyTemplate {
  const placeholders = templateProblems(input);
  if (placeholders.length > 0) fail('template_placeholder_unknown', { placeholders });
  const { db } = ctx;
  return db.transaction(() => {
    if (input.id !== undefined) loadReplyTemplate(ctx, input.id);
    const clash = db.first(
      db.q
        .selectFrom('reply_templates')
        .select('id')
        .where('kind', '=', input.kind)
        .where('language', '=', input.language)
        .where('name', '=', input.name),
    );
    if (clash && clash.id !== input.id) fail('conflict', { field: 'name' });
    const stamp = ctx.now().toISOString();
    const fields = {
      kind: input.kind,
      language: input.language,
      name: input.name,
      subject: input.subject,
      body: input.body,
      active: input.active ? 1 : 0,
      updated_at: stamp,
    };
    if (input.id === undefined) {
      const row = db.first(db.q.insertInto('reply_templates').values({ ...fields, created_at: stamp }).returningAll())!;
      return toTemplate(row);
    }
    db.run(db.q.updateTable('reply_templates').set(fields).where('id', '=', input.id));
    return loadReplyTemplate(ctx, input.id);
  });
}
