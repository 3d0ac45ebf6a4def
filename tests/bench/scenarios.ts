// A whole-city merger scenario: every community with villages re-unioned as a group of its own
// villages, compared (rules, change table, totals) and exported (GeoJSON, and the change table as
// Excel, timed apart from the comparison it is written from); the size of the comparison is
// what the client downloads for the compare view. Then adopted and undone once. Run with the
// whole bench, or alone: `npx tsx tests/bench/scenarios.ts` (PGlite, and PostgreSQL when
// GRIDMAP_BENCH_PG_URL or the local server answers; GRIDMAP_BENCH_SCENARIOS_DB=<url of a seeded
// database> and GRIDMAP_BENCH_REGION measure that one alone).
import { pathToFileURL } from 'node:url';
import type { AppContext } from '../../server/context';
import { openDatabase } from '../../server/db/database';
import type { AuthUser } from '../../server/features/auth/service';
import { adoptScenario, undoAdoption } from '../../server/features/scenarios/adopt';
import { compareScenario } from '../../server/features/scenarios/compare';
import { createScenario, updateScenario } from '../../server/features/scenarios/edit';
import { changesWorkbook } from '../../server/features/scenarios/changes-xlsx';
import { exportGeoJson } from '../../server/features/scenarios/export';
import { reachScenario } from '../../server/features/scenarios/store';
import { onEachDatabase } from './alone';

const ROUNDS = 3;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
}

export async function benchScenarios(label: string, ctx: AppContext): Promise<void> {
  const admin = await ctx.db.knex('users').where({ role: 'admin' }).orderBy('username').first('id', 'username', 'display_name');
  const actor: AuthUser = { id: admin.id, username: admin.username, displayName: admin.display_name, role: 'admin', towns: [], areas: [] };
  const communities = (await ctx.db.knex('villages').where({ region: ctx.region }).distinct('community_id').orderBy('community_id').pluck('community_id')) as string[];
  const draft = await createScenario(ctx, actor, { name: '全市重组基准' });
  const saved = await updateScenario(ctx, actor, draft.id, {
    version: draft.version,
    groups: communities.map((c, i) => ({ key: `g${i + 1}`, name: `重组${i + 1}`, villages: [], communities: [c] })),
  });
  console.log(`\n## ${label}: a whole-city scenario (${communities.length} groups, every community with villages re-unioned)`);
  console.log('round   compare ms   compare bytes   export ms   export bytes   xlsx ms   xlsx bytes');
  for (let round = 1; round <= ROUNDS; round++) {
    const scenario = await reachScenario(ctx, actor, saved.id);
    const [comparison, tc] = await timed(() => compareScenario(ctx, scenario));
    const [exported, te] = await timed(() => exportGeoJson(ctx, scenario));
    // The change table rendered as the Excel file from the comparison already made (names by id as the route passes them).
    const [xlsx, tx] = await timed(() => changesWorkbook(scenario.name, comparison, new Map()));
    const f = (x: number) => x.toFixed(0).padStart(11);
    console.log(
      `${String(round).padStart(5)} ${f(tc)} ${String(JSON.stringify(comparison).length).padStart(15)} ${f(te)} ${String(JSON.stringify(exported).length).padStart(14)} ${tx.toFixed(0).padStart(9)} ${String(xlsx.length).padStart(12)}`,
    );
  }
  const [adopted, ta] = await timed(() => adoptScenario(ctx, actor, saved.id, saved.version));
  const [, tu] = await timed(() => undoAdoption(ctx, actor, saved.id, adopted.version));
  console.log(`adopt ${ta.toFixed(0)} ms, undo ${tu.toFixed(0)} ms (one transaction each, every moved row journalled)`);
}

async function main(): Promise<void> {
  const region = process.env.GRIDMAP_BENCH_REGION ?? 'bench-city';
  const seeded = process.env.GRIDMAP_BENCH_SCENARIOS_DB;
  if (!seeded) return onEachDatabase('scenarios', region, benchScenarios);
  const db = await openDatabase({ databaseUrl: seeded, dataDir: '' });
  await benchScenarios('PostgreSQL (given database)', { db, region });
  await db.close();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
