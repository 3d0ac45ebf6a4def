import { Router, type Request } from 'express';
import type { AppContext } from '../../context';
import { parseRequest } from '../../http/parse';
import { requireRole } from '../auth/middleware';
import { resetPassword, updateUser } from './admin';
import { newUser, passwordReset, userChange, userParams, type Actor } from './schema';
import { createUser, listUsers } from './service';
import { listTowns } from './towns';

const actorOf = (req: Request): Actor => ({ id: req.user!.id, name: req.user!.username });

/** The admin page's accounts: admins only. */
export function userRoutes(ctx: AppContext): Router {
  const adminOnly = requireRole('admin');
  return Router()
    .get('/api/users', adminOnly, async (req, res) => {
      parseRequest(req, {});
      // The towns come along: they are what a planner's jurisdiction is chosen from.
      const [users, towns] = await Promise.all([listUsers(ctx), listTowns(ctx)]);
      res.json({ users, towns });
    })
    .post('/api/users', adminOnly, async (req, res) => {
      const { body } = parseRequest(req, { body: newUser });
      res.status(201).json({ user: await createUser(ctx, body, actorOf(req)) });
    })
    .patch('/api/users/:id', adminOnly, async (req, res) => {
      const { params, body } = parseRequest(req, { params: userParams, body: userChange });
      res.json({ user: await updateUser(ctx, params.id, body, actorOf(req)) });
    })
    .post('/api/users/:id/password', adminOnly, async (req, res) => {
      const { params, body } = parseRequest(req, { params: userParams, body: passwordReset });
      res.json({ user: await resetPassword(ctx, params.id, body.version, body.password, actorOf(req)) });
    });
}
