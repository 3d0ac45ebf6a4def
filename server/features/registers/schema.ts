// The registers' requests: a new object under a community, a removal at the version the editor
// saw, and a building's split. Strict at every depth: an unknown field is a 400 naming it.
import { z } from 'zod';
import { INPUT_CRS } from '../../analysis/crs';
import { EDITABLE } from '../writes/objects';
import { acceptWarnings, attributeSchemas, id, startedFrom } from '../writes/schema';
import type { EditableObject } from '../writes/objects';
import type { CreateRequest } from './types';

/** A geometry that must be given: said by its catalogue code, as the other refusals are. */
const placed = z.unknown().refine((g) => g !== undefined, { params: { code: 'register_place_required' } });

/**
 * `{ community, attributes: { every attribute a client sets }, geometry?, crs?, acceptWarnings? }`:
 * the geometry as the object's catalogue entry asks (required, optional, or none at all).
 */
export function createBody(t: EditableObject): z.ZodType<CreateRequest> {
  const place = t.create?.place ?? 'none';
  const where: Record<string, z.ZodType> = place === 'none' ? {} : { geometry: place === 'required' ? placed : z.unknown().optional(), crs: z.enum(INPUT_CRS).optional() };
  return z.strictObject({ community: id, attributes: z.strictObject(attributeSchemas(t)), ...where, acceptWarnings }) as z.ZodType<CreateRequest>;
}

/** `{ version }`: the removal of what the editor saw, or a 409 with what is there now. */
export const removeBody = z.strictObject({ version: startedFrom });

const building = EDITABLE.building.attributes;
const figures = {
  address: building.address!.schema! as z.ZodType<string>,
  households: building.households!.schema! as z.ZodType<number>,
  population: building.population!.schema! as z.ZodType<number>,
  partyMembers: building.partyMembers!.schema! as z.ZodType<number>,
};

/** The building becomes `keep` (where it stands unless moved) and `parts` split off it, each placed. */
export const splitBody = z.strictObject({
  version: startedFrom,
  crs: z.enum(INPUT_CRS).optional(),
  keep: z.strictObject({ ...figures, geometry: z.unknown().optional() }),
  // A building of 20 stairwells is already an estate of its own.
  parts: z.array(z.strictObject({ ...figures, geometry: placed })).min(1).max(19),
  acceptWarnings,
});
