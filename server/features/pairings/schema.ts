import { z } from 'zod';

/** The table's `org_kind`: city agencies, resident units, urban "red-flag" communities. */
export const PAIRING_KINDS = ['agency', 'unit', 'urban_community'] as const;
export type PairingKind = (typeof PAIRING_KINDS)[number];

/** `?kinds=agency,unit&town=T01`: every kind when not named; `town` is the paired community's town. */
export const pairingsQuery = z.strictObject({
  kinds: z
    .string()
    .max(100)
    .transform((s) => s.split(','))
    .pipe(z.array(z.enum(PAIRING_KINDS)).min(1).max(PAIRING_KINDS.length))
    .optional(),
  town: z.string().min(1).max(64).optional(),
});
