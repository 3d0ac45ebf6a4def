// The one way an editable object changes. `writeObject` runs as one transaction: lock the row,
// check the version the client started from (stale → 409 with the current state, nothing
// written), keep the version being replaced in object_versions, apply the change with
// version + 1, and write the audit row. Editors, merger scenarios and imports call it too.
import type { Knex } from 'knex';
import type { Geometry } from 'geojson';
import { INPUT_CRS, type InputCrs } from '../../analysis/crs';
import type { AppContext } from '../../context';
import type { Touch } from '../../db/database';
import { HttpError, notFound } from '../../http/errors';
import { audit } from '../audit/service';
import type { AuthUser } from '../auth/service';
import { acceptGeometry } from './geometry';
import { EDITABLE, type EditableObject, type ObjectType } from './objects';

/** An editable object as the API shows it, now or as of an earlier version. */
export interface ObjectState {
  type: ObjectType;
  id: string;
  version: number;
  /** When and by whom this version was made. */
  updatedAt: string;
  updatedBy: string;
  townId: string;
  attributes: Record<string, string | number>;
  geometry: Geometry;
}

/** SQL that yields the new geometry in SRID 4326, with its bindings (see geometry.ts). */
export interface GeometrySql {
  sql: string;
  bindings: readonly Knex.Value[];
}

export interface Write {
  type: ObjectType;
  id: string;
  /** The version the client started from. */
  version: number;
  /** New values by attribute name (see objects.ts); only those being set. */
  attributes: Record<string, string | number>;
  geometry?: GeometrySql;
  /** Set by a restore: the version it brings back. */
  restoredFrom?: number;
  /** Small facts for the audit row, such as the coordinate system the geometry came in. */
  note?: Record<string, unknown>;
}

export class StaleVersionError extends HttpError {
  constructor(
    readonly current: ObjectState,
    startedFrom: number,
  ) {
    super(409, `${EDITABLE[current.type].label} "${current.id}" is at version ${current.version}, not ${startedFrom}: reload it and apply your change again`);
  }
}

/** Admins reach every town, planners only their own; nobody else edits. */
const canReach = (user: AuthUser, townId: string) => user.role === 'admin' || (user.role === 'planner' && user.towns.includes(townId));

function selectList(t: EditableObject): string {
  const attributes = Object.entries(t.attributes).map(([name, a]) => `o.${a.column}${a.cast ? `::${a.cast}` : ''} AS "${name}"`);
  return [
    'o.id', 'o.version', 'o.updated_at', 'o.updated_by', `${t.town} AS town_id`, 'ST_AsGeoJSON(o.geom) AS geojson', ...attributes,
  ].join(', ');
}

type Row = Record<string, unknown>;

async function findRow(k: Knex, region: string, t: EditableObject, id: string, lock = false): Promise<Row | undefined> {
  const { rows } = await k.raw(`SELECT ${selectList(t)} FROM ${t.from} WHERE o.region = ? AND o.id = ? ${lock ? 'FOR UPDATE OF o' : ''}`, [region, id]);
  return rows[0];
}

function toState(t: EditableObject, row: Row): ObjectState {
  return {
    type: t.type,
    id: row.id as string,
    version: Number(row.version),
    updatedAt: new Date(row.updated_at as string).toISOString(),
    updatedBy: row.updated_by as string,
    townId: row.town_id as string,
    attributes: Object.fromEntries(Object.keys(t.attributes).map((name) => [name, row[name] as string | number])),
    geometry: JSON.parse(row.geojson as string) as Geometry,
  };
}

/**
 * The object as it is now. Missing and out-of-jurisdiction answer the same 404, so a planner
 * cannot tell another town's ids from made-up ones.
 */
export async function getObject(ctx: AppContext, user: AuthUser, type: ObjectType, id: string): Promise<ObjectState> {
  const t = EDITABLE[type];
  const row = await findRow(ctx.db.knex, ctx.region, t, id);
  if (!row) throw notFound(`${t.label} "${id}"`);
  if (!canReach(user, row.town_id as string)) {
    // A probe across towns is an authorisation failure the admins should see.
    await audit(ctx, { action: 'authz_denied', actorId: user.id, actor: user.username, objectType: type, objectId: id, detail: { reason: 'outside_towns' } });
    throw notFound(`${t.label} "${id}"`);
  }
  return toState(t, row);
}

