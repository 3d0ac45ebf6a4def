// The audit log: who did what to which object. Callers pass ids and outcomes, never
// passwords or phone numbers; `detail` is for the small facts an admin needs to read it.
import type { Knex } from 'knex';
import type { AppContext } from '../../context';
import type { Touch } from '../../db/write';

export type AuditAction =
  | 'login'
  | 'login_failed'
  | 'logout'
  | 'reveal'
  | 'authz_denied'
  | 'user_create'
  | 'user_update'
  | 'user_disable'
  | 'user_enable'
  | 'user_password_reset'
  | 'audit_purge'
  | 'create'
  | 'update'
  | 'restore'
  | 'delete'
  | 'plan_save'
  | 'plan_restore'
  | 'areas_import'
  | 'areas_export'
  | 'adopt'
  | 'undo_adopt'
  | 'discard'
  | 'import_create'
  | 'import_commit'
  | 'import_undo'
  | 'import_discard'
  | 'layer_export'

  | 'request_file'
  | 'request_step'
  | 'request_escalate'
  | 'request_purge'
  | 'visit_create'
  | 'visit_convert';

export interface AuditEntry {
  action: AuditAction;
  actorId?: string | null;
  actor?: string | null;
  objectType?: string;
  objectId?: string;
  versionBefore?: number;
  versionAfter?: number;
  detail?: Record<string, unknown>;
}

/** Writes the entry inside the caller's write, or as a write of its own. */
export async function audit(ctx: AppContext, entry: AuditEntry, within?: { trx: Knex.Transaction; touch: Touch }): Promise<void> {
  if (!within) return ctx.db.write((trx, touch) => audit(ctx, entry, { trx, touch }));
  const [row] = await within.trx('audit_log').insert({
    region: ctx.region,
    action: entry.action,
    actor_id: entry.actorId ?? null,
    actor: entry.actor ?? null,
    object_type: entry.objectType ?? null,
    object_id: entry.objectId ?? null,
    version_before: entry.versionBefore ?? null,
    version_after: entry.versionAfter ?? null,
    detail: JSON.stringify(entry.detail ?? {}),
  }, ['id']);
  within.touch('audit_log', { id: String((row as { id: unknown }).id) });
}
