import { z } from 'zod';

export const ROLES = ['admin', 'planner', 'leader', 'staff'] as const;
export type Role = (typeof ROLES)[number];

export const username = z.string().trim().min(1).max(64).regex(/^[\p{L}\p{N}._-]+$/u, 'letters, digits, . _ - only');
export const password = z.string().min(8, 'at least 8 characters').max(1024);

export const newUser = z
  .object({
    username,
    displayName: z.string().trim().min(1).max(100).optional(),
    role: z.enum(ROLES),
    towns: z.array(z.string().trim().min(1).max(64)).default([]),
    password,
  })
  .refine((u) => u.role !== 'planner' || u.towns.length > 0, { message: 'a planner needs --towns', path: ['towns'] });
export type NewUser = z.input<typeof newUser>;
