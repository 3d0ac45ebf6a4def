// Request shapes of the groups endpoints; zod gives the parser, the 400 message and the types.
import { z } from 'zod';
import { GROUP_MEASURES } from '../../analysis/grouping/propose';

export const areaParams = z.strictObject({ id: z.string().min(1).max(64) });

export const proposalBody = z.strictObject({
  targetSize: z.number().positive().max(100_000),
  by: z.enum(GROUP_MEASURES),
});

const groupName = z.string().trim().min(1).max(100);
const version = z.number().int().min(1);

export const saveBody = z.strictObject({
  groups: z
    .array(
      z
        .strictObject({
          id: z.string().min(1).max(64).optional(),
          version: version.optional(),
          name: groupName,
          nameEn: groupName.optional(),
          buildings: z.array(z.string().min(1).max(64)).max(10_000),
        })
        .refine((g) => (g.id === undefined) === (g.version === undefined), { message: 'a kept group needs both id and version; a new one neither' }),
    )
    .min(1)
    .max(1000),
  removed: z.array(z.strictObject({ id: z.string().min(1).max(64), version })).max(1000).optional(),
});
