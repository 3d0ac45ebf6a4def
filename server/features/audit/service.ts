// The audit log: who did what to which object. Callers pass ids and outcomes, never
// passwords or phone numbers; `detail` is for the small facts an admin needs to read it.
import type { Knex } from 'knex';
import type { AppContext } from '../../context';

export type AuditAction = 'login' | 'login_failed' | 'logout' | 'reveal' | 'authz_denied';

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

export async function audit({ db, region }: AppContext, entry: AuditEntry, k: Knex = db.knex): Promise<void> {
  await k('audit_log').insert({
    region,
    action: entry.action,
    actor_id: entry.actorId ?? null,
    actor: entry.actor ?? null,
    object_type: entry.objectType ?? null,
    object_id: entry.objectId ?? null,
    version_before: entry.versionBefore ?? null,
    version_after: entry.versionAfter ?? null,
    detail: JSON.stringify(entry.detail ?? {}),
  });
}
