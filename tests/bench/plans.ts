// Saving a painted plan of the demo city's largest community (by buildings): a dry run (every
// rule checked, nothing written) next to a real save, for a split of its first area into two
// and the merge back (one area created, then deleted). Run with the whole bench, or alone:
// `npx tsx tests/bench/plans.ts` (PGlite, and PostgreSQL when GRIDMAP_BENCH_PG_URL or the local
// server answers).
import { pathToFileURL } from 'node:url';
import type { AppContext } from '../../server/context';
import type { AuthUser } from '../../server/features/auth/service';
import { readPlan, type Plan } from '../../server/features/plans/read';
import type { PlanBody } from '../../server/features/plans/schema';
import { savePlan } from '../../server/features/plans/service';
import { acceptKey } from '../../server/domain/problems';
import { RefusedError } from '../../server/http/errors';
import { onEachDatabase } from './alone';

const ROUNDS = 3;

async function largestCommunity({ db, region }: AppContext): Promise<string> {
  const row = await db
    .knex('buildings as b')
    .join('contracted_areas as a', function () {
      this.on('a.region', 'b.region').andOn('a.id', 'b.area_id');
    })
    .where('b.region', region)
    .groupBy('a.community_id')
    .orderByRaw('count(*) DESC, a.community_id')
    .first('a.community_id');
  return row.community_id as string;
}

const painting = (plan: Plan) =>
  plan.areas.map((a) => ({ id: a.id, version: a.version, name: a.name, buildings: plan.buildings.filter((b) => b.areaId === a.id).map((b) => b.id) }));

/** The first area's buildings split west / east, the east half a new area. */
function split(plan: Plan): PlanBody {
  const areas = painting(plan);
  const first = areas[0]!;
  const lng = new Map(plan.buildings.map((b) => [b.id, b.lng]));
  const sorted = [...first.buildings].sort((p, q) => lng.get(p)! - lng.get(q)! || p.localeCompare(q));
  first.buildings = sorted.slice(0, Math.ceil(sorted.length / 2));
  return { areas: [...areas, { name: '基准片区', buildings: sorted.slice(first.buildings.length) }] };
}

/** The area created by `split` painted back into the one it came from, and removed. */
function merge(plan: Plan, created: string, into: string): PlanBody {
  const areas = painting(plan);
  const gone = areas.find((a) => a.id === created)!;
  areas.find((a) => a.id === into)!.buildings.push(...gone.buildings);
  return { areas: areas.filter((a) => a.id !== created), removed: [{ id: created, version: gone.version }] };
}

export async function benchPlans(label: string, ctx: AppContext): Promise<void> {
  const community = await largestCommunity(ctx);
  const admin = await ctx.db.knex('users').where({ role: 'admin' }).orderBy('username').first('id', 'username', 'display_name');
  const actor: AuthUser = { id: admin.id, username: admin.username, displayName: admin.display_name, role: 'admin', towns: [], areas: [] };
  const first = (await readPlan(ctx.db.knex, ctx.region, community))!;
  console.log(`\n## ${label}: saving a painted plan (community ${community}: ${first.buildings.length} buildings, ${first.areas.length} areas)`);
  console.log('round   split dry run   split save   merge dry run   merge save   (ms)');
  for (let round = 1; round <= ROUNDS; round++) {
    // The plan's rule warnings are named by a dry run first (not timed), then accepted, as the planner does.
    const accepting = async (body: PlanBody): Promise<PlanBody> => {
      try {
        await savePlan(ctx, actor, community, { ...body, dryRun: true });
        return body;
      } catch (err) {
        if (!(err instanceof RefusedError)) throw err;
        return { ...body, acceptWarnings: err.problems.map(acceptKey) };
      }
    };
    const time = async (given: PlanBody) => {
      const body = await accepting(given);
      const t0 = performance.now();
      const saved = await savePlan(ctx, actor, community, body);
      return { saved, ms: performance.now() - t0 };
    };
    const before = (await readPlan(ctx.db.knex, ctx.region, community))!;
    const splitDry = await time({ ...split(before), dryRun: true });
    const splitSave = await time(split(before));
    const created = Object.values(splitSave.saved.created)[0]!;
    const after = (await readPlan(ctx.db.knex, ctx.region, community))!;
    const into = before.areas[0]!.id;
    const mergeDry = await time({ ...merge(after, created, into), dryRun: true });
    const mergeSave = await time(merge(after, created, into));
    const f = (x: number) => x.toFixed(0).padStart(12);
    console.log(`${String(round).padStart(5)} ${f(splitDry.ms)}    ${f(splitSave.ms)} ${f(mergeDry.ms)}    ${f(mergeSave.ms)}`);
  }
  console.log('  (a save locks, checks every rule, writes areas with history and audit, buildings, groups and organisations; the first round also redraws every outline from the Voronoi cells)');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await onEachDatabase('plans', 'bench-city', benchPlans);
