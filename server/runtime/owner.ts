// Whose a job is, for the pool's fairness: the signed-in user, else the caller's address. Kept
// in the request's async context so services call the pool without passing it along; set again
// after each body parser, whose stream callbacks run outside the context set before them.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler } from 'express';

const owners = new AsyncLocalStorage<string>();

export const currentOwner = (): string => owners.getStore() ?? 'server';

export const jobOwner = (): RequestHandler => (req, _res, next) =>
  owners.run(req.user ? `user:${req.user.id}` : `ip:${req.ip ?? ''}`, () => next());