/** Which attributes (and whether the geometry) differ between two states of one object. */
function changedFields(before: ObjectState, after: ObjectState): string[] {
  const changed = Object.keys(before.attributes).filter((name) => String(before.attributes[name]) !== String(after.attributes[name]));
  if (JSON.stringify(before.geometry) !== JSON.stringify(after.geometry)) changed.push('geometry');
  return changed;
}

export async function writeObject(ctx: AppContext, actor: AuthUser, w: Write): Promise<ObjectState> {
  const { db, region } = ctx;
  const t = EDITABLE[w.type];
  return db.write(async (trx: Knex.Transaction, touch: Touch) => {
    const locked = await findRow(trx, region, t, w.id, true);
    if (!locked || !canReach(actor, locked.town_id as string)) throw notFound(`${t.label} "${w.id}"`);
    const before = toState(t, locked);
    if (before.version !== w.version) throw new StaleVersionError(before, w.version);

    const kind = w.restoredFrom === undefined ? 'update' : 'restore';
    await trx.raw(
      `INSERT INTO object_versions (region, object_type, object_id, version, attributes, geom, changed_at, changed_by, replaced_by, restored_from)
       SELECT o.region, ?, o.id, o.version, ?::jsonb, o.geom, o.updated_at, o.updated_by, ?, ? FROM ${t.table} o WHERE o.region = ? AND o.id = ?`,
      [t.type, JSON.stringify(before.attributes), kind, w.restoredFrom ?? null, region, w.id],
    );
    touch('object_versions', { region, object_type: t.type, object_id: w.id, version: before.version });

    const set: Record<string, Knex.Value | Knex.Raw> = {
      version: trx.raw('version + 1'),
      updated_at: trx.fn.now(),
      updated_by: actor.username,
    };
    for (const [name, value] of Object.entries(w.attributes)) set[t.attributes[name]!.column] = value;
    if (w.geometry) set.geom = trx.raw(t.geometry === 'polygonal' ? `ST_Multi(${w.geometry.sql})` : w.geometry.sql, w.geometry.bindings);
    await trx(t.table).where({ region, id: w.id }).update(set);
    touch(t.table, { region, id: w.id });

    const after = toState(t, (await findRow(trx, region, t, w.id))!);
    const changed = changedFields(before, after);
    // Values only of what is not personal: a lead's name or phone never enters the log.
    const values = Object.fromEntries(changed.filter((f) => t.attributes[f] && !t.attributes[f].personal).map((f) => [f, after.attributes[f]]));
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
        detail: { changed, values, ...(w.restoredFrom === undefined ? {} : { restoredFrom: w.restoredFrom }), ...w.note },
      },
      { trx, touch },
    );
    return after;
  });
}

export interface Update {
  version: number;
  changes: Record<string, unknown>;
  crs?: InputCrs;
}

/** A client's edit: attributes as parsed by the route's schema, geometry checked and converted here. */
export async function updateObject(ctx: AppContext, actor: AuthUser, type: ObjectType, id: string, update: Update): Promise<ObjectState> {
  const t = EDITABLE[type];
  // Out of reach is a 404 before anything about the request's geometry is said.
  await getObject(ctx, actor, type, id);
  const { geometry, ...attributes } = update.changes;
  const { crs } = update;
  // Amap and Baidu exports look like WGS84 but lie hundreds of metres off: never assume.
  if (geometry !== undefined && !crs) throw new HttpError(400, `crs is required with a geometry: one of ${INPUT_CRS.join(', ')}`);
  return writeObject(ctx, actor, {
    type,
    id,
    version: update.version,
    attributes: attributes as Record<string, string | number>,
    ...(geometry === undefined ? {} : { geometry: await acceptGeometry(ctx.db.knex, geometry, crs!, t.geometry), note: { crs } }),
  });
}
