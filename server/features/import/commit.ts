// Commit: the check once more inside the write, then the difference written — all of it or
// nothing. Refused (422) while an error stands or a warning is not accepted; 409 when the
// import moved on or the city changed since the check the admin read. Each table gets its
// added rows, its changed rows (the replaced version kept in object_versions, version + 1) and
// loses its removed ones; every replaced or removed row is kept whole in import_changes, which
// is what undo writes back. Parents are written before children, removals go children first.
import type { Knex } from 'knex';
import type { ImportLayer } from '../../domain/layers';
import type { AppContext } from '../../context';
import { listTables, serialisedColumns, type Table } from '../../db/rows';
import { ConflictError, HttpError, RefusedError } from '../../http/errors';
import { audit } from '../audit/service';
import type { AuthUser } from '../auth/service';
import { lookupMemory } from '../lookup/index-keeper';
import { editableOf, keepVersionsOf } from '../writes/bulk';
import { checkImport } from './check';
import { runner, type Run } from './city/run';
import { citySignature } from './city/signature';
import { CITY_TABLES, type CityTable } from './city/tables';
import { getImport, lockImport, toState, updateImport } from './drafts';
import { placeCentresByAddress } from './staging';
import type { ImportLayerState, ImportState, LayerMode } from './types';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

export interface Planned {
  modes: Partial<Record<ImportLayer, LayerMode>>;
  rows: Partial<Record<ImportLayer, number>>;
  /** The layers' row problems kept for listing, and the counts of all of them. */
  rowProblems: ImportLayerState['problems'];
  rowCounts: { errors: number; warnings: number };
}

/** What the import's layers say the check needs; refuses a draft that has no layer or one still unmapped. */
export function plannedFrom(importId: string, layers: Partial<Record<ImportLayer, ImportLayerState>>): Planned {
  const entries = Object.values(layers);
  if (!entries.length) throw new HttpError(422, 'import_no_layers', { id: importId });
  const unmapped = entries.filter((l) => l.rows === null).map((l) => l.layer);
  if (unmapped.length) throw new HttpError(422, 'import_layer_unmapped', { layers: unmapped });
  return {
    modes: Object.fromEntries(entries.map((l) => [l.layer, l.mode])),
    rows: Object.fromEntries(entries.map((l) => [l.layer, l.rows ?? 0])),
    rowProblems: entries.flatMap((l) => l.problems),
    rowCounts: { errors: sum(entries.map((l) => l.rowErrors)), warnings: sum(entries.map((l) => l.rowProblems - l.rowErrors)) },
  };
}

export async function commitImport(ctx: AppContext, actor: AuthUser, id: string, body: { version: number; acceptWarnings?: boolean }): Promise<ImportState> {
  await placeCentresByAddress(ctx, id);
  await ctx.db.writeBulk(async (trx) => {
    const within = { trx, touch: () => {} };
    const row = await lockImport(ctx, within, id, body.version, 'draft');
    const layers = (typeof row.layers === 'string' ? JSON.parse(row.layers) : row.layers) as Partial<Record<ImportLayer, ImportLayerState>>;
    const planned = plannedFrom(id, layers);
    const seen = typeof row.report === 'string' ? JSON.parse(row.report) : row.report;
    const signature = await citySignature(trx, ctx.region);
    const report = await checkImport(trx, { region: ctx.region, importId: id, ...planned, signature });
    if (seen && seen.signature !== signature) throw new ConflictError(toState(ctx.region, { ...row, report }, false), 'import_city_changed', {});
    if (!report.ok) throw new RefusedError(report.problems.filter((p) => p.severity === 'error'), { report });
    if (report.warnings && !body.acceptWarnings) throw new RefusedError(report.problems.filter((p) => p.severity === 'warning'), { report, acceptWarnings: true });
    const run = runner(trx, { region: ctx.region, imp: id, actor: actor.username });
    const catalogue = new Map((await listTables(trx)).map((t) => [t.name, t]));
    for (const t of CITY_TABLES) await writeTable(trx, run, ctx.region, t, catalogue.get(t.table)!);
    for (const t of [...CITY_TABLES].reverse()) await run(`DELETE FROM ${t.table} o USING change_${t.table} c WHERE o.region = :region AND o.id::text = c.id AND c.change = 'removed'`);
    // Fresh planner statistics for the tables written, or the next queries plan for the city before.
    await run(`ANALYZE ${CITY_TABLES.map((t) => t.table).join(', ')}`);
    const summary = report.layers;
    await updateImport(ctx, within, actor, id, { status: 'committed', committed_at: new Date(), report, summary });
    await audit(ctx, {
      action: 'import_commit', actorId: actor.id, actor: actor.username, objectType: 'import', objectId: id,
      versionBefore: body.version, versionAfter: body.version + 1,
      detail: { layers: summary, tables: report.tables, warningsAccepted: report.warnings, files: Object.values(layers).map((l) => l.file) },
    }, within);
  });
  await followAfterWrite(ctx);
  return getImport(ctx, id);
}

