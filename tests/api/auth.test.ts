import type { AddressInfo } from 'node:net';
import express from 'express';
import type { FeatureCollection } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate, requireRole } from '../../server/features/auth/middleware';
import { errorHandler } from '../../server/http/errors';
import type { UnitInfo } from '../../server/features/units/service';
import { DEMO_ACCOUNTS } from '../../server/features/users/demo';
import { createUser } from '../../server/features/users/service';
import { startTestApi, type TestApi } from '../support/api-client';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const demo = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!;

/** Logs in and returns the cookie to send back, plus the raw Set-Cookie header. */
async function login(username: string, password: string) {
  const res = await api.post('/api/auth/login', { username, password });
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { res, setCookie, cookie: setCookie.split(';')[0]! };
}

const sessionCount = async () => Number((await api.ctx.db.knex('sessions').count('* as n').first())!.n);

describe('login, me, logout', () => {
  it('makes a round trip with a session cookie', async () => {
    expect((await api.get('/api/auth/me')).status).toBe(401);
    const { res, cookie } = await login('demo-admin', 'gridmap-admin');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.user).toMatchObject({ username: 'demo-admin', role: 'admin', displayName: demo('admin').displayName, towns: [] });
    expect(body.user).not.toHaveProperty('password_hash');

    const me = await api.request('/api/auth/me', { cookie });
    expect(me.status).toBe(200);
    expect((await me.json()).user.id).toBe(body.user.id);

    const out = await api.post('/api/auth/logout', {}, cookie);
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^gridmap_session=; .*Max-Age=0/);
    expect((await api.request('/api/auth/me', { cookie })).status).toBe(401);
  });

  it('sets the cookie HttpOnly, SameSite=Strict, Path=/ with a Max-Age, not Secure over plain http', async () => {
    const { setCookie } = await login('demo-staff', 'gridmap-staff');
    const flags = setCookie.split(';').map((f) => f.trim());
    expect(flags[0]).toMatch(/^gridmap_session=[\w-]{40,}$/);
    expect(flags).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/', `Max-Age=${7 * 24 * 3600}`]));
    expect(flags).not.toContain('Secure');
  });

  it('stores only a hash of the token', async () => {
    const { cookie } = await login('demo-leader', 'gridmap-leader');
    const token = decodeURIComponent(cookie.split('=')[1]!);
    const hashes = await api.ctx.db.knex('sessions').pluck('token_hash');
    expect(hashes.length).toBeGreaterThan(0);
    expect(hashes).not.toContain(token);
    expect(hashes.every((h: string) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
  });

  it('answers a wrong password and an unknown user alike with 401', async () => {
    const wrong = await api.post('/api/auth/login', { username: 'demo-admin', password: 'not-the-password' });
    const unknown = await api.post('/api/auth/login', { username: 'nobody-here', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const answer = await wrong.json();
    expect(answer).toEqual(await unknown.json());
    expect(answer).toEqual({ code: 'login_failed', error: '用户名或密码错误', errorEn: 'wrong username or password' });
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect((await api.post('/api/auth/login', {})).status).toBe(400);
  });

  it('locks an account after 5 failures, refusing even the right password', async () => {
    await createUser(api.ctx, { username: 'lock-me', role: 'leader', password: 'right-password' });
    for (let i = 1; i <= 4; i++) expect((await login('lock-me', `wrong-${i}`)).res.status).toBe(401);
    const fifth = await login('lock-me', 'wrong-5');
    expect(fifth.res.status).toBe(429);
    expect(Number(fifth.res.headers.get('retry-after'))).toBeGreaterThan(50);
    const right = await login('lock-me', 'right-password');
    expect(right.res.status).toBe(429);
    expect(await right.res.clone().json()).toMatchObject({ code: 'login_locked', error: expect.stringContaining('已暂时锁定') });
    expect(Number(right.res.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(right.setCookie).toBe('');

    // Once the lock has run out, the right password works and the count starts again.
    await api.ctx.db.knex('users').where({ username: 'lock-me' }).update({ locked_until: api.ctx.db.knex.raw("now() - interval '1 second'") });
    expect((await login('lock-me', 'right-password')).res.status).toBe(200);
    expect((await api.ctx.db.knex('users').where({ username: 'lock-me' }).first('failed_count')).failed_count).toBe(0);
  });

  it('doubles the lock on further failures after it runs out', async () => {
    await createUser(api.ctx, { username: 'lock-twice', role: 'leader', password: 'right-password' });
    for (let i = 1; i <= 5; i++) await login('lock-twice', 'wrong');
    await api.ctx.db.knex('users').where({ username: 'lock-twice' }).update({ locked_until: api.ctx.db.knex.raw("now() - interval '1 second'") });
    const sixth = await login('lock-twice', 'wrong');
    expect(sixth.res.status).toBe(429);
    expect(Number(sixth.res.headers.get('retry-after'))).toBeGreaterThan(110);
  });

  it('refuses an expired session and one idle too long', async () => {
    const k = api.ctx.db.knex;
    const expired = await login('demo-staff', 'gridmap-staff');
    expect((await api.request('/api/auth/me', { cookie: expired.cookie })).status).toBe(200);
    // Time passing, written as a write is (the process holds sessions it has read: sessions-held.ts).
    const age = (update: (q: typeof k) => Promise<Array<{ token_hash: string }>>) =>
      api.ctx.db.write(async (trx, touch) => {
        for (const { token_hash } of await update(trx)) touch('sessions', { token_hash });
      });
    await age((q) => q('sessions').update({ expires_at: q.raw("now() - interval '1 minute'") }, ['token_hash']));
    expect((await api.request('/api/auth/me', { cookie: expired.cookie })).status).toBe(401);

    const idle = await login('demo-staff', 'gridmap-staff');
    expect((await api.request('/api/auth/me', { cookie: idle.cookie })).status).toBe(200);
    await age((q) => q('sessions').where('expires_at', '>', q.fn.now()).update({ last_seen: q.raw("now() - interval '13 hours'") }, ['token_hash']));
    expect((await api.request('/api/auth/me', { cookie: idle.cookie })).status).toBe(401);
    expect(await sessionCount()).toBeGreaterThan(0);
    // The next login sweeps the dead sessions away.
    await login('demo-staff', 'gridmap-staff');
    expect(await sessionCount()).toBe(1);
  });

  it('ignores a forged or malformed cookie', async () => {
    expect((await api.request('/api/auth/me', { cookie: 'gridmap_session=forged' })).status).toBe(401);
    expect((await api.request('/api/auth/me', { cookie: 'gridmap_session=%E0%A4%A' })).status).toBe(401);
    expect((await api.request('/api/units/city', { cookie: 'gridmap_session=forged' })).status).toBe(200);
  });
});

describe("the area lead's phone by role", () => {
  async function areaOfTown(townId: string) {
    const community = (await api.json<FeatureCollection>(`/api/layers/communities?town=${townId}`)).features[0]!;
    return (await api.json<FeatureCollection>(`/api/layers/areas?community=${community.id}`)).features[0]!.id;
  }
  const leadAs = async (areaId: string | number | undefined, cookie?: string) =>
    ((await (await api.request(`/api/units/area/${areaId}`, { cookie })).json()) as UnitInfo).lead!;

  it('is full for staff; masked for everyone else, revealable by admin and a planner in their town', async () => {
    const cookies: Record<string, string> = {};
    let plannerTowns: string[] = [];
    for (const account of DEMO_ACCOUNTS) {
      const { res, cookie } = await login(account.username, account.password);
      if (account.role === 'planner') plannerTowns = (await res.json()).user.towns;
      cookies[account.role] = cookie;
    }
    expect(plannerTowns).toHaveLength(1);
    const towns = (await api.json<FeatureCollection>('/api/layers/towns')).features.map((t) => String(t.id));
    const inside = await areaOfTown(plannerTowns[0]!);
    const outside = await areaOfTown(towns.find((t) => t !== plannerTowns[0])!);

    const full = { phone: expect.stringMatching(/^1\d{10}$/), phoneRevealable: false };
    const masked = { phone: expect.stringMatching(/^1\d\d\*{4}\d{4}$/), phoneRevealable: false };
    const revealable = { ...masked, phoneRevealable: true };
    expect(await leadAs(inside)).toMatchObject(masked);
    expect(await leadAs(inside, cookies.leader)).toMatchObject(masked);
    expect(await leadAs(inside, cookies.admin)).toMatchObject(revealable);
    expect(await leadAs(inside, cookies.staff)).toMatchObject(full);
    expect(await leadAs(inside, cookies.planner)).toMatchObject(revealable);
    expect(await leadAs(outside, cookies.planner)).toMatchObject(masked);
    expect(await leadAs(outside, cookies.admin)).toMatchObject(revealable);
  });
});

describe('requireRole', () => {
  it('gives 401 to the public, 403 (audited) to another role and passes the named roles', async () => {
    const app = express()
      .use(authenticate(api.ctx, { idleMs: 3600_000, maxMs: 3600_000 }))
      .get('/planning', requireRole('admin', 'planner'), (req, res) => void res.json({ by: req.user!.username }))
      .use(errorHandler);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const at = `http://127.0.0.1:${(server.address() as AddressInfo).port}/planning`;
    try {
      expect((await fetch(at)).status).toBe(401);
      const leader = await login('demo-leader', 'gridmap-leader');
      expect((await fetch(at, { headers: { cookie: leader.cookie } })).status).toBe(403);
      const denied = await api.ctx.db.knex('audit_log').where({ action: 'authz_denied' }).orderBy('id', 'desc').first();
      expect(denied).toMatchObject({ actor: 'demo-leader', detail: { method: 'GET', path: '/planning', role: 'leader' } });
      const planner = await login('demo-planner', 'gridmap-planner');
      const ok = await fetch(at, { headers: { cookie: planner.cookie } });
      expect(await ok.json()).toEqual({ by: 'demo-planner' });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('audit log', () => {
  it('records login, failed login and logout without passwords or phone numbers', async () => {
    const k = api.ctx.db.knex;
    const before = Number((await k('audit_log').max('id as id').first())!.id ?? 0);
    await login('demo-planner', 'a-wrong-secret');
    await login('no-such-user', 'another-secret');
    const { cookie } = await login('demo-planner', 'gridmap-planner');
    await api.request('/api/units/city', { cookie });
    await api.post('/api/auth/logout', {}, cookie);

    const rows = await k('audit_log').where('id', '>', before).orderBy('id');
    expect(rows.map((r) => r.action)).toEqual(['login_failed', 'login_failed', 'login', 'logout']);
    expect(rows[0]).toMatchObject({ actor: 'demo-planner', object_type: 'user' });
    expect(rows[1].actor).toBeNull();
    expect(rows[2].actor_id).toBe(rows[3].actor_id);
    const text = JSON.stringify(rows);
    for (const secret of ['a-wrong-secret', 'another-secret', 'gridmap-planner']) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/1\d{10}/);
  });
});
