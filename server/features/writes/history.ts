// Earlier versions of an editable object: the list, one version as it was, and restoring one
// (which is a write like any other: a new version equal to the old one).
import type { Geometry } from 'geojson';
import type { AppContext } from '../../context';
import { HttpError, notFound } from '../../http/errors';
import type { AuthUser } from '../auth/service';
import { EDITABLE, type ObjectType } from './objects';
import { getObject, writeObject, type ObjectState } from './service';

export interface VersionEntry {
  version: number;
  changedAt: string;
  changedBy: string;
  /** The write that made this version; null for the first version history knows (as loaded). */
  change: 'update' | 'restore' | null;
  restoredFrom?: number;
  current: boolean;
}

type HistoryRow = {
  version: number;
  changed_at: string;
  changed_by: string;
  replaced_by: 'update' | 'restore';
  restored_from: number | null;
};

/** Newest first. A history row records how its version ended, which is how the next began. */
export async function listVersions(ctx: AppContext, user: AuthUser, type: ObjectType, id: string): Promise<{ type: ObjectType; id: string; versions: VersionEntry[] }> {
  const current = await getObject(ctx, user, type, id);
  const rows: HistoryRow[] = await ctx.db
    .knex('object_versions')
    .where({ region: ctx.region, object_type: type, object_id: id })
    .orderBy('version')
    .select('version', 'changed_at', 'changed_by', 'replaced_by', 'restored_from');
  const made = new Map(rows.map((r) => [Number(r.version) + 1, r]));
  const entry = (version: number, changedAt: string, changedBy: string, isCurrent: boolean): VersionEntry => {
    const before = made.get(version);
    return {
      version,
      changedAt: new Date(changedAt).toISOString(),
      changedBy,
      change: before?.replaced_by ?? null,
      ...(before?.restored_from == null ? {} : { restoredFrom: Number(before.restored_from) }),
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
  if (!row) throw notFound(`version ${version} of ${EDITABLE[type].label} "${id}"`);
  return {
    type,
    id,
    version: Number(row.version),
    updatedAt: new Date(row.changed_at).toISOString(),
    updatedBy: row.changed_by,
    townId: current.townId,
    attributes: row.attributes,
    geometry: JSON.parse(row.geojson) as Geometry,
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
  if (version === current.version) throw new HttpError(400, `version ${version} is the current version; only an earlier one can be restored`);
  const old = await earlierVersion(ctx, current, version);
  return writeObject(ctx, user, {
    type,
    id,
    version: startedFrom,
    attributes: old.attributes,
    // Copied in SQL, so the restored geometry is the stored one to the last bit.
    geometry: {
      sql: '(SELECT geom FROM object_versions WHERE region = ? AND object_type = ? AND object_id = ? AND version = ?)',
      bindings: [ctx.region, type, id, version],
    },
    restoredFrom: version,
  });
}
