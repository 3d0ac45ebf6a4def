import { z } from 'zod';
import { CENTRE_KINDS } from '../../domain/kinds';

const id = z.string().min(1).max(64);
const lng = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
// Beyond 20 km it is no longer a walking or cycling service radius (as for a centre's own radius).
const radiusM = z.number().positive().max(20_000);
const kinds = z.array(z.enum(CENTRE_KINDS)).min(1).max(CENTRE_KINDS.length);

/** `?kinds=party_service,convenience&town=T01`: all kinds when not named. */
export const coverageQuery = z.strictObject({
  kinds: z
    .string()
    .max(100)
    .transform((s) => s.split(','))
    .pipe(kinds)
    .optional(),
  town: id.optional(),
});

const changes = z.strictObject({
  moved: z.array(z.strictObject({ id, lng, lat })).max(1000).optional(),
  radius: z.array(z.strictObject({ id, radiusM })).max(1000).optional(),
  added: z.array(z.strictObject({ id, name: z.string().trim().min(1).max(100).optional(), kind: z.enum(CENTRE_KINDS), lng, lat, radiusM })).max(1000).optional(),
  closed: z.array(id).max(1000).optional(),
  kindRadiusM: z.partialRecord(z.enum(CENTRE_KINDS), radiusM).optional(),
});

export const whatIfBody = z.strictObject({ kinds: kinds.optional(), town: id.optional(), changes: changes.optional() });

export const sitesBody = whatIfBody.extend({
  p: z.number().int().min(1).max(200),
  radiusM,
  candidates: z.enum(['buildings', 'hexes']).default('hexes'),
  hexSpacingM: z.number().min(50).max(5000).default(300),
});

/** `?town=T01`: every building of the town, or of the city. */
export const populationQuery = z.strictObject({ town: id.optional() });
