// Reply templates the office maintains per case kind and language; a template with a placeholder no case can fill is refused.
import type { CaseKind } from '../domain/model.ts';
import { templateProblems, type TemplateLanguage } from '../domain/templates.ts';
import type { ReplyTemplate } from '../types/settings.ts';
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
    kind: row.kind,
    language: row.language,
    name: row.name,
    subject: row.subject,
    body: row.body,
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function loadReplyTemplate(ctx: ServiceContext, id: number, field = 'id'): Promise<ReplyTemplate> {
  const row = (await ctx.read.selectFrom('reply_templates').selectAll().where('id', '=', id).executeTakeFirst());
  if (!row) fail('not_found', { field });
  return toTemplate(row);
}

export async function listReplyTemplates(ctx: ServiceContext, filter: ReplyTemplateFilter): Promise<ReplyTemplate[]> {
  let query = ctx.read.selectFrom('reply_templates').selectAll();
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.language) query = query.where('language', '=', filter.language);
  if (!filter.includeInactive) query = query.where('active', '=', 1);
  return (await query.orderBy('kind').orderBy('language').orderBy('name').orderBy('id').execute()).map(toTemplate);
}

export async function saveReplyTemplate(ctx: ServiceContext, input: SaveReplyTemplateInput): Promise<ReplyTemplate> {
  const placeholders = templateProblems(input);
  if (placeholders.length > 0) fail('template_placeholder_unknown', { placeholders });
  return ctx.tx(async (ctx) => {
    const { db } = ctx;
    if (input.id !== undefined) await loadReplyTemplate(ctx, input.id);
    const clash = (await db
        .selectFrom('reply_templates')
        .select('id')
        .where('kind', '=', input.kind)
        .where('language', '=', input.language)
        .where('name', '=', input.name).executeTakeFirst());
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
      const row = (await db.insertInto('reply_templates').values({ ...fields, created_at: stamp }).returningAll().executeTakeFirst())!;
      return toTemplate(row);
    }
    await db.updateTable('reply_templates').set(fields).where('id', '=', input.id).execute();
    return await loadReplyTemplate(ctx, input.id);
  });
}
