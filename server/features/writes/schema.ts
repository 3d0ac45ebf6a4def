import { z } from 'zod';
import { INPUT_CRS } from '../../analysis/crs';
import { wholeNumber } from '../../http/parse';
import { settable, type EditableObject } from './objects';

export const id = z.string().min(1).max(64);
const version = wholeNumber(1, Number.MAX_SAFE_INTEGER);
export const objectParams = z.strictObject({ id });
/** `type` is looked up in the catalogue, so an unknown one is a 404 like an unknown id. */
export const historyParams = z.strictObject({ type: z.string().max(32), id });
export const versionParams = historyParams.extend({ version });

/** The version the client started from: every write carries it. */
export const startedFrom = z.number().int().min(1);

/** Warnings the editor accepts by key (`code:id`), as a plan's save takes them. */
export const acceptWarnings = z.array(z.string().min(1).max(200)).max(100).optional();

/** Each attribute a client may set, parsed by its own schema. */
export const attributeSchemas = (t: EditableObject) => Object.fromEntries(settable(t).map((name) => [name, t.attributes[name]!.schema!]));

/**
 * `{ version, changes: { ...attributes, geometry? }, crs?, acceptWarnings? }`. Unknown fields are
 * refused by name; the geometry itself is checked by analysis/geometry-check, which says where it
 * is wrong.
 */
export function updateBody(t: EditableObject) {
  const attributes = Object.fromEntries(Object.entries(attributeSchemas(t)).map(([name, schema]) => [name, schema.optional()]));
  return z.strictObject({
    version: startedFrom,
    crs: z.enum(INPUT_CRS).optional(),
    acceptWarnings,
    changes: z
      .strictObject({ ...attributes, ...(t.geometry ? { geometry: z.unknown().optional() } : {}) })
      .refine((c) => Object.values(c).some((v) => v !== undefined), 'name at least one field to change'),
  });
}

export const restoreBody = z.strictObject({ version: startedFrom });
