// An import's own row: made by an admin, versioned like every edited object (each step that
// changes it is version + 1, a stale step 409), listed for the admins, discarded or committed.
// Only admins import: a county's whole city is not one town's planner's to replace.
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { ImportLayer } from '../../domain/layers';
import type { AppContext } from '../../context';
import type { Within } from '../../db/write';
import { ConflictError, notFound } from '../../http/errors';
import { audit } from '../audit/service';
import type { AuthUser } from '../auth/service';
import type { ImportLayerState, ImportListItem, ImportReport, ImportState, ImportStatus, LayerDiff } from './types';

interface ImportRow {
  id: string;
  status: ImportStatus;
  version: number;
  created_by: string;
  created_at: string | Date;
  committed_at: string | Date | null;
  undone_at: string | Date | null;
  layers: Partial<Record<ImportLayer, ImportLayerState>> | string;
  report: ImportReport | string | null;
  summary: Partial<Record<ImportLayer, LayerDiff>> | string | null;
}

/** jsonb comes back parsed from pg and as text from PGlite's older paths: read either. */
const json = <T>(v: T | string | null): T | null => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

export async function readImport(k: Knex, region: string, id: string, lock = false): Promise<ImportRow | undefined> {
  const { rows } = await k.raw(`SELECT * FROM imports WHERE region = ? AND id = ? ${lock ? 'FOR UPDATE' : ''}`, [region, id]);
  return rows[0] as ImportRow | undefined;
}

export function toState(region: string, row: ImportRow, undoable: boolean): ImportState {
  return {
    id: row.id,
    region,
    status: row.status,
    version: Number(row.version),
    createdBy: row.created_by,
    createdAt: iso(row.created_at)!,
    committedAt: iso(row.committed_at),
    undoneAt: iso(row.undone_at),
    layers: json(row.layers) ?? {},
    report: json(row.report),
    summary: json(row.summary),
    undoable,
  };
}

export async function createImport(ctx: AppContext, actor: AuthUser): Promise<ImportState> {
  const id = `I${randomBytes(6).toString('hex')}`;
  await ctx.db.write(async (trx, touch) => {
    await trx('imports').insert({ region: ctx.region, id, status: 'draft', created_by: actor.username, updated_by: actor.username });
    touch('imports', { region: ctx.region, id });
    await audit(ctx, { action: 'import_create', actorId: actor.id, actor: actor.username, objectType: 'import', objectId: id, versionAfter: 1 }, { trx, touch });
  });
  return getImport(ctx, id);
}

/** Whether undo would still restore the city exactly: nothing the import wrote was changed since. */
export async function undoBlockers(k: Knex, region: string, id: string): Promise<Array<{ table: string; id: string }>> {
  const { rows: tables } = await k.raw('SELECT DISTINCT table_name FROM import_changes WHERE region = ? AND import_id = ?', [region, id]);
  const blockers: Array<{ table: string; id: string }> = [];
  for (const { table_name: table } of tables as Array<{ table_name: string }>) {
    const { rows } = await k.raw(
      `SELECT x.object_id AS id FROM import_changes x LEFT JOIN ${table} o ON o.region = x.region AND o.id::text = x.object_id
       WHERE x.region = ? AND x.import_id = ? AND x.table_name = ?
         AND CASE WHEN x.change = 'removed' THEN o.id IS NOT NULL
                  ELSE o.id IS NULL OR o.version <> x.version_after END
       LIMIT 50`,
      [region, id, table],
    );
    blockers.push(...(rows as Array<{ id: string }>).map((r) => ({ table, id: r.id })));
  }
  return blockers;
}

export async function getImport(ctx: AppContext, id: string): Promise<ImportState> {
  const row = await readImport(ctx.db.knex, ctx.region, id);
  if (!row) throw notFound('import', id);
  const undoable = row.status === 'committed' && (await undoBlockers(ctx.db.knex, ctx.region, id)).length === 0;
  return toState(ctx.region, row, undoable);
}

export async function listImports(ctx: AppContext): Promise<ImportListItem[]> {
  const { rows } = await ctx.db.knex.raw(
    `SELECT id, status, version, created_by, created_at, committed_at, undone_at, layers, summary
     FROM imports WHERE region = ? AND status <> 'discarded' ORDER BY created_at DESC LIMIT 100`,
    [ctx.region],
  );
  return (rows as ImportRow[]).map((r) => ({
    id: r.id,
    status: r.status,
    version: Number(r.version),
    createdBy: r.created_by,
    createdAt: iso(r.created_at)!,
    committedAt: iso(r.committed_at),
    undoneAt: iso(r.undone_at),
    layers: Object.keys(json(r.layers) ?? {}) as ImportLayer[],
    summary: json(r.summary),
  }));
}

/**
 * Locks the import for a step: it must exist, be at the version the client started from, and
 * be in `status` (a committed import takes no more files; an undone one is not undone twice).
 */
export async function lockImport(ctx: AppContext, { trx }: Pick<Within, 'trx'>, id: string, version: number, status: ImportStatus): Promise<ImportRow> {
  const row = await readImport(trx, ctx.region, id, true);
  if (!row) throw notFound('import', id);
  const current = () => toState(ctx.region, row, false);
  if (Number(row.version) !== version) throw new ConflictError(current(), 'import', id, Number(row.version), version);
  if (row.status !== status) throw new ConflictError(current(), 'import_wrong_status', { status: row.status, wanted: status });
  return row;
}

/** One step's change to the import's row: version + 1, by the actor. */
export async function updateImport(ctx: AppContext, { trx, touch }: Within, actor: AuthUser, id: string, set: Record<string, unknown>): Promise<void> {
  const values = Object.fromEntries(Object.entries(set).map(([k, v]) => [k, v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v]));
  await trx('imports')
    .where({ region: ctx.region, id })
    .update({ ...values, version: trx.raw('version + 1'), updated_at: trx.fn.now(), updated_by: actor.username });
  touch('imports', { region: ctx.region, id });
}

export async function discardImport(ctx: AppContext, actor: AuthUser, id: string, version: number): Promise<ImportState> {
  await ctx.db.write(async (trx, touch) => {
    await lockImport(ctx, { trx }, id, version, 'draft');
    await updateImport(ctx, { trx, touch }, actor, id, { status: 'discarded' });
    await audit(ctx, { action: 'import_discard', actorId: actor.id, actor: actor.username, objectType: 'import', objectId: id, versionBefore: version, versionAfter: version + 1 }, { trx, touch });
  });
  await ctx.db.scratch(async (trx) => {
    await trx('import_rows').where({ region: ctx.region, import_id: id }).delete();
    await trx('import_files').where({ region: ctx.region, import_id: id }).delete();
  });
  return getImport(ctx, id);
}

/** Sets (or with null, drops) one layer of a draft: a step of the wizard, version + 1. */
export async function putLayer(ctx: AppContext, actor: AuthUser, id: string, version: number, layer: ImportLayer, state: ImportLayerState | null): Promise<void> {
  await ctx.db.write(async (trx, touch) => {
    const row = await lockImport(ctx, { trx }, id, version, 'draft');
    const layers = { ...(json(row.layers) ?? {}) };
    if (state) layers[layer] = state;
    else delete layers[layer];
    // A changed layer makes the last check stale.
    await updateImport(ctx, { trx, touch }, actor, id, { layers, report: null });
  });
}
