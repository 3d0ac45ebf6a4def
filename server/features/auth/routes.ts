import { Router } from 'express';
import type { AppContext } from '../../context';
import { HttpError } from '../../http/errors';
import { parseRequest } from '../../http/parse';
import { readCookie, SESSION_COOKIE, sessionCookie } from './cookies';
import { loginBody } from './schema';
import { login, logout, type SessionPolicy } from './service';

export function authRoutes(ctx: AppContext, policy: SessionPolicy): Router {
  const cookie = policy.cookie ?? SESSION_COOKIE;
  return Router()
    .post('/api/auth/login', async (req, res) => {
      const { username, password } = parseRequest(req, { body: loginBody }).body;
      const result = await login(ctx, username, password, policy, req.ip);
      if (!result.ok && result.status === 429) {
        res.set('Retry-After', String(result.retryAfterSeconds));
        throw new HttpError(429, 'login_locked');
      }
      // The same words whether the user exists or not.
      if (!result.ok) throw new HttpError(401, 'login_failed');
      res.append('Set-Cookie', sessionCookie(result.token, result.maxAgeSeconds, req.secure, cookie));
      res.json({ user: result.user });
    })
    .post('/api/auth/logout', async (req, res) => {
      parseRequest(req, {});
      const token = readCookie(req.headers.cookie, cookie);
      if (token) await logout(ctx, token, req.user);
      res.append('Set-Cookie', sessionCookie('', 0, req.secure, cookie));
      res.status(204).end();
    })
    .get('/api/auth/me', (req, res) => {
      parseRequest(req, {});
      if (!req.user) throw new HttpError(401, 'not_logged_in');
      res.json({ user: req.user });
    });
}
