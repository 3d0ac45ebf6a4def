// A building kept current: added, moved, split, restored or removed through the shared write
// contract, with everything that hangs on where it stands following in the same transaction.
// Its area is the community's area whose outline covers its point (none: 422, nothing written);
// a building that stays in its area keeps its party group, one that enters another area joins
// that area's nearest group (or its first, made for it); then the groups' outlines, the groups
// left empty and the level-3/4 organisations' members and forms follow (plans/organisations.ts).
// The community's row is locked first, so these writes queue with its plan's saves.
import type { AppContext } from '../../context';
import type { Within } from '../../db/write';
import { splitFindings, type BuildingFigures } from '../../domain/registers';
import { auditedWarnings, splitAccepted, acceptKey } from '../../domain/problems';
import { HttpError, problem, RefusedError } from '../../http/errors';
import { reachCommunity } from '../auth/guard';
import type { AuthUser } from '../auth/service';
import { firstGroup, GROUP_ANCHORS, refreshOrganisations } from '../plans/organisations';
import type { GeometrySql } from '../writes/geometry';
import { objectAsOf, storedGeometry } from '../writes/history';
import { settable, EDITABLE, type AttributeValues } from '../writes/objects';
import { clientGeometry, createWithin, deleteWithin, getObject, newObjectId, writeWithin, type Update } from '../writes/service';
import type { ObjectState } from '../writes/types';
import type { CreateRequest, SplitAnswer, SplitPart, SplitRequest } from './types';

const BUILDING = EDITABLE.building;

interface Community {
  id: string;
  name: string;
}

interface Place {
  areaId: string;
  groupId: string;
}

/** The community of a building's area, locked for this write. */
async function lockCommunityOf({ trx }: Within, region: string, areaId: string): Promise<Community> {
  const { rows } = await trx.raw(
    `SELECT c.id, c.name FROM communities c JOIN contracted_areas a ON a.region = c.region AND a.community_id = c.id
     WHERE a.region = ? AND a.id = ? FOR UPDATE OF c`,
    [region, areaId],
  );
  return rows[0] as Community;
}

async function lockCommunity({ trx }: Within, region: string, id: string): Promise<void> {
  await trx.raw('SELECT id FROM communities WHERE region = ? AND id = ? FOR UPDATE', [region, id]);
}

/** A point as the database holds it (EWKB, exact) and as a problem names it. */
interface Point {
  ewkb: string;
  location: [number, number];
}

async function resolvePoint({ trx }: Within, point: GeometrySql): Promise<Point> {
  const { rows } = await trx.raw(`SELECT encode(ST_AsEWKB(p), 'hex') AS ewkb, ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ${point.sql} AS p) q`, point.bindings);
  return { ewkb: rows[0].ewkb, location: [Number(rows[0].x), Number(rows[0].y)] };
}

const POINT = "ST_GeomFromEWKB(decode(:point, 'hex'))";

/**
 * Where a building at `geometry` belongs in `community`: the covering area, and its group there.
 * `now` is where it is (a move), `ref` how problems name it.
 */
async function placeBuilding(ctx: AppContext, within: Within, actor: AuthUser, community: Community, geometry: GeometrySql, ref: string, now?: Place): Promise<Place> {
  const { trx } = within;
  const { region } = ctx;
  const point = await resolvePoint(within, geometry);
  const { rows } = await trx.raw(
    `SELECT a.id, a.name, a.name_en FROM contracted_areas a
     WHERE a.region = :region AND a.community_id = :community AND ST_Covers(a.geom, ${POINT}) ORDER BY a.id LIMIT 1`,
    { region, community: community.id, point: point.ewkb },
  );
  const area = rows[0] as { id: string; name: string; name_en: string } | undefined;
  if (!area) throw new RefusedError([problem({ code: 'register_building_outside_areas', params: { community: community.name }, ids: [ref], location: point.location })]);
  if (now?.areaId === area.id) return now;
  const { rows: nearest } = await trx.raw(
    `WITH anchor AS (${GROUP_ANCHORS})
     SELECT n.id FROM anchor n WHERE n.area_id = :area ORDER BY ST_Distance(n.centre, ${POINT}), n.id LIMIT 1`,
    { region, community: community.id, area: area.id, point: point.ewkb },
  );
  const groupId = (nearest[0] as { id: string } | undefined)?.id ?? (await firstGroup(within, region, actor.username, area));
  return { areaId: area.id, groupId };
}

