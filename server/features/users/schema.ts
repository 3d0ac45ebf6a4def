import { z } from 'zod';
import { hasAreas, hasTowns, ROLES } from '../../domain/roles';

const role = z.enum(ROLES, { error: `role must be one of ${ROLES.join(', ')}` });
export const username = z.string().trim().min(1).max(64).regex(/^[\p{L}\p{N}._-]+$/u, 'letters, digits, . _ - only');
export const password = z.string().min(8, 'at least 8 characters').max(1024);
const displayName = z.string().trim().min(1).max(100);
const towns = z.array(z.string().trim().min(1).max(64)).max(100);
/** An area lead's contracted areas: a community has a handful, a lead rarely more than one. */
const areas = z.array(z.string().trim().min(1).max(64)).max(200);

export const newUser = z
  .strictObject({
    username,
    displayName: displayName.optional(),
    role,
    towns: towns.default([]),
    areas: areas.default([]),
    password,
    /** An account made ahead of its owner's start, or kept for the record: it cannot sign in. */
    disabled: z.boolean().default(false),
  })
  .refine((u) => !hasTowns(u.role) || u.towns.length > 0, { message: 'a planner needs towns', path: ['towns'] })
  .refine((u) => !hasAreas(u.role) || u.areas.length > 0, { message: 'an area lead needs areas', path: ['areas'], params: { code: 'lead_needs_areas' } });
export type NewUser = z.input<typeof newUser>;

/** An admin's change to an account: the version it was read at, and any of the fields. */
export const userChange = z
  .strictObject({
    version: z.number().int().positive(),
    role: role.optional(),
    towns: towns.optional(),
    areas: areas.optional(),
    displayName: displayName.optional(),
    disabled: z.boolean().optional(),
  });
export type UserChange = z.infer<typeof userChange>;

export const passwordReset = z.strictObject({ version: z.number().int().positive(), password });

export const userParams = z.strictObject({ id: z.string().min(1).max(64) });

/** Who made a change: a signed-in user, or a tool (`cli`, `demo`, `system`) without an id. */
export interface Actor {
  id: string | null;
  name: string;
}
export const SYSTEM: Actor = { id: null, name: 'system' };
