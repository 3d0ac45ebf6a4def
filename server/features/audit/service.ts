// The audit log: who did what to which object. Callers pass ids and outcomes, never
// passwords or phone numbers; `detail` is for the small facts an admin needs to read it.
import type { Knex } from 'knex';
import type { AppContext } from '../../context';

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
  | 'audit_purge';

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

/** Writes one row and returns its id, so a write inside `db.write` can `touch` it. */
export async function audit({ db, region }: AppContext, entry: AuditEntry, k: Knex = db.knex): Promise<number> {
  const [row] = await k('audit_log')
    .insert({
      region,
      action: entry.action,
      actor_id: entry.actorId ?? null,
      actor: entry.actor ?? null,
      object_type: entry.objectType ?? null,
      object_id: entry.objectId ?? null,
      version_before: entry.versionBefore ?? null,
      version_after: entry.versionAfter ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .returning('id');
  return Number(row.id);
}
