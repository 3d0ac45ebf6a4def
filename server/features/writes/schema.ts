import { z } from 'zod';
import { INPUT_CRS } from '../../analysis/crs';
import type { EditableObject } from './objects';

const id = z.string().min(1).max(64);
const version = z.coerce.number().int().min(1);
export const objectParams = z.object({ id });
/** `type` is looked up in the catalogue, so an unknown one is a 404 like an unknown id. */
export const historyParams = z.object({ type: z.string().max(32), id });
export const versionParams = historyParams.extend({ version });

/** The version the client started from: every write carries it. */
const startedFrom = z.number().int().min(1);

/**
 * `{ version, changes: { ...attributes, geometry? }, crs? }`. Unknown fields are refused by
 * name; the geometry itself is checked by analysis/geometry-check, which says where it is wrong.
 */
export function updateBody(t: EditableObject) {
  const attributes = Object.fromEntries(Object.entries(t.attributes).map(([name, a]) => [name, a.schema.optional()]));
  return z.strictObject({
    version: startedFrom,
    crs: z.enum(INPUT_CRS).optional(),
    changes: z
      .strictObject({ ...attributes, geometry: z.unknown().optional() })
      .refine((c) => Object.values(c).some((v) => v !== undefined), 'name at least one field to change'),
  });
}

export const restoreBody = z.strictObject({ version: startedFrom });
