import { Router, type Request } from 'express';
import type { AppContext } from '../../context';
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
    .get('/api/users', adminOnly, async (_req, res) => {
      // The towns come along: they are what a planner's jurisdiction is chosen from.
      const [users, towns] = await Promise.all([listUsers(ctx), listTowns(ctx)]);
      res.json({ users, towns });
    })
    .post('/api/users', adminOnly, async (req, res) => {
      const input = newUser.parse(req.body ?? {});
      res.status(201).json({ user: await createUser(ctx, input, actorOf(req)) });
    })
    .patch('/api/users/:id', adminOnly, async (req, res) => {
      const { id } = userParams.parse(req.params);
      const change = userChange.parse(req.body ?? {});
      res.json({ user: await updateUser(ctx, id, change, actorOf(req)) });
    })
    .post('/api/users/:id/password', adminOnly, async (req, res) => {
      const { id } = userParams.parse(req.params);
      const { version, password } = passwordReset.parse(req.body ?? {});
      res.json({ user: await resetPassword(ctx, id, version, password, actorOf(req)) });
    });
}
