// The leaders' dashboard: its per-town query with the shares, and the .xlsx built from it, next to
// `/api/stats` (the same counts summed for the city) as the baseline. Run with the whole bench, or
// alone: `npx tsx tests/bench/dashboard.ts` (PGlite, and PostgreSQL when GRIDMAP_BENCH_PG_URL or the
// local server answers).
import { pathToFileURL } from 'node:url';
import type { AppContext } from '../../server/context';
import { readDashboard } from '../../server/features/dashboard/service';
import { dashboardWorkbook } from '../../server/features/dashboard/workbook';
import { computeStats } from '../../server/features/stats/service';
import { onEachDatabase } from './alone';

const ROUNDS = 20;

async function median(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm: plans cached, pages read
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
}

export async function benchDashboard(label: string, ctx: AppContext): Promise<void> {
  const stats = await median(() => computeStats(ctx));
  const dashboard = await median(() => readDashboard(ctx));
  const figures = await readDashboard(ctx);
  const workbook = await median(() => dashboardWorkbook(figures, new Date()));
  const f = (ms: number) => ms.toFixed(1).padStart(8);
  console.log(`\n## ${label}: dashboard (${figures.towns.length} towns, median of ${ROUNDS})`);
  console.log('                                 ms   ratio to /api/stats');
  console.log(`/api/stats (computeStats) ${f(stats)}      1.0`);
  console.log(`dashboard per town        ${f(dashboard)} ${(dashboard / stats).toFixed(1).padStart(8)}`);
  console.log(`  + .xlsx from it         ${f(workbook)} ${(workbook / stats).toFixed(1).padStart(8)}  (no database)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await onEachDatabase('dashboard', 'bench-city', benchDashboard);
