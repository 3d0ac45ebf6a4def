// Reading the audit log: filtered, newest first, paged by id (the cursor is the last id seen,
// so rows written meanwhile never shift a page).
import { z } from 'zod';
import type { AppContext } from '../../context';
import { wholeNumber } from '../../http/parse';

export const auditQuery = z
  .object({
    actor: z.string().trim().min(1).max(64).optional(),
    action: z.string().trim().min(1).max(64).optional(),
    objectType: z.string().trim().min(1).max(64).optional(),
    objectId: z.string().trim().min(1).max(64).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: wholeNumber(1, 500).default(50),
    cursor: z.string().regex(/^\d{1,18}$/, 'cursor: the nextCursor of a previous page').optional(),
  })
  .strict();
export type AuditQuery = z.infer<typeof auditQuery>;

export interface AuditRecord {
  id: number;
  at: Date;
  actorId: string | null;
  actor: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  versionBefore: number | null;
  versionAfter: number | null;
  detail: Record<string, unknown>;
}

export async function listAudit({ db, region }: AppContext, q: AuditQuery): Promise<{ entries: AuditRecord[]; nextCursor: string | null }> {
  const k = db.knex;
  const query = k('audit_log').where({ region });
  if (q.actor) query.andWhere('actor', q.actor);
  if (q.action) query.andWhere('action', q.action);
  if (q.objectType) query.andWhere('object_type', q.objectType);
  if (q.objectId) query.andWhere('object_id', q.objectId);
  if (q.from) query.andWhere('at', '>=', q.from);
  if (q.to) query.andWhere('at', '<', q.to);
  if (q.cursor) query.andWhere('id', '<', q.cursor);
  // One row more than asked tells whether another page exists.
  const rows = await query.orderBy('id', 'desc').limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    entries: page.map((r) => ({
      id: Number(r.id),
      at: r.at,
      actorId: r.actor_id,
      actor: r.actor,
      action: r.action,
      objectType: r.object_type,
      objectId: r.object_id,
      versionBefore: r.version_before,
      versionAfter: r.version_after,
      detail: typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail,
    })),
    nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.id) : null,
  };
}
