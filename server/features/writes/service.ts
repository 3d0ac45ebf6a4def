// The one way an editable object changes. `writeObject` runs as one transaction (`writeWithin`
// joins a larger one, such as a plan's save, with `createWithin` and `deleteWithin` beside it): lock the row,
// check the version the client started from (stale → 409 with the current state, nothing
// written), keep the version being replaced in object_versions, apply the change with
// version + 1 (a renamed area or community renames its organisations: organisations/rename.ts),
// judge the object's rules on the result (objects.ts; broken → 422 with every problem, a warning
// passes only when accepted by name, and the whole write rolls back), and write the audit row.
// Editors, registers, merger scenarios and imports call it too.
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Geometry } from 'geojson';
import { INPUT_CRS, type InputCrs } from '../../analysis/crs';
import type { AppContext } from '../../context';
import type { Within } from '../../db/write';
import { ConflictError, HttpError, notFound } from '../../http/errors';
import { editsTown } from '../../domain/jurisdiction';
import { auditedWarnings } from '../../domain/problems';
import { audit } from '../audit/service';
import { refuseOutsideTowns } from '../auth/guard';
import type { AuthUser } from '../auth/service';
import { followRename, namesOrganisations } from '../organisations/rename';
import { acceptGeometry, type GeometrySql } from './geometry';
import { EDITABLE, geometryOf, idValue, type AttributeValues, type EditableObject, type ObjectType } from './objects';
import { judgeWrite } from './rules';
import type { ObjectState } from './types';

export interface Write {
  type: ObjectType;
  id: string;
  /** The version the client started from. */
  version: number;
  /** New values by attribute name (see objects.ts); only those being set. */
  attributes: AttributeValues;
  /** Columns the server decides, such as the area a moved building now lies in. */
  parent?: Record<string, string>;
  geometry?: GeometrySql;
  /** Set by a restore: the version it brings back. */
  restoredFrom?: number;
  /** The warnings the editor accepts, by key (problems.ts acceptKey). */
  acceptWarnings?: readonly string[];
  /** Small facts for the audit row, such as the coordinate system the geometry came in. */
  note?: Record<string, unknown>;
}

function selectList(t: EditableObject): string {
  const attributes = Object.entries(t.attributes).map(([name, a]) => `o.${a.column}${a.cast ? `::${a.cast}` : ''} AS "${name}"`);
  return [
    t.serial ? 'o.id::text AS id' : 'o.id', 'o.version', 'o.updated_at', 'o.updated_by', `${t.town} AS town_id`,
    `${t.geometry ? `ST_AsGeoJSON(${geometryOf(t)})` : 'NULL'} AS geojson`, ...attributes,
  ].join(', ');
}

type Row = Record<string, unknown>;

/** A serial id is digits; anything else names no row (a 404, not a type error from the database). */
const SERIAL_ID = /^[1-9]\d{0,9}$/;

async function findRow(k: Knex, region: string, t: EditableObject, id: string, lock = false): Promise<Row | undefined> {
  if (t.serial && !SERIAL_ID.test(id)) return undefined;
  const { rows } = await k.raw(`SELECT ${selectList(t)} FROM ${t.from} WHERE o.region = ? AND o.id = ? ${lock ? 'FOR UPDATE OF o' : ''}`, [region, idValue(t, id)]);
  return rows[0];
}

/** The row's primary key, as the journal is told about it. */
const rowKey = (ctx: AppContext, t: EditableObject, id: string) => ({ region: ctx.region, id: idValue(t, id) });

function toState(t: EditableObject, row: Row): ObjectState {
  return {
    type: t.type,
    id: row.id as string,
    version: Number(row.version),
    updatedAt: new Date(row.updated_at as string).toISOString(),
    updatedBy: row.updated_by as string,
    townId: row.town_id as string,
    attributes: Object.fromEntries(Object.keys(t.attributes).map((name) => [name, row[name] as string | number])),
    geometry: row.geojson === null ? null : (JSON.parse(row.geojson as string) as Geometry),
  };
}

/**
 * The object as it is now. Missing and out-of-jurisdiction answer the same 404, so a planner
 * cannot tell another town's ids from made-up ones.
 */
export async function getObject(ctx: AppContext, user: AuthUser, type: ObjectType, id: string): Promise<ObjectState> {
  const t = EDITABLE[type];
  const row = await findRow(ctx.db.knex, ctx.region, t, id);
  await refuseOutsideTowns(ctx, user, type, id, row && [row.town_id as string]);
  return toState(t, row!);
}

/** Which attributes (and whether the geometry) differ between two states of one object. */
function changedFields(before: ObjectState, after: ObjectState): string[] {
  const changed = Object.keys(before.attributes).filter((name) => String(before.attributes[name]) !== String(after.attributes[name]));
  if (JSON.stringify(before.geometry) !== JSON.stringify(after.geometry)) changed.push('geometry');
  return changed;
}

