// The person's history: the other cases of whoever wrote this one, found by the same e-mail address or the same phone
// number (in any format: both reduce to the key the search index stores, see domain/search-text.ts). Scoped like every
// case read: a department head sees only the cases of their own departments.
import type { PersonCase } from '../types/cases.ts';
import { phoneKey } from '../domain/search-text.ts';
import { departmentScope, scopeList, type Actor } from './actor.ts';
import { loadCaseRow } from './cases.ts';
import type { ServiceContext } from './context.ts';
import { search } from '../db/search.ts';

export async function personHistory(ctx: ServiceContext, actor: Actor, caseId: number, limit = 50): Promise<PersonCase[]> {
  const db = ctx.read;
  const row = await loadCaseRow(ctx, actor, caseId);
  if (row.submitter_anonymous === 1) return [];
  const email = row.submitter_email?.trim().toLowerCase() || null;
  const phone = row.submitter_phone ? phoneKey(row.submitter_phone) : '';
  // The index narrows the candidates; the comparison below keeps only exact matches.
  const match = search.contactQuery({ email, phone: phone.length >= 5 ? phone : null });
  if (match === null) return [];
  const scope = departmentScope(actor);
  const rows = (await db
      .selectFrom('cases as c')
      .innerJoin(search.matchingIds(match).as('hit'), 'hit.rowid', 'c.id')
      .select(['c.id', 'c.reference', 'c.received_at', 'c.kind', 'c.subject', 'c.status', 'c.submitter_email', 'c.submitter_phone'])
      .where('c.id', '!=', row.id)
      .$if(scope !== null, (q) => q.where('c.department_id', 'in', scopeList(scope ?? [])))
      .orderBy('c.received_at', 'desc')
      .limit(limit * 2).execute());
  return rows
    .map((r) => {
      const byEmail = email !== null && r.submitter_email?.trim().toLowerCase() === email;
      const byPhone = phone.length >= 5 && r.submitter_phone !== null && phoneKey(r.submitter_phone) === phone;
      return { r, matchedBy: byEmail ? ('email' as const) : byPhone ? ('phone' as const) : null };
    })
    .filter((x) => x.matchedBy !== null)
    .slice(0, limit)
    .map(({ r, matchedBy }) => ({
      id: r.id,
      reference: r.reference,
      receivedAt: r.received_at,
      kind: r.kind,
      subject: r.subject,
      status: r.status,
      matchedBy: matchedBy!,
    }));
}
