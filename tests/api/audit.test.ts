import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { purgeAudit, startAuditRetention } from '../../server/features/audit/retention';
import type { AuditRecord } from '../../server/features/audit/query';
import { startTestApi, type TestApi } from '../support/api-client';
import { loginDemo, send } from '../support/accounts';

let api: TestApi;
let admin: string;
beforeAll(async () => {
  api = await startTestApi();
  admin = await loginDemo(api, 'admin');
});
afterAll(() => api.close());

type Page = { entries: AuditRecord[]; nextCursor: string | null };
const page = async (query: string) => {
  const res = await send<Page & { error?: string }>(api, 'GET', `/api/audit${query}`, undefined, admin);
  expect(res.status, res.body.error).toBe(200);
  return res.body;
};

describe('GET /api/audit', () => {
  it('is for admins only', async () => {
    expect((await send(api, 'GET', '/api/audit', undefined)).status).toBe(401);
    expect((await send(api, 'GET', '/api/audit', undefined, await loginDemo(api, 'leader'))).status).toBe(403);
  });

  it('lists newest first and pages with a cursor until the end', async () => {
    for (const role of ['staff', 'planner', 'leader'] as const) await loginDemo(api, role);
    const total = Number((await api.ctx.db.knex('audit_log').where({ region: api.ctx.region }).count('* as n').first())!.n);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const p: Page = await page(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(p.entries.length).toBeLessThanOrEqual(3);
      seen.push(...p.entries.map((e) => e.id));
      cursor = p.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(total);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    expect(new Set(seen).size).toBe(total);
  });

  it('filters by actor, action, object and time', async () => {
    const staff = await page('?actor=demo-staff&action=login');
    expect(staff.entries.length).toBeGreaterThan(0);
    expect(staff.entries.every((e) => e.actor === 'demo-staff' && e.action === 'login')).toBe(true);
    const one = staff.entries[0]!;
    const byObject = await page(`?objectType=user&objectId=${one.objectId}`);
    expect(byObject.entries.every((e) => e.objectType === 'user' && e.objectId === one.objectId)).toBe(true);
    expect(byObject.entries.map((e) => e.id)).toContain(one.id);

    const at = new Date(one.at).getTime();
    const around = await page(`?actor=demo-staff&from=${new Date(at - 1).toISOString()}&to=${new Date(at + 1).toISOString()}`);
    expect(around.entries.map((e) => e.id)).toContain(one.id);
    expect((await page(`?actor=demo-staff&from=${new Date(at + 60_000).toISOString()}`)).entries).toEqual([]);
    expect((await page('?actor=nobody-at-all')).entries).toEqual([]);
  });

  it('refuses malformed filters', async () => {
    for (const query of ['?limit=0', '?limit=100000', '?cursor=abc', '?from=yesterday', '?colour=red']) {
      expect((await send(api, 'GET', `/api/audit${query}`, undefined, admin)).status, query).toBe(400);
    }
  });
});

describe('retention', () => {
  async function insertAged(days: number[]) {
    const k = api.ctx.db.knex;
    const rows = days.map((d) => ({ region: api.ctx.region, action: 'login', actor: `aged-${d}`, at: k.raw(`now() - make_interval(days => ${d})`) }));
    return (await k('audit_log').insert(rows).returning('id')).map((r: { id: string }) => Number(r.id));
  }

  it('purges rows older than the retention and keeps the rest, recording the count', async () => {
    const k = api.ctx.db.knex;
    const [old1, old2, kept] = await insertAged([200, 181, 179]);
    const before = Number((await k('audit_log').count('* as n').first())!.n);
    expect(await purgeAudit(api.ctx, 180)).toBe(2);
    const ids = (await k('audit_log').whereIn('id', [old1, old2, kept]).pluck('id')).map(Number);
    expect(ids).toEqual([kept]);
    expect(Number((await k('audit_log').count('* as n').first())!.n)).toBe(before - 2 + 1);
    const purge = (await page('?action=audit_purge')).entries[0]!;
    expect(purge).toMatchObject({ actor: 'system', objectType: 'audit_log', detail: { deleted: 2, retentionDays: 180 } });
    expect(await purgeAudit(api.ctx, 180)).toBe(0);
  });

  it('purges on start and then daily until stopped', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const k = api.ctx.db.knex;
      await insertAged([200]);
      const lines: string[] = [];
      const retention = startAuditRetention(api.ctx, 190, (line) => lines.push(line));
      await vi.waitFor(() => expect(lines).toEqual(['audit log: 1 row(s) older than 190 days purged']));
      await insertAged([195, 196]);
      vi.advanceTimersByTime(24 * 3600_000);
      await vi.waitFor(() => expect(lines).toHaveLength(2));
      expect(lines[1]).toBe('audit log: 2 row(s) older than 190 days purged');
      await retention.stop();
      await insertAged([250]);
      vi.advanceTimersByTime(2 * 24 * 3600_000);
      expect(lines).toHaveLength(2);
      expect(Number((await k('audit_log').where('actor', 'aged-250').count('* as n').first())!.n)).toBe(1);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the server process', () => {
  it('purges on start with GRIDMAP_AUDIT_RETENTION_DAYS and stops cleanly', async () => {
    const { startServer } = await import('../support/server');
    const server = await startServer({ GRIDMAP_AUDIT_RETENTION_DAYS: '7' });
    try {
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'demo-admin', password: 'gridmap-admin' }),
      });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      await vi.waitFor(async () => {
        const res = await fetch(`${server.url}/api/audit?action=audit_purge`, { headers: { cookie } });
        const body = (await res.json()) as Page;
        expect(body.entries.map((e) => e.detail)).toEqual([{ deleted: 0, retentionDays: 7 }]);
      });
    } finally {
      await server.stop();
    }
    expect(server.alive()).toBe(false);
  });
});