export async function writeObject(ctx: AppContext, actor: AuthUser, w: Write): Promise<ObjectState> {
  return ctx.db.write((trx, touch) => writeWithin(ctx, { trx, touch }, actor, w));
}

/** Locks the object and checks the version the client started from: stale → 409, out of reach → 404. */
async function lockCurrent(ctx: AppContext, { trx }: Within, actor: AuthUser, t: EditableObject, id: string, version: number): Promise<ObjectState> {
  const locked = await findRow(trx, ctx.region, t, id, true);
  // Reached before the write began (getObject, the guard); the lock makes sure it still is.
  if (!locked || !editsTown(actor, locked.town_id as string)) throw notFound(t.type, id);
  const before = toState(t, locked);
  if (before.version !== version) throw new ConflictError(before, t.type, id, before.version, version);
  return before;
}

/** Keeps the version being replaced (or deleted) in object_versions. */
async function keepVersion(ctx: AppContext, { trx, touch }: Within, t: EditableObject, before: ObjectState, kind: 'update' | 'restore' | 'delete', restoredFrom?: number): Promise<void> {
  const { region } = ctx;
  await trx.raw(
    `INSERT INTO object_versions (region, object_type, object_id, version, attributes, geom, changed_at, changed_by, replaced_by, restored_from)
     SELECT o.region, ?, o.id::text, o.version, ?::jsonb, ${t.geometry ? geometryOf(t) : 'NULL'}, o.updated_at, o.updated_by, ?, ?
     FROM ${t.table} o WHERE o.region = ? AND o.id = ?`,
    [t.type, JSON.stringify(before.attributes), kind, restoredFrom ?? null, region, rowKey(ctx, t, before.id).id],
  );
  touch('object_versions', { region, object_type: t.type, object_id: before.id, version: before.version });
}

/** Values only of what is not personal: a lead's name or phone never enters the log. */
function loggable(t: EditableObject, fields: string[], state: ObjectState): AttributeValues {
  return Object.fromEntries(fields.filter((f) => t.attributes[f] && !t.attributes[f].personal).map((f) => [f, state.attributes[f]!]));
}

const geometryValue = (trx: Knex.Transaction, t: EditableObject, g: GeometrySql) => trx.raw(t.geometry === 'polygonal' ? `ST_Multi(${g.sql})` : g.sql, g.bindings);

/** Only the rules' accepted warnings go into the audit row. */
const acceptedNote = (accepted: Parameters<typeof auditedWarnings>[0]) => (accepted.length ? { acceptedWarnings: auditedWarnings(accepted) } : {});

/** One object's update inside a transaction that may hold other writes too (a plan's save). */
export async function writeWithin(ctx: AppContext, within: Within, actor: AuthUser, w: Write): Promise<ObjectState> {
  const { region } = ctx;
  const { trx, touch } = within;
  const t = EDITABLE[w.type];
  const before = await lockCurrent(ctx, within, actor, t, w.id, w.version);
  const kind = w.restoredFrom === undefined ? 'update' : 'restore';
  await keepVersion(ctx, within, t, before, kind, w.restoredFrom);

  const set: Record<string, Knex.Value | Knex.Raw> = {
    ...w.parent,
    version: trx.raw('version + 1'),
    updated_at: trx.fn.now(),
    updated_by: actor.username,
  };
  for (const [name, value] of Object.entries(w.attributes)) set[t.attributes[name]!.column] = value;
  if (w.geometry) set[t.geometryColumn ?? 'geom'] = geometryValue(trx, t, w.geometry);
  const key = rowKey(ctx, t, w.id);
  await trx(t.table).where(key).update(set);
  touch(t.table, key);

  const after = toState(t, (await findRow(trx, region, t, w.id))!);
  const changed = changedFields(before, after);
  // A place is judged where it changed: a restore or an edit that leaves a centre where it stands is not a move.
  const accepted = await judgeWrite(ctx, within, t, { before, after, written: Object.keys(w.attributes), placed: changed.includes('geometry'), acceptWarnings: w.acceptWarnings });
  const orgsRenamed = namesOrganisations(t.type)
    ? await followRename(within, { region, actor: actor.username }, { kind: t.type, id: w.id, from: String(before.attributes.name), to: String(after.attributes.name) })
    : [];
  await audit(
    ctx,
    {
      action: kind,
      actorId: actor.id,
      actor: actor.username,
      objectType: t.type,
      objectId: w.id,
      versionBefore: before.version,
      versionAfter: after.version,
      detail: {
        changed,
        values: loggable(t, changed, after),
        ...(w.restoredFrom === undefined ? {} : { restoredFrom: w.restoredFrom }),
        ...(orgsRenamed.length ? { orgsRenamed } : {}),
        ...acceptedNote(accepted),
        ...w.note,
      },
    },
    within,
  );
  return after;
}