/** The look-up's index is derived from the city: rebuilt now (it heard of the write), not at the next search. */
export async function followAfterWrite(ctx: AppContext): Promise<void> {
  await lookupMemory(ctx);
}

async function writeTable(trx: Knex.Transaction, run: Run, region: string, t: CityTable, table: Table): Promise<void> {
  const id = t.serial ? 'o.id::text' : 'o.id';
  const image = `(SELECT to_jsonb(r) FROM (SELECT ${serialisedColumns(trx, table).map((c) => c.toQuery()).join(', ')} FROM ${t.table} WHERE region = :region AND id::text = c.id) r)`;
  // A changed row's version after this write is the one it has now plus one (the UPDATE below).
  await run(`
    INSERT INTO import_changes (region, import_id, table_name, object_id, change, version_after, before)
    SELECT :region, :imp, '${t.table}', c.id, c.change, CASE WHEN c.change = 'changed' THEN o.version + 1 END, ${image}
    FROM change_${t.table} c JOIN ${t.table} o ON o.region = :region AND ${id} = c.id`);
  const editable = editableOf(t.table);
  if (editable) {
    await keepVersionsOf(trx, region, editable, { sql: `SELECT id FROM change_${t.table} WHERE change = 'changed'` }, 'update');
    await keepVersionsOf(trx, region, editable, { sql: `SELECT id FROM change_${t.table} WHERE change = 'removed'` }, 'delete');
  }
  await run(`
    UPDATE ${t.table} o SET ${t.columns.map((c) => `${c} = d.${c}`).join(', ')}, version = o.version + 1, updated_at = now(), updated_by = :actor
    FROM change_${t.table} c JOIN draft_${t.table} d ON d.id = c.id
    WHERE o.region = :region AND ${id} = c.id AND c.change = 'changed'`);
  const columns = t.columns.join(', ');
  if (t.serial) {
    const added = await run(`
      INSERT INTO ${t.table} (region, ${columns}, updated_by) SELECT :region, ${columns}, :actor FROM added_${t.table} RETURNING id::text AS id`);
    if (added.length) {
      await run(`
        INSERT INTO import_changes (region, import_id, table_name, object_id, change, version_after)
        SELECT :region, :imp, '${t.table}', x.id, 'added', 1 FROM jsonb_to_recordset(CAST(:ids AS jsonb)) AS x(id text)`, { ids: JSON.stringify(added) });
    }
  } else {
    await run(`INSERT INTO ${t.table} (region, id, ${columns}, updated_by) SELECT :region, id, ${columns}, :actor FROM added_${t.table}`);
    await run(`INSERT INTO import_changes (region, import_id, table_name, object_id, change, version_after) SELECT :region, :imp, '${t.table}', id, 'added', 1 FROM added_${t.table}`);
  }
}

