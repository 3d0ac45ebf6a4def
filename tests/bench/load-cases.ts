// What the load run asks of the server: reads the map page makes (unit details, a layer in a
// small bbox, building tiles) and the writes there are (login + logout today). A write case
// also says afterwards how many of its acknowledged writes the database holds; another write
// path (the area editor's PATCH) is one more WriteCase in the list run.ts builds.
import type { AppContext } from '../../server/context';
import { createUser } from '../../server/features/users/service';
import type { LoadCase } from './load';

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
