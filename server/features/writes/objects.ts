// The objects planners edit: which table each lives in, which attributes a client may change,
// how its town is found (for a planner's jurisdiction) and what shape its geometry takes.
// Adding an editable object is one entry here; the write, history and restore paths follow.
import { z } from 'zod';
import type { GeometryShape } from '../../analysis/geometry-check';

export const OBJECT_TYPES = ['area', 'community', 'centre'] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

export interface Attribute {
  column: string;
  /** Parses a new value from a client. */
  schema: z.ZodType<string | number>;
  /** Personal data: the audit log records that it changed, never its value. */
  personal?: boolean;
  /** Read with this SQL cast so numeric columns come back as numbers on both drivers. */
  cast?: 'float8';
}

export interface EditableObject {
  type: ObjectType;
  /** The path segment of its endpoints: /api/{plural}/:id. */
  plural: string;
  table: string;
  /** How messages name it. */
  label: string;
  /** FROM clause with the object as `o`, joined to where its town is. */
  from: string;
  /** SQL for the object's town over `from`. */
  town: string;
  geometry: GeometryShape;
  attributes: Record<string, Attribute>;
}

const name = z.string().trim().min(1).max(100);
// Mobile (13812341234) or landline with area code (0523-81234567).
const phone = z.string().trim().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, 'a mobile number (11 digits) or a landline with its area code');

const viaCommunity = (table: string) => `${table} o JOIN communities c ON c.region = o.region AND c.id = o.community_id`;

export const EDITABLE: Record<ObjectType, EditableObject> = {
  area: {
    type: 'area',
    plural: 'areas',
    table: 'contracted_areas',
    label: 'contracted area',
    from: viaCommunity('contracted_areas'),
    town: 'c.town_id',
    geometry: 'polygonal',
    attributes: {
      name: { column: 'name', schema: name },
      nameEn: { column: 'name_en', schema: name },
      leadName: { column: 'lead_name', schema: z.string().trim().min(1).max(50), personal: true },
      leadPhone: { column: 'lead_phone', schema: phone, personal: true },
    },
  },
  community: {
    type: 'community',
    plural: 'communities',
    table: 'communities',
    label: 'community',
    from: 'communities o',
    town: 'o.town_id',
    geometry: 'polygonal',
    attributes: {
      name: { column: 'name', schema: name },
      nameEn: { column: 'name_en', schema: name },
    },
  },
  centre: {
    type: 'centre',
    plural: 'centres',
    table: 'service_centres',
    label: 'service centre',
    from: viaCommunity('service_centres'),
    town: 'c.town_id',
    geometry: 'point',
    attributes: {
      name: { column: 'name', schema: name },
      hours: { column: 'hours', schema: z.string().trim().min(1).max(200) },
      // The walking radius the centre serves; beyond 20 km it is no longer a service radius.
      radiusM: { column: 'radius_m', schema: z.number().positive().max(20_000), cast: 'float8' },
    },
  },
};

export const isObjectType = (t: string): t is ObjectType => (OBJECT_TYPES as readonly string[]).includes(t);
