// Earlier versions of an editable object: the list, one version as it was, and restoring one
// (which is a write like any other: a new version equal to the old one).
import type { Geometry } from 'geojson';
import type { AppContext } from '../../context';
import { HttpError, notFound } from '../../http/errors';
import type { AuthUser } from '../auth/service';
import { EDITABLE, geometryOf, idValue, settable, type ObjectType } from './objects';
import { getObject, writeObject } from './service';
import type { ObjectState } from './types';

export interface VersionEntry {
  version: number;
  changedAt: string;
  changedBy: string;
  /** The write that made this version; null for the first version history knows (as loaded). */
  change: 'update' | 'restore' | null;
  restoredFrom?: number;
  /**
   * What this version changed from the one before: attribute names, and `geometry` when the
   * shape differs. Absent on the first version history knows (nothing to compare it with).
   */
  changed?: string[];
  current: boolean;
}

type HistoryRow = {
  version: number;
  changed_at: string;
  changed_by: string;
  replaced_by: 'update' | 'restore';
  restored_from: number | null;
  attributes: Record<string, string | number>;
  /** A digest of the stored geometry: equal digests, equal shapes to the bit. */
  shape: string;
};

/** One version's content, as far as "what changed" needs it. */
type Content = { attributes: Record<string, string | number>; shape: string };

function changedBetween(before: Content, after: Content): string[] {
  const names = [...new Set([...Object.keys(before.attributes), ...Object.keys(after.attributes)])];
  const changed = names.filter((name) => String(before.attributes[name]) !== String(after.attributes[name]));
  if (before.shape !== after.shape) changed.push('geometry');
  return changed;
}

/** Newest first. A history row records how its version ended, which is how the next began. */
export async function listVersions(ctx: AppContext, user: AuthUser, type: ObjectType, id: string): Promise<{ type: ObjectType; id: string; versions: VersionEntry[] }> {
  const current = await getObject(ctx, user, type, id);
  const k = ctx.db.knex;
  const rows: HistoryRow[] = await k('object_versions')
    .where({ region: ctx.region, object_type: type, object_id: id })
    .orderBy('version')
    .select('version', 'changed_at', 'changed_by', 'replaced_by', 'restored_from', 'attributes', k.raw('md5(ST_AsEWKB(geom)) AS shape'));
  const t = EDITABLE[type];
  const { rows: now } = await k.raw(`SELECT ${t.geometry ? `md5(ST_AsEWKB(${geometryOf(t)}))` : 'NULL'} AS shape FROM ${t.table} o WHERE o.region = ? AND o.id = ?`, [ctx.region, idValue(t, id)]);
  const contents = new Map<number, Content>(rows.map((r) => [Number(r.version), r]));
  contents.set(current.version, { attributes: current.attributes, shape: now[0].shape });
  const made = new Map(rows.map((r) => [Number(r.version) + 1, r]));
  const entry = (version: number, changedAt: string, changedBy: string, isCurrent: boolean): VersionEntry => {
    const before = made.get(version);
    const previous = contents.get(version - 1);
    return {
      version,
      changedAt: new Date(changedAt).toISOString(),
      changedBy,
      change: before?.replaced_by ?? null,
      ...(before?.restored_from == null ? {} : { restoredFrom: Number(before.restored_from) }),
      ...(previous ? { changed: changedBetween(previous, contents.get(version)!) } : {}),
      current: isCurrent,
    };
  };
  const versions = [
    entry(current.version, current.updatedAt, current.updatedBy, true),
    ...rows.reverse().map((r) => entry(Number(r.version), r.changed_at, r.changed_by, false)),
  ];
  return { type, id, versions };
}

/** The object as it was at `version`, geometry included; the current version from its table. */
export async function objectAsOf(ctx: AppContext, user: AuthUser, type: ObjectType, id: string, version: number): Promise<ObjectState> {
  const current = await getObject(ctx, user, type, id);
  return version === current.version ? current : earlierVersion(ctx, current, version);
}

async function earlierVersion(ctx: AppContext, current: ObjectState, version: number): Promise<ObjectState> {
  const { type, id } = current;
  const k = ctx.db.knex;
  const row = await k('object_versions')
    .where({ region: ctx.region, object_type: type, object_id: id, version })
    .first('version', 'changed_at', 'changed_by', 'attributes', k.raw('ST_AsGeoJSON(geom) AS geojson'));
  if (!row) throw notFound('version', `${id} v${version}`);
  return {
    type,
    id,
    version: Number(row.version),
    updatedAt: new Date(row.changed_at).toISOString(),
    updatedBy: row.changed_by,
    townId: current.townId,
    attributes: row.attributes,
    geometry: row.geojson === null ? null : (JSON.parse(row.geojson) as Geometry),
  };
}

/** Brings back `version` as a new version; `startedFrom` is the current version the client saw. */
export async function restoreVersion(
  ctx: AppContext,
  user: AuthUser,
  type: ObjectType,
  id: string,
  version: number,
  startedFrom: number,
): Promise<ObjectState> {
  const current = await getObject(ctx, user, type, id);
  if (version === current.version) throw new HttpError(400, 'restore_current', { version });
  const old = await earlierVersion(ctx, current, version);
  const t = EDITABLE[type];
  // What the server or the object's unit decides (an area organisation's members) stays as it is now.
  const followed = new Set(t.followed?.(current.attributes) ?? []);
  const attributes = Object.fromEntries(settable(t).filter((name) => !followed.has(name) && name in old.attributes).map((name) => [name, old.attributes[name]!]));
  return writeObject(ctx, user, {
    type,
    id,
    version: startedFrom,
    attributes,
    ...(t.geometry ? { geometry: storedGeometry(ctx, type, id, version) } : {}),
    restoredFrom: version,
  });
}

/** A kept version's geometry, copied in SQL so the restored one is the stored one to the last bit. */
export const storedGeometry = (ctx: AppContext, type: ObjectType, id: string, version: number) => ({
  sql: '(SELECT geom FROM object_versions WHERE region = ? AND object_type = ? AND object_id = ? AND version = ?)',
  bindings: [ctx.region, type, id, version],
});
