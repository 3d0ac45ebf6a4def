// The objects planners edit: which table each lives in, which attributes a client may change,
// how its town is found (for a planner's jurisdiction), what shape its geometry takes and which
// rules a write of it must keep. Adding an editable object is one entry here; the write,
// history and restore paths follow.
import { z } from 'zod';
import type { GeometryShape } from '../../analysis/geometry-check';
import { CENTRE_KINDS } from '../../domain/kinds';
import { UNIT_FORMS } from '../../domain/organisations';
import { buildingFindings, followedOrganisationFields, organisationFindings, type Finding } from '../../domain/registers';
import { PAIRING_KINDS } from '../pairings/schema';

export const OBJECT_TYPES = ['area', 'community', 'centre', 'building', 'organisation', 'pairing', 'alias'] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

export type AttributeValues = Record<string, string | number>;

export interface Attribute {
  column: string;
  /**
   * Parses a new value from a client. Without one the attribute is shown and kept in history but
   * set only by the server: where the object hangs (a building's area), what it is (an
   * organisation's level).
   */
  schema?: z.ZodType<string | number>;
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
  /** FROM clause with the object as `o`, joined to where its town is. */
  from: string;
  /** SQL for the object's town over `from`. */
  town: string;
  /** SQL for the name of the community the object lies in, over `from` (null for those above one). */
  community: string | null;
  /** Its place on the map; null for an object that has none (an organisation, an old village name). */
  geometry: GeometryShape | null;
  /** The column holding the geometry, when not `geom`. */
  geometryColumn?: string;
  /** Ids are the table's serial numbers (old village names, pairings). */
  serial?: boolean;
  /** Where its place must lie: inside its community, or anywhere in the city. */
  placedIn?: 'community' | 'city';
  /** An attribute no two objects of one community may share (an old village name given twice). */
  uniqueInCommunity?: string;
  /**
   * Made by POST /api/{plural} under a community (and removed by DELETE): whether the request
   * must give its place (`required`), may (`optional`), or it has none (`none`).
   */
  create?: { place: 'required' | 'optional' | 'none' };
  attributes: Record<string, Attribute>;
  /** Attributes something else decides for this object (its buildings): never written by hand. */
  followed?: (state: AttributeValues) => readonly string[];
  /** The rules a write of it keeps (the domain's), judged on its attributes before (null: new) and after the write. */
  judge?: (id: string, before: AttributeValues | null, after: AttributeValues) => Finding[];
}

const name = z.string().trim().min(1).max(100);
// Mobile (13812341234) or landline with area code (0523-81234567).
const phone = z.string().trim().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, 'a mobile number (11 digits) or a landline with its area code');
/** A count of households, people or party members: a building of 20,000 is already a typing error. */
const count = z.number().int().min(0).max(20_000);
const reference = z.string().trim().min(1).max(64);

const viaCommunity = (table: string) => `${table} o JOIN communities c ON c.region = o.region AND c.id = o.community_id`;

// An organisation leads a town (1), a community (2), an area (3) or a building group (4): its
// community and town are found through that unit.
const ORGANISATION_FROM = `party_orgs o
  LEFT JOIN party_groups g ON o.level = 4 AND g.region = o.region AND g.id = o.unit_id
  LEFT JOIN contracted_areas a ON o.level IN (3, 4) AND a.region = o.region AND a.id = CASE o.level WHEN 3 THEN o.unit_id ELSE g.area_id END
  LEFT JOIN communities c ON o.level > 1 AND c.region = o.region AND c.id = CASE o.level WHEN 2 THEN o.unit_id ELSE a.community_id END`;

const numberOf = (v: string | number | undefined) => Number(v ?? 0);

