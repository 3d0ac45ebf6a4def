// The bodies of the scenario endpoints. Limits are generous for a whole city (526 villages)
// and bounded so one request cannot ask for unbounded work.
import { z } from 'zod';

const id = z.string().trim().min(1).max(64);
const name = z.string().trim().min(1).max(100);

export const scenarioParams = z.strictObject({ id });

export const createBody = z.strictObject({
  name,
  /** The towns it may regroup; a planner's default is the planner's towns, an admin's the whole city. */
  townIds: z.array(id).min(1).max(100).optional(),
});

export const groupBody = z.strictObject({
  /** Stable name of the group inside the scenario; made from its position when left out. */
  key: z.string().trim().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, - and _, at most 32').optional(),
  name,
  nameEn: name.optional(),
  villages: z.array(id).max(1000).default([]),
  /** Whole communities: all their villages as they are when the scenario is compared or adopted. */
  communities: z.array(id).max(500).default([]),
});

export const updateBody = z.strictObject({
  version: z.number().int().positive(),
  name: name.optional(),
  groups: z.array(groupBody).max(500),
});

export const versionBody = z.strictObject({ version: z.number().int().positive() });

export type CreateScenario = z.infer<typeof createBody>;
export type UpdateScenario = z.infer<typeof updateBody>;
