import { z } from 'zod';

export const ROLES = ['admin', 'planner', 'leader', 'staff'] as const;
export type Role = (typeof ROLES)[number];

const role = z.enum(ROLES, { error: `role must be one of ${ROLES.join(', ')}` });
export const username = z.string().trim().min(1).max(64).regex(/^[\p{L}\p{N}._-]+$/u, 'letters, digits, . _ - only');
export const password = z.string().min(8, 'at least 8 characters').max(1024);
const displayName = z.string().trim().min(1).max(100);
const towns = z.array(z.string().trim().min(1).max(64)).max(100);

export const newUser = z
  .object({
    username,
    displayName: displayName.optional(),
    role,
    towns: towns.default([]),
    password,
  })
  .refine((u) => u.role !== 'planner' || u.towns.length > 0, { message: 'a planner needs towns', path: ['towns'] });
export type NewUser = z.input<typeof newUser>;

/** An admin's change to an account: the version it was read at, and any of the fields. */
export const userChange = z
  .object({
    version: z.number().int().positive(),
    role: role.optional(),
    towns: towns.optional(),
    displayName: displayName.optional(),
    disabled: z.boolean().optional(),
  })
  .strict();
export type UserChange = z.infer<typeof userChange>;

export const passwordReset = z.object({ version: z.number().int().positive(), password }).strict();

export const userParams = z.object({ id: z.string().min(1).max(64) });

/** Who made a change: a signed-in user, or a tool (`cli`, `demo`, `system`) without an id. */
export interface Actor {
  id: string | null;
  name: string;
}
export const SYSTEM: Actor = { id: null, name: 'system' };