export interface Create {
  type: ObjectType;
  /** Made by the server, never reused (see newObjectId). */
  id: string;
  /** Every attribute a client sets, by attribute name. */
  attributes: AttributeValues;
  /** The columns that place it, such as an area's community_id. */
  parent: Record<string, string>;
  /** Its place; absent for an object without one. */
  geometry?: GeometrySql;
  acceptWarnings?: readonly string[];
  note?: Record<string, unknown>;
}

/** A new object at version 1; its history starts with it, so there is no earlier version to keep. */
export async function createWithin(ctx: AppContext, within: Within, actor: AuthUser, c: Create): Promise<ObjectState> {
  const { region } = ctx;
  const { trx, touch } = within;
  const t = EDITABLE[c.type];
  const key = rowKey(ctx, t, c.id);
  const row: Record<string, Knex.Value | Knex.Raw> = { ...key, ...c.parent, version: 1, updated_by: actor.username };
  if (c.geometry) row[t.geometryColumn ?? 'geom'] = geometryValue(trx, t, c.geometry);
  for (const [name, value] of Object.entries(c.attributes)) row[t.attributes[name]!.column] = value;
  await trx(t.table).insert(row);
  touch(t.table, key);
  const after = toState(t, (await findRow(trx, region, t, c.id))!);
  const accepted = await judgeWrite(ctx, within, t, { before: null, after, written: Object.keys(c.attributes), placed: !!c.geometry, acceptWarnings: c.acceptWarnings });
  const fields = Object.keys(t.attributes);
  await audit(
    ctx,
    {
      action: 'create',
      actorId: actor.id,
      actor: actor.username,
      objectType: t.type,
      objectId: c.id,
      versionAfter: 1,
      detail: { values: loggable(t, fields, after), ...acceptedNote(accepted), ...c.note },
    },
    within,
  );
  return after;
}

/**
 * Deletes the object at the version the client started from. Its last version stays in
 * object_versions (replaced_by 'delete'), so what was deleted can still be read and restored from.
 */
export async function deleteWithin(ctx: AppContext, within: Within, actor: AuthUser, d: { type: ObjectType; id: string; version: number }): Promise<ObjectState> {
  const { trx, touch } = within;
  const t = EDITABLE[d.type];
  const before = await lockCurrent(ctx, within, actor, t, d.id, d.version);
  await keepVersion(ctx, within, t, before, 'delete');
  const key = rowKey(ctx, t, d.id);
  await trx(t.table).where(key).delete();
  touch(t.table, key);
  await audit(
    ctx,
    { action: 'delete', actorId: actor.id, actor: actor.username, objectType: t.type, objectId: d.id, versionBefore: before.version, detail: { values: loggable(t, Object.keys(t.attributes), before) } },
    within,
  );
  return before;
}

/**
 * A fresh id for a new object: a prefix and random hex (or the table's next serial number),
 * checked against live and deleted ones so none is ever reused, even after a backup is restored
 * (which sets a serial past the live rows only).
 */
export async function newObjectId(ctx: AppContext, { trx }: Within, type: ObjectType, prefix = ''): Promise<string> {
  const t = EDITABLE[type];
  for (;;) {
    const id = t.serial
      ? String((await trx.raw(`SELECT nextval(pg_get_serial_sequence('${t.table}', 'id')) AS id`)).rows[0].id)
      : `${prefix}${randomBytes(6).toString('hex')}`;
    const taken = await trx.raw(
      `SELECT 1 FROM ${t.table} WHERE region = :region AND id::text = :id
       UNION ALL SELECT 1 FROM object_versions WHERE region = :region AND object_type = :type AND object_id = :id`,
      { region: ctx.region, id, type },
    );
    if (!taken.rows.length) return id;
  }
}

export interface Update {
  version: number;
  changes: Record<string, unknown>;
  crs?: InputCrs;
  acceptWarnings?: string[];
}

/** A client's geometry, checked and converted; a geometry needs its coordinate system named. */
export async function clientGeometry(ctx: AppContext, t: EditableObject, geometry: unknown, crs: InputCrs | undefined): Promise<GeometrySql> {
  // Amap and Baidu exports look like WGS84 but lie hundreds of metres off: never assume.
  if (!crs) throw new HttpError(400, 'crs_required', { crs: INPUT_CRS });
  return acceptGeometry(ctx.db.knex, geometry, crs, t.geometry!);
}

/** A client's edit: attributes as parsed by the route's schema, geometry checked and converted here. */
export async function updateObject(ctx: AppContext, actor: AuthUser, type: ObjectType, id: string, update: Update): Promise<ObjectState> {
  const t = EDITABLE[type];
  // Out of reach is a 404 before anything about the request's geometry is said.
  await getObject(ctx, actor, type, id);
  const { geometry, ...attributes } = update.changes;
  const { crs } = update;
  return writeObject(ctx, actor, {
    type,
    id,
    version: update.version,
    attributes: attributes as AttributeValues,
    acceptWarnings: update.acceptWarnings,
    ...(geometry === undefined ? {} : { geometry: await clientGeometry(ctx, t, geometry, crs), note: { crs } }),
  });
}
