// Who is asking: `req.user` is the signed-in user, or undefined for the anonymous public.
// `req.audit` writes an audit row with the actor already filled in.
import type { RequestHandler } from 'express';
import type { AppContext } from '../../context';
import { HttpError } from '../../http/errors';
import { audit, type AuditEntry } from '../audit/service';
import type { Role } from '../../domain/roles';
import { readCookie, SESSION_COOKIE } from './cookies';
import { userOfSession, type AuthUser, type SessionPolicy } from './service';

declare module 'express-serve-static-core' {
  interface Request {
    user?: AuthUser;
    audit: (entry: AuditEntry) => Promise<void>;
  }
}

export function authenticate(ctx: AppContext, policy: SessionPolicy): RequestHandler {
  const cookie = policy.cookie ?? SESSION_COOKIE;
  return async (req, _res, next) => {
    const token = readCookie(req.headers.cookie, cookie);
    req.user = token ? await userOfSession(ctx, token, policy) : undefined;
    req.audit = (entry) => audit(ctx, { actorId: req.user?.id ?? null, actor: req.user?.username ?? null, ...entry });
    next();
  };
}

/** 401 for the anonymous, 403 (audited) for a signed-in user of another role. */
export function requireRole(...roles: Role[]): RequestHandler {
  return async (req, _res, next) => {
    if (!req.user) throw new HttpError(401, 'login_required');
    if (!roles.includes(req.user.role)) {
      await req.audit({ action: 'authz_denied', detail: { method: req.method, path: req.path, role: req.user.role } });
      throw new HttpError(403, 'role_forbidden');
    }
    next();
  };
}
