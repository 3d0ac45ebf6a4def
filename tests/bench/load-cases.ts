// What the load run asks of the server: reads the map page makes (unit details, a layer in a
// small bbox, building tiles) and the writes there are (login + logout, an area's PATCH). A
// write case also says afterwards how many of its acknowledged writes the database holds.
import { readSessionPolicy } from '../../server/config';
import type { AppContext } from '../../server/context';
import { SESSION_COOKIE } from '../../server/features/auth/cookies';
import { login } from '../../server/features/auth/service';
import { createUser } from '../../server/features/users/service';
import type { LoadCase, LoadClient } from './load';

export interface WriteCase extends LoadCase {
  /** After the run: the writes the server acknowledged, and how many of those are in the database. */
  verify(): Promise<{ acknowledged: number; found: number; note: string }>;
}

export interface ReadSample {
  units: { level: string; id: string }[];
  bboxes: [number, number, number, number][];
  tiles: { z: number; x: number; y: number }[];
}

/** Cycles through a sample, so the workers together ask for many different things. */
function cycle<T>(items: T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length]!;
}

export function readCases({ units, bboxes, tiles }: ReadSample): LoadCase[] {
  const unit = cycle(units);
  const bbox = cycle(bboxes);
  const tile = cycle(tiles);
  return [
    {
      name: 'GET /api/units/{level}/{id}',
      step: async (c) => {
        const u = unit();
        await c.send('GET', `/api/units/${u.level}/${encodeURIComponent(u.id)}`);
      },
    },
    {
      name: 'GET /api/layers/buildings?bbox',
      step: async (c) => {
        await c.send('GET', `/api/layers/buildings?bbox=${bbox().join(',')}`);
      },
    },
    {
      name: 'GET /tiles/buildings/14/…',
      step: async (c) => {
        const t = tile();
        await c.send('GET', `/tiles/buildings/${t.z}/${t.x}/${t.y}.pbf`);
      },
    },
  ];
}

export interface StepFigures {
  name: string;
  n: number;
  p50: number;
  p99: number;
}
export type MixedCase = LoadCase & { byStep(): StepFigures[] };

/** Each kind of step's own latencies (a step timed whole), since a login's hash is another order of cost than a read. */
function stepTimes(steps: LoadCase[]): { timed(step: LoadCase, run: () => Promise<void>): Promise<void>; byStep(): StepFigures[] } {
  const times = new Map<string, number[]>(steps.map((s) => [s.name, []]));
  return {
    async timed(step, run) {
      const t0 = performance.now();
      await run();
      times.get(step.name)!.push(performance.now() - t0);
    },
    byStep: () =>
      [...times].map(([name, xs]) => {
        const sorted = [...xs].sort((a, b) => a - b);
        const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
        return { name, n: xs.length, p50: at(50), p99: at(99) };
      }),
  };
}

/** The client with `cookie` on every request that does not bring its own. */
const withCookie = (c: LoadClient, cookie: string): LoadClient => ({ send: (method, path, options = {}) => c.send(method, path, { cookie, ...options }) });

/**
 * Sign-ins without pause: a signed-in user's map page (a unit's details, buildings in a bbox, a
 * tile) with a login and logout as every fourth step, each worker taking the next in turn. At 50
 * clients most of them are inside a sign-in at any moment: a morning's rush, not a day.
 */
export function signInRushCase(sample: ReadSample, cookie: string, loginLogout: LoadCase): MixedCase {
  const steps = [...readCases(sample), loginLogout];
  const times = stepTimes(steps);
  let turn = 0;
  return {
    name: 'mixed (unit, bbox, tile, login + logout)',
    step: async (c, worker) => {
      const step = steps[turn++ % steps.length]!;
      await times.timed(step, () => step.step(step === loginLogout ? c : withCookie(c, cookie), worker));
    },
    byStep: times.byStep,
  };
}

/**
 * Issue 17's mixed load as a working day has it: signed-in users on the map page's reads in turn,
 * with a planner's area rename one step in ten. Signing in is measured on its own (the rush above
 * and the login + logout case): a user signs in once a day, not once every few clicks.
 */
