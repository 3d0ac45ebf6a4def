// The area lead's visit diary (民情日记): visits to the buildings and households of the lead's
// areas, with what was heard and what should follow; a follow-up becomes a request in the same
// write that marks the visit (versioned: a visit converted twice is refused). A building
// outside the lead's areas answers the audited 404 of an unknown one.
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { AppContext } from '../../context';
import { nowOf } from '../../context';
import { leadsArea } from '../../domain/jurisdiction';
import { ConflictError, HttpError, notFound } from '../../http/errors';
import { audit } from '../audit/service';
import { refuseUnless } from '../auth/guard';
import type { AuthUser } from '../auth/service';
import { fileWithin } from '../requests/file';
import { placeOfBuilding } from '../requests/place';
import type { RequestSettings } from '../requests/settings';
import { readRequest } from '../requests/steps';
import { idArray } from '../requests/list';
import type { RequestDetail } from '../requests/types';
import type { NewVisit, VisitToRequest } from './schema';
import type { DiaryBuilding, Visit } from './types';

type Row = Record<string, unknown>;

const VISIT_COLUMNS = `v.id, v.area_id, v.building_id, b.address, v.household, to_char(v.visited_on, 'YYYY-MM-DD') AS visited_on,
  v.heard, v.follow_up, v.request_id, v.lead_name, v.version, v.purged_at`;
const VISIT_FROM = 'visits v LEFT JOIN buildings b ON b.region = v.region AND b.id = v.building_id';

const toVisit = (r: Row): Visit => ({
  id: String(r.id),
  areaId: String(r.area_id),
  building: { id: String(r.building_id), address: (r.address as string | null) ?? null },
  household: (r.household as string | null) ?? null,
  visitedOn: String(r.visited_on),
  heard: (r.heard as string | null) ?? null,
  followUp: (r.follow_up as string | null) ?? null,
  requestId: (r.request_id as string | null) ?? null,
  leadName: String(r.lead_name),
  version: Number(r.version),
  purged: r.purged_at !== null && r.purged_at !== undefined,
});

/** The lead's areas, or the one asked for when it is theirs (another is the audited 404). */
async function areasAsked(ctx: AppContext, user: AuthUser, area: string | undefined): Promise<string[]> {
  if (area === undefined) return user.areas;
  await refuseUnless(ctx, user, 'area', area, leadsArea(user, area));
  return [area];
}

export async function listVisits(ctx: AppContext, user: AuthUser, q: { area?: string; limit: number }): Promise<Visit[]> {
  const areas = await areasAsked(ctx, user, q.area);
  const { rows } = await ctx.db.knex.raw(
    `SELECT ${VISIT_COLUMNS} FROM ${VISIT_FROM} WHERE v.region = ? AND v.area_id = ANY(?::text[])
     ORDER BY v.visited_on DESC, v.created_at DESC LIMIT ?`,
    [ctx.region, idArray(areas), q.limit],
  );
  return (rows as Row[]).map(toVisit);
}

/** The buildings of the lead's areas, least recently visited first: the diary's list of where to go. */
export async function diaryBuildings(ctx: AppContext, user: AuthUser): Promise<DiaryBuilding[]> {
  const { rows } = await ctx.db.knex.raw(
    `SELECT b.id, b.address, b.area_id, a.name AS area_name, to_char(max(v.visited_on), 'YYYY-MM-DD') AS last_visit
     FROM buildings b JOIN contracted_areas a ON a.region = b.region AND a.id = b.area_id
     LEFT JOIN visits v ON v.region = b.region AND v.building_id = b.id
     WHERE b.region = ? AND b.area_id = ANY(?::text[])
     GROUP BY b.id, b.address, b.area_id, a.name
     ORDER BY max(v.visited_on) NULLS FIRST, b.id`,
    [ctx.region, idArray(user.areas)],
  );
  return (rows as Row[]).map((r) => ({
    id: String(r.id), address: String(r.address), areaId: String(r.area_id), areaName: String(r.area_name), lastVisit: (r.last_visit as string | null) ?? null,
  }));
}

async function readVisit(ctx: AppContext, k: Knex, id: string, lock = false): Promise<Visit | undefined> {
  const { rows } = await k.raw(`SELECT ${VISIT_COLUMNS} FROM ${VISIT_FROM} WHERE v.region = ? AND v.id = ? ${lock ? 'FOR UPDATE OF v' : ''}`, [ctx.region, id]);
  return rows[0] ? toVisit(rows[0]) : undefined;
}

export async function recordVisit(ctx: AppContext, user: AuthUser, v: NewVisit): Promise<Visit> {
  const { region } = ctx;
  const place = await placeOfBuilding(ctx, v.buildingId);
  await refuseUnless(ctx, user, 'building', v.buildingId, !!place && leadsArea(user, place.areaId));
  const now = nowOf(ctx);
  if (v.visitedOn > now.toISOString().slice(0, 10)) throw new HttpError(400, 'visit_in_future', { date: v.visitedOn });
  const id = `VS-${randomBytes(6).toString('hex')}`;
  return ctx.db.write(async (trx, touch) => {
    await trx('visits').insert({
      region, id, area_id: place!.areaId, building_id: v.buildingId, household: v.household ?? null, visited_on: v.visitedOn,
      heard: v.heard, follow_up: v.followUp ?? null, lead_name: user.displayName, created_at: now.toISOString(),
      updated_at: now.toISOString(), updated_by: user.username,
    });
    touch('visits', { region, id });
    await audit(
      ctx,
      { action: 'visit_create', actorId: user.id, actor: user.username, objectType: 'visit', objectId: id, versionAfter: 1, detail: { areaId: place!.areaId, buildingId: v.buildingId, followUp: v.followUp !== undefined } },
      { trx, touch },
    );
    return (await readVisit(ctx, trx, id))!;
  });
}

/** Turns the visit's follow-up into a request at the visited building, and marks the visit with it. */
export async function visitToRequest(ctx: AppContext, settings: RequestSettings, user: AuthUser, id: string, body: VisitToRequest): Promise<RequestDetail> {
  const { region } = ctx;
  const seen = await readVisit(ctx, ctx.db.knex, id);
  await refuseUnless(ctx, user, 'visit', id, !!seen && leadsArea(user, seen.areaId));
  const place = await placeOfBuilding(ctx, seen!.building.id);
  const requestId = await ctx.db.write(async (trx, touch) => {
    const visit = (await readVisit(ctx, trx, id, true))!;
    if (visit.version !== body.version) throw new ConflictError(visit, 'visit', id, visit.version, body.version);
    if (visit.requestId !== null) throw new ConflictError(visit, 'visit_converted', { id, request: visit.requestId });
    if (!place) throw notFound('building', visit.building.id);
    const filed = await fileWithin(ctx, { trx, touch }, settings, { category: body.category, text: body.text, channel: 'diary' }, { id: user.id, username: user.username }, place);
    const now = nowOf(ctx).toISOString();
    await trx('visits').where({ region, id }).update({ request_id: filed.id, version: visit.version + 1, updated_at: now, updated_by: user.username });
    touch('visits', { region, id });
    await audit(
      ctx,
      { action: 'visit_convert', actorId: user.id, actor: user.username, objectType: 'visit', objectId: id, versionBefore: visit.version, versionAfter: visit.version + 1, detail: { requestId: filed.id } },
      { trx, touch },
    );
    return filed.id;
  });
  return readRequest(ctx, user, requestId);
}