/** An estate is one of the building's community's, or the write is refused. */
async function refuseForeignEstate(ctx: AppContext, { trx }: Within, community: Community, estateId: unknown, ref: string): Promise<void> {
  if (estateId === undefined) return;
  const estate = await trx('estates').where({ region: ctx.region, id: String(estateId) }).first('community_id', 'name');
  if (estate?.community_id === community.id) return;
  throw new RefusedError([problem({ code: 'register_estate_elsewhere', params: { estate: estate?.name ?? String(estateId), community: community.name }, ids: [ref] })]);
}

/** A write of buildings (the look-up's index hears of it where every write ends: lookup/index-keeper.ts). */
async function writeBuildings<T>(ctx: AppContext, fn: (within: Within) => Promise<T>): Promise<T> {
  return ctx.db.write((trx, touch) => fn({ trx, touch }));
}

const placeOf = (b: ObjectState): Place => ({ areaId: String(b.attributes.areaId), groupId: String(b.attributes.groupId) });

export async function createBuilding(ctx: AppContext, actor: AuthUser, body: CreateRequest): Promise<ObjectState> {
  const community = await reachCommunity(ctx, actor, body.community);
  const point = await clientGeometry(ctx, BUILDING, body.geometry, body.crs);
  return writeBuildings(ctx, async (within) => {
    await lockCommunity(within, ctx.region, community.id);
    await refuseForeignEstate(ctx, within, community, body.attributes.estateId, 'new');
    const place = await placeBuilding(ctx, within, actor, community, point, 'new');
    const id = await newObjectId(ctx, within, 'building', 'B-');
    const created = await createWithin(ctx, within, actor, {
      type: 'building',
      id,
      attributes: body.attributes,
      parent: { area_id: place.areaId, group_id: place.groupId },
      geometry: point,
      acceptWarnings: body.acceptWarnings,
      note: { crs: body.crs },
    });
    await refreshOrganisations(ctx, within, actor, community.id, [], [place.groupId]);
    return created;
  });
}

interface Rewrite {
  version: number;
  attributes: AttributeValues;
  geometry?: GeometrySql;
  restoredFrom?: number;
  acceptWarnings?: readonly string[];
  note?: Record<string, unknown>;
}

/** One building's change inside a write whose community is locked: placed again when it moves. */
async function rewriteWithin(ctx: AppContext, within: Within, actor: AuthUser, community: Community, current: ObjectState, w: Rewrite): Promise<{ after: ObjectState; groups: string[] }> {
  await refuseForeignEstate(ctx, within, community, w.attributes.estateId, current.id);
  const now = placeOf(current);
  const place = w.geometry ? await placeBuilding(ctx, within, actor, community, w.geometry, current.id, now) : now;
  const after = await writeWithin(ctx, within, actor, {
    type: 'building',
    id: current.id,
    version: w.version,
    attributes: w.attributes,
    acceptWarnings: w.acceptWarnings,
    restoredFrom: w.restoredFrom,
    note: w.note,
    ...(w.geometry ? { geometry: w.geometry, parent: { area_id: place.areaId, group_id: place.groupId } } : {}),
  });
  return { after, groups: w.geometry ? [now.groupId, place.groupId] : [] };
}

async function rewrite(ctx: AppContext, actor: AuthUser, current: ObjectState, w: Rewrite): Promise<ObjectState> {
  return writeBuildings(ctx, async (within) => {
    const community = await lockCommunityOf(within, ctx.region, placeOf(current).areaId);
    const { after, groups } = await rewriteWithin(ctx, within, actor, community, current, w);
    await refreshOrganisations(ctx, within, actor, community.id, [], groups);
    return after;
  });
}

/** PATCH /api/buildings/:id: its figures, address or estate, and its place (a move). */
export async function updateBuilding(ctx: AppContext, actor: AuthUser, id: string, update: Update): Promise<ObjectState> {
  const current = await getObject(ctx, actor, 'building', id);
  const { geometry, ...attributes } = update.changes;
  return rewrite(ctx, actor, current, {
    version: update.version,
    attributes: attributes as AttributeValues,
    acceptWarnings: update.acceptWarnings,
    ...(geometry === undefined ? {} : { geometry: await clientGeometry(ctx, BUILDING, geometry, update.crs), note: { crs: update.crs } }),
  });
}

