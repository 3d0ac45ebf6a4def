// A deliberate look at a resident's name and phone on a request: allowed to those who act on it
// (its lead, the staff above, admins), refused (403) to others who may read it, and always
// audited (the request and who looked, never the values).
import type { AppContext } from '../../context';
import { readsRequest, requesterAccess } from '../../domain/jurisdiction';
import { HttpError } from '../../http/errors';
import { audit } from '../audit/service';
import { refuseUnless } from '../auth/guard';
import type { AuthUser } from '../auth/service';
import { findRequest, placeOf } from './store';

export async function revealRequester(ctx: AppContext, user: AuthUser, id: string): Promise<{ name: string | null; phone: string | null }> {
  const r = await findRequest(ctx.db.knex, ctx.region, id);
  await refuseUnless(ctx, user, 'request', id, !!r && readsRequest(user, placeOf(r)));
  const allowed = requesterAccess(user, placeOf(r!)) === 'revealable';
  await audit(ctx, {
    action: allowed ? 'reveal' : 'authz_denied', actorId: user.id, actor: user.username, objectType: 'request', objectId: id,
    detail: allowed ? { fields: ['requester_name', 'requester_phone'], role: user.role } : { reason: 'reveal', role: user.role },
  });
  if (!allowed) throw new HttpError(403, 'role_forbidden');
  return { name: r!.requesterName, phone: r!.requesterPhone };
}
