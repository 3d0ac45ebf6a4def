// Undo a committed import as a whole: every row it replaced or removed comes back as it was
// (import_changes keeps them), every row it added goes. Refused (409, with the units) when
// anything the import wrote was edited since: undoing then would silently throw that edit away.
// Rows coming back get a new version (their history keeps the import's), as a restore does.
import type { Knex } from 'knex';
import type { AppContext } from '../../context';
import { ConflictError } from '../../http/errors';
import { audit } from '../audit/service';
import type { AuthUser } from '../auth/service';
import { editableOf, keepVersionsOf } from '../writes/bulk';
import { followAfterWrite } from './commit';
import { runner, type Run } from './city/run';
import { CITY_TABLES, type CityTable } from './city/tables';
import { getImport, lockImport, toState, undoBlockers, updateImport } from './drafts';
import type { ImportState } from './types';

export async function undoImport(ctx: AppContext, actor: AuthUser, id: string, version: number): Promise<ImportState> {
  await ctx.db.writeBulk(async (trx) => {
    const within = { trx, touch: () => {} };
    const row = await lockImport(ctx, within, id, version, 'committed');
    const blockers = await undoBlockers(trx, ctx.region, id);
    if (blockers.length) throw new ConflictError({ ...toState(ctx.region, row, false), blockers }, 'import_undo_blocked', { count: blockers.length, ids: blockers.slice(0, 10).map((b) => b.id) });
    const run = runner(trx, { region: ctx.region, imp: id, actor: actor.username });
    for (const t of CITY_TABLES) await putBack(trx, run, ctx.region, id, t);
    for (const t of [...CITY_TABLES].reverse()) {
      await run(`
        DELETE FROM ${t.table} o USING import_changes x
        WHERE o.region = :region AND x.region = o.region AND x.import_id = :imp AND x.table_name = '${t.table}' AND x.change = 'added' AND o.id::text = x.object_id`);
    }
    // Fresh planner statistics for the tables written, or the next queries plan for the city before.
    await run(`ANALYZE ${CITY_TABLES.map((t) => t.table).join(', ')}`);
    await updateImport(ctx, within, actor, id, { status: 'undone', undone_at: new Date() });
    await audit(ctx, { action: 'import_undo', actorId: actor.id, actor: actor.username, objectType: 'import', objectId: id, versionBefore: version, versionAfter: version + 1 }, within);
  });
  await followAfterWrite(ctx);
  return getImport(ctx, id);
}

/** Removed rows inserted again as they were; changed rows set back to what they were, at a new version. */
async function putBack(trx: Knex.Transaction, run: Run, region: string, importId: string, t: CityTable): Promise<void> {
  const mine = `x.region = :region AND x.import_id = :imp AND x.table_name = '${t.table}'`;
  const all = ['region', 'id', ...t.columns, 'version', 'updated_at', 'updated_by'];
  await run(`
    INSERT INTO ${t.table} (${all.join(', ')})
    SELECT ${all.map((c) => `r.${c}`).join(', ')} FROM import_changes x, jsonb_populate_record(NULL::${t.table}, x.before) r
    WHERE ${mine} AND x.change = 'removed'`);
  const editable = editableOf(t.table);
  if (editable) {
    const changed = 'SELECT object_id FROM import_changes WHERE region = ? AND import_id = ? AND table_name = ? AND change = ?';
    await keepVersionsOf(trx, region, editable, { sql: changed, bindings: [region, importId, t.table, 'changed'] }, 'update');
  }
  await run(`
    UPDATE ${t.table} o SET ${t.columns.map((c) => `${c} = r.${c}`).join(', ')}, version = o.version + 1, updated_at = now(), updated_by = :actor
    FROM import_changes x, jsonb_populate_record(NULL::${t.table}, x.before) r
    WHERE ${mine} AND x.change = 'changed' AND o.region = x.region AND o.id::text = x.object_id`);
}