/** An earlier version back as a new one, placed where that version stood (its area and group follow). */
export async function restoreBuilding(ctx: AppContext, actor: AuthUser, id: string, version: number, startedFrom: number): Promise<ObjectState> {
  const current = await getObject(ctx, actor, 'building', id);
  if (version === current.version) throw new HttpError(400, 'restore_current', { version });
  const old = await objectAsOf(ctx, actor, 'building', id, version);
  const attributes = Object.fromEntries(settable(BUILDING).map((name) => [name, old.attributes[name]!]));
  return rewrite(ctx, actor, current, { version: startedFrom, attributes, geometry: storedGeometry(ctx, 'building', id, version), restoredFrom: version });
}

/** DELETE /api/buildings/:id: its last version stays in history; its group goes if it was the last. */
export async function deleteBuilding(ctx: AppContext, actor: AuthUser, id: string, version: number): Promise<ObjectState> {
  const current = await getObject(ctx, actor, 'building', id);
  return writeBuildings(ctx, async (within) => {
    const community = await lockCommunityOf(within, ctx.region, placeOf(current).areaId);
    const before = await deleteWithin(ctx, within, actor, { type: 'building', id, version });
    await refreshOrganisations(ctx, within, actor, community.id, [], [placeOf(before).groupId]);
    return before;
  });
}

const figuresOf = (p: BuildingFigures): BuildingFigures => ({ households: p.households, population: p.population, partyMembers: p.partyMembers });
/** A part's attributes: its address and figures (its place is given apart). */
const partAttributes = (p: SplitPart): AttributeValues => ({ address: p.address, ...figuresOf(p) });

/**
 * A building split in two or more (an estate's block divided into entrances, a rebuilt row): it
 * becomes the first part and the others are new buildings, each placed where it stands. Parts
 * that do not add up to the building are a warning the editor accepts by name.
 */
export async function splitBuilding(ctx: AppContext, actor: AuthUser, id: string, body: SplitRequest): Promise<SplitAnswer> {
  const current = await getObject(ctx, actor, 'building', id);
  const place = async (geometry: unknown) => (geometry === undefined ? undefined : clientGeometry(ctx, BUILDING, geometry, body.crs));
  const keepPoint = await place(body.keep.geometry);
  const partPoints = await Promise.all(body.parts.map((p) => place(p.geometry)));
  return writeBuildings(ctx, async (within) => {
    const community = await lockCommunityOf(within, ctx.region, placeOf(current).areaId);
    const warnings = splitFindings(id, String(current.attributes.address), figuresOf(current.attributes as unknown as BuildingFigures), [body.keep, ...body.parts].map(figuresOf)).map((f) => problem(f));
    const { accepted, open } = splitAccepted(warnings, body.acceptWarnings);
    const kept = await rewriteWithin(ctx, within, actor, community, current, {
      version: body.version,
      attributes: partAttributes(body.keep),
      acceptWarnings: body.acceptWarnings,
      note: { split: body.parts.length + 1, ...(accepted.length ? { acceptedSplitWarnings: auditedWarnings(accepted) } : {}) },
      ...(keepPoint ? { geometry: keepPoint } : {}),
    });
    // Judged after the kept part's write, so a stale version is a 409 before anything else is said.
    if (open.length) throw new RefusedError(warnings, { accepted: accepted.map(acceptKey) });
    const groups = new Set([...kept.groups, placeOf(kept.after).groupId]);
    const parts: ObjectState[] = [];
    for (const [i, part] of body.parts.entries()) {
      const point = partPoints[i]!;
      const at = await placeBuilding(ctx, within, actor, community, point, `${id}#${i + 1}`);
      const partId = await newObjectId(ctx, within, 'building', 'B-');
      parts.push(
        await createWithin(ctx, within, actor, {
          type: 'building',
          id: partId,
          attributes: { ...partAttributes(part), estateId: String(current.attributes.estateId) },
          parent: { area_id: at.areaId, group_id: at.groupId },
          geometry: point,
          note: { splitFrom: id, crs: body.crs },
        }),
      );
      groups.add(at.groupId);
    }
    await refreshOrganisations(ctx, within, actor, community.id, [], [...groups]);
    return { building: kept.after, parts };
  });
}
