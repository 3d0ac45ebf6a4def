// The body of PUT /api/communities/:id/plan. Unknown fields are refused by name; attributes use
// the same rules as an area's PATCH (objects.ts), geometries go through the geometry gate later.
import { z } from 'zod';
import { INPUT_CRS } from '../../analysis/crs';
import { PLAN_MEASURES } from '../../domain/plan-rules';
import { EDITABLE } from '../writes/objects';

// Every area attribute is text; the catalogue types them loosely because centres have numbers.
const text = (name: string) => EDITABLE.area.attributes[name]!.schema as z.ZodType<string>;
const areaId = z.string().min(1).max(64);
const version = z.number().int().min(1);

const area = z
  .strictObject({
    id: areaId.optional(),
    version: version.optional(),
    name: text('name'),
    nameEn: text('nameEn').optional(),
    leadName: text('leadName').optional(),
    leadPhone: text('leadPhone').optional(),
    geometry: z.unknown().optional(),
    buildings: z.array(z.string().min(1).max(64)).max(100_000).optional(),
  })
  .refine((a) => (a.id === undefined) === (a.version === undefined), { message: 'an existing area carries both id and version, a new one neither', path: ['version'] })
  .refine((a) => a.geometry === undefined || a.buildings === undefined, { message: 'give geometry or buildings, not both', path: ['buildings'] });

export const planBody = z
  .strictObject({
    areas: z.array(area).max(1000),
    removed: z.array(z.strictObject({ id: areaId, version })).max(1000).optional(),
    crs: z.enum(INPUT_CRS).optional(),
    /** Clip drawn areas to the community instead of refusing what lies outside it. */
    clip: z.boolean().optional(),
    /** Check and report; save nothing. */
    dryRun: z.boolean().optional(),
    /** The measure areas are balanced in (the editor's choice); population when not given. */
    measure: z.enum(PLAN_MEASURES).optional(),
    /** The rule warnings the planner accepts, each by its key ("not_contiguous:A0012"); a key matching no warning is ignored. */
    acceptWarnings: z.array(z.string().min(1).max(200)).max(2000).optional(),
  })
  .refine((b) => b.crs !== undefined || b.areas.every((a) => a.geometry === undefined), {
    message: `crs is required with a geometry: one of ${INPUT_CRS.join(', ')}`,
    path: ['crs'],
  });

export type PlanBody = z.output<typeof planBody>;
export type PlanAreaInput = PlanBody['areas'][number];