export const EDITABLE: Record<ObjectType, EditableObject> = {
  area: {
    type: 'area',
    plural: 'areas',
    table: 'contracted_areas',
    from: viaCommunity('contracted_areas'),
    town: 'c.town_id',
    community: 'c.name',
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
    from: 'communities o',
    town: 'o.town_id',
    community: 'o.name',
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
    from: viaCommunity('service_centres'),
    town: 'c.town_id',
    community: 'c.name',
    geometry: 'point',
    placedIn: 'community',
    create: { place: 'required' },
    attributes: {
      name: { column: 'name', schema: name },
      kind: { column: 'kind', schema: z.enum(CENTRE_KINDS) },
      hours: { column: 'hours', schema: z.string().trim().min(1).max(200) },
      // The walking radius the centre serves; beyond 20 km it is no longer a service radius.
      radiusM: { column: 'radius_m', schema: z.number().positive().max(20_000), cast: 'float8' },
      // The largest halls in the report are a few thousand m²; 100,000 is a typing error.
      floorArea: { column: 'floor_area', schema: z.number().positive().max(100_000), cast: 'float8' },
      serviceItems: { column: 'service_items', schema: z.number().int().min(0).max(1000) },
    },
  },
  building: {
    type: 'building',
    plural: 'buildings',
    table: 'buildings',
    from: `buildings o JOIN contracted_areas a ON a.region = o.region AND a.id = o.area_id
      JOIN communities c ON c.region = a.region AND c.id = a.community_id`,
    town: 'c.town_id',
    community: 'c.name',
    geometry: 'point',
    create: { place: 'required' },
    attributes: {
      address: { column: 'address', schema: z.string().trim().min(1).max(200) },
      households: { column: 'households', schema: count },
      population: { column: 'population', schema: count },
      partyMembers: { column: 'party_members', schema: count },
      estateId: { column: 'estate_id', schema: reference },
      // Where it lies decides these (features/registers/buildings.ts).
      areaId: { column: 'area_id' },
      groupId: { column: 'group_id' },
    },
    followed: () => ['areaId', 'groupId'],
    judge: (id, _before, b) =>
      buildingFindings(id, { address: String(b.address), households: numberOf(b.households), population: numberOf(b.population), partyMembers: numberOf(b.partyMembers) }),
  },
  organisation: {
    type: 'organisation',
    plural: 'organisations',
    table: 'party_orgs',
    from: ORGANISATION_FROM,
    town: 'CASE o.level WHEN 1 THEN o.unit_id ELSE c.town_id END',
    community: 'c.name',
    geometry: null,
    attributes: {
      name: { column: 'name', schema: name },
      form: { column: 'form', schema: z.enum(UNIT_FORMS) },
      members: { column: 'members', schema: count },
      secretary: { column: 'secretary', schema: z.string().trim().min(1).max(50) },
      level: { column: 'level' },
      unitId: { column: 'unit_id' },
    },
    followed: (o) => followedOrganisationFields(numberOf(o.level)),
    judge: (id, before, after) => {
      const facts = (o: AttributeValues) => ({ name: String(o.name), level: numberOf(o.level), form: String(o.form), members: numberOf(o.members) });
      return organisationFindings(id, facts(before ?? after), facts(after));
    },
  },
  pairing: {
    type: 'pairing',
    plural: 'pairings',
    table: 'pairings',
    from: viaCommunity('pairings'),
    town: 'c.town_id',
    community: 'c.name',
    // Where the paired organisation sits: anywhere in the city, and not always known.
    geometry: 'point',
    geometryColumn: 'source_geom',
    placedIn: 'city',
    serial: true,
    uniqueInCommunity: 'orgName',
    create: { place: 'optional' },
    attributes: {
      orgName: { column: 'org_name', schema: name },
      orgKind: { column: 'org_kind', schema: z.enum(PAIRING_KINDS) },
    },
  },
  alias: {
    type: 'alias',
    plural: 'aliases',
    table: 'address_aliases',
    from: viaCommunity('address_aliases'),
    town: 'c.town_id',
    community: 'c.name',
    geometry: null,
    serial: true,
    uniqueInCommunity: 'alias',
    create: { place: 'none' },
    attributes: {
      alias: { column: 'alias', schema: z.string().trim().min(1).max(50) },
    },
  },
};

export const isObjectType = (t: string): t is ObjectType => (OBJECT_TYPES as readonly string[]).includes(t);

/** The attributes a client may set. */
export const settable = (t: EditableObject): string[] => Object.keys(t.attributes).filter((name) => t.attributes[name]!.schema);

/** The geometry column, as `o.<column>`. */
export const geometryOf = (t: EditableObject): string => `o.${t.geometryColumn ?? 'geom'}`;

/** An id as its column holds it: serial ids are numbers. */
export const idValue = (t: EditableObject, id: string): string | number => (t.serial ? Number(id) : id);