export function workingDayCase(sample: ReadSample, cookie: string, edit: LoadCase): MixedCase {
  const reads = readCases(sample);
  const times = stepTimes([...reads, edit]);
  let turn = 0;
  return {
    name: 'working day (unit, bbox, tile; a rename in ten)',
    step: async (c, worker) => {
      const t = turn++;
      const step = t % 10 === 9 ? edit : reads[t % reads.length]!;
      await times.timed(step, () => step.step(withCookie(c, cookie), worker));
    },
    byStep: times.byStep,
  };
}

/**
 * Log in and out again as one user. Acknowledged: a 200 login (a session and a `login` audit
 * row) and a 204 logout (a `logout` audit row, the session gone).
 */
export async function loginLogoutCase(ctx: AppContext): Promise<WriteCase> {
  const k = ctx.db.knex;
  const username = `bench-${process.pid}-${Date.now()}`;
  const password = 'bench-password';
  const user = await createUser(ctx, { username, role: 'leader', password });
  let logins = 0;
  let logouts = 0;
  return {
    name: 'POST login + POST logout',
    async step(c) {
      const login = await c.send('POST', '/api/auth/login', { body: { username, password } });
      if (login.status !== 200) return;
      logins++;
      const cookie = (login.headers['set-cookie']?.[0] ?? '').split(';')[0];
      if ((await c.send('POST', '/api/auth/logout', { cookie })).status === 204) logouts++;
    },
    async verify() {
      const rows = await k('audit_log').where({ region: ctx.region, actor_id: user.id }).select('action').count('* as n').groupBy('action');
      const audited = (action: string) => Number(rows.find((r) => r.action === action)?.n ?? 0);
      const sessions = Number((await k('sessions').where({ region: ctx.region, user_id: user.id }).count('* as n').first())!.n);
      return {
        acknowledged: logins + logouts,
        found: Math.min(logins, audited('login')) + Math.min(logouts, audited('logout')),
        note: `${logins} logins, ${logouts} logouts acknowledged; ${sessions} sessions left (expected ${logins - logouts})`,
      };
    },
  };
}

/**
 * Planners renaming contracted areas through the safe-write path: each worker edits an area of
 * its own from the version it last wrote, so every write should succeed. Acknowledged: a 200;
 * found: the version it made holds the name it sent, in the area row or in its history.
 */
export async function areaEditCase(ctx: AppContext, concurrency: number): Promise<WriteCase> {
  const k = ctx.db.knex;
  const username = `bench-editor-${process.pid}-${Date.now()}`;
  const password = 'bench-password';
  await createUser(ctx, { username, role: 'admin', password });
  const session = await login(ctx, username, password, readSessionPolicy());
  if (!session.ok) throw new Error('bench editor could not log in');
  const cookie = `${SESSION_COOKIE}=${session.token}`;
  const areas: Array<{ id: string; version: number }> = await k('contracted_areas')
    .where({ region: ctx.region })
    .orderBy('id')
    .limit(concurrency)
    .select('id', 'version');
  const acknowledged: Array<{ id: string; version: number; name: string }> = [];
  return {
    name: 'PATCH /api/areas/{id}',
    async step(c, worker) {
      const area = areas[worker % areas.length]!;
      const name = `第${worker}片区-${area.version + 1}`;
      const res = await c.send('PATCH', `/api/areas/${encodeURIComponent(area.id)}`, { cookie, body: { version: area.version, changes: { name } } });
      if (res.status !== 200) return;
      area.version++;
      acknowledged.push({ id: area.id, version: area.version, name });
    },
    async verify() {
      const ids = areas.map((a) => a.id);
      const current = await k('contracted_areas').where({ region: ctx.region }).whereIn('id', ids).select('id', 'version', 'name');
      const history = await k('object_versions')
        .where({ region: ctx.region, object_type: 'area' })
        .whereIn('object_id', ids)
        .select('object_id as id', 'version', k.raw("attributes->>'name' AS name"));
      const held = new Set([...current, ...history].map((r) => `${r.id}@${r.version}=${r.name}`));
      const found = acknowledged.filter((w) => held.has(`${w.id}@${w.version}=${w.name}`)).length;
      return { acknowledged: acknowledged.length, found, note: `${acknowledged.length} renames of ${areas.length} areas acknowledged` };
    },
  };
}
