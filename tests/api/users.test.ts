import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import type { Touch } from '../../server/db/write';
import type { TownChoice } from '../../server/features/users/towns';
import type { UserSummary } from '../../server/features/users/service';
import { startTestApi, type TestApi } from '../support/api-client';
import { loginAs, loginDemo, send } from '../support/accounts';

let api: TestApi;
let admin: string;
let towns: TownChoice[];
beforeAll(async () => {
  api = await startTestApi();
  admin = await loginDemo(api, 'admin');
  towns = (await send<{ towns: TownChoice[] }>(api, 'GET', '/api/users', undefined, admin)).body.towns;
});
afterAll(() => api.close());

type UserAnswer = { user: UserSummary; code?: string; error?: string; errorEn?: string; current?: UserSummary };
const create = (body: unknown, cookie = admin) => send<UserAnswer>(api, 'POST', '/api/users', body, cookie);
const patch = (id: string, body: unknown, cookie = admin) => send<UserAnswer>(api, 'PATCH', `/api/users/${id}`, body, cookie);
const lastAudit = () => api.ctx.db.knex('audit_log').orderBy('id', 'desc').first();
const auditCount = async () => Number((await api.ctx.db.knex('audit_log').count('* as n').first())!.n);
const userRow = (id: string) => api.ctx.db.knex('users').where({ id }).first();

describe('who may administer accounts', () => {
  it('lets only admins list, create and change users', async () => {
    const staff = await loginDemo(api, 'staff');
    const planner = await loginDemo(api, 'planner');
    expect((await send(api, 'GET', '/api/users', undefined)).status).toBe(401);
    expect((await send(api, 'GET', '/api/users', undefined, staff)).status).toBe(403);
    expect((await create({ username: 'x1', role: 'staff', password: 'long-enough' }, planner)).status).toBe(403);
    expect((await patch('anything', { version: 1, role: 'admin' }, staff)).status).toBe(403);
    expect(await lastAudit()).toMatchObject({ action: 'authz_denied', actor: 'demo-staff' });
    expect((await send(api, 'POST', '/api/users/anything/password', { version: 1, password: 'long-enough' })).status).toBe(401);
  });

  it('lists the accounts with their versions, and the towns to choose from', async () => {
    const { status, body } = await send<{ users: UserSummary[]; towns: TownChoice[] }>(api, 'GET', '/api/users', undefined, admin);
    expect(status).toBe(200);
    expect(body.users.map((u) => u.username)).toEqual(expect.arrayContaining(['demo-admin', 'demo-planner', 'demo-leader', 'demo-staff']));
    expect(body.users.every((u) => u.version >= 1)).toBe(true);
    expect(JSON.stringify(body)).not.toContain('password');
    expect(body.towns.length).toBeGreaterThan(1);
    expect(body.towns[0]).toEqual({ id: expect.any(String), name: expect.any(String), nameEn: expect.any(String) });
  });
});

describe('creating an account', () => {
  it('creates a planner of a town, who can then log in; audited without the password', async () => {
    const before = await auditCount();
    const { status, body } = await create({ username: 'planner-two', displayName: '规划员二', role: 'planner', towns: [towns[1]!.id], password: 'secret-planner-2' });
    expect(status).toBe(201);
    expect(body.user).toMatchObject({ username: 'planner-two', displayName: '规划员二', role: 'planner', towns: [towns[1]!.id], version: 1, disabled: false, updatedBy: 'demo-admin' });
    expect(await auditCount()).toBe(before + 1);
    const row = await lastAudit();
    expect(row).toMatchObject({ action: 'user_create', actor: 'demo-admin', object_type: 'user', object_id: body.user.id, version_after: 1 });
    expect(row.detail).toMatchObject({ username: 'planner-two', role: 'planner', towns: [towns[1]!.id] });
    expect(JSON.stringify(row)).not.toContain('secret-planner-2');
    const me = await api.request('/api/auth/me', { cookie: await loginAs(api, 'planner-two', 'secret-planner-2') });
    expect((await me.json()).user).toMatchObject({ role: 'planner', towns: [towns[1]!.id] });
  });

  it('refuses an unknown role, unknown towns, a planner without towns, a short password and a taken name', async () => {
    const before = await auditCount();
    const role = await create({ username: 'r1', role: 'superuser', password: 'long-enough' });
    expect(role.status).toBe(400);
    expect(role.body.errorEn).toContain('role must be one of admin, planner, leader, staff');
    const town = await create({ username: 'r2', role: 'planner', towns: ['NO-SUCH-TOWN'], password: 'long-enough' });
    expect(town.status).toBe(400);
    expect(town.body).toMatchObject({ code: 'unknown_towns', error: '没有这些镇（街道）：NO-SUCH-TOWN', errorEn: 'unknown town(s): NO-SUCH-TOWN' });
    expect((await create({ username: 'r3', role: 'planner', towns: [], password: 'long-enough' })).body.error).toContain('towns');
    expect((await create({ username: 'r4', role: 'staff', password: 'short' })).status).toBe(400);
    const taken = await create({ username: 'demo-staff', role: 'staff', password: 'long-enough' });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'user_exists', error: '用户名“demo-staff”已被使用，请换一个' });
    expect(await auditCount()).toBe(before);
    expect(Number((await api.ctx.db.knex('users').whereIn('username', ['r1', 'r2', 'r3', 'r4']).count('* as n').first())!.n)).toBe(0);
  });

  it('creates a disabled account when asked: it exists, is audited as disabled and cannot log in', async () => {
    const { status, body } = await create({ username: 'starts-monday', role: 'staff', password: 'long-enough', disabled: true });
    expect(status).toBe(201);
    expect(body.user).toMatchObject({ username: 'starts-monday', disabled: true });
    expect((await userRow(body.user.id)).disabled).toBe(true);
    expect((await lastAudit()).detail).toMatchObject({ username: 'starts-monday', disabled: true });
    expect((await send(api, 'POST', '/api/auth/login', { username: 'starts-monday', password: 'long-enough' })).status).toBe(401);
  });

  it('refuses a field it does not know by name, and creates nothing', async () => {
    const before = await auditCount();
    const { status, body } = await create({ username: 'r5', role: 'staff', password: 'long-enough', admin: true });
    expect(status).toBe(400);
    expect(body.errorEn).toContain('body: Unrecognized key: "admin"');
    expect(body.error).toContain('不认识的字段：“admin”');
    expect(await api.ctx.db.knex('users').where({ username: 'r5' }).first()).toBeUndefined();
    expect(await auditCount()).toBe(before);
  });
});

describe('changing an account', () => {
  let user: UserSummary;
  beforeAll(async () => {
    user = (await create({ username: 'changing', role: 'leader', password: 'changing-pass' })).body.user;
  });

  it('changes role, towns and display name from the version it was read at', async () => {
    const { status, body } = await patch(user.id, { version: 1, role: 'planner', towns: [towns[0]!.id, towns[2]!.id], displayName: '改名' });
    expect(status).toBe(200);
    expect(body.user).toMatchObject({ role: 'planner', towns: [towns[0]!.id, towns[2]!.id], displayName: '改名', version: 2 });
    const row = await lastAudit();
    expect(row).toMatchObject({ action: 'user_update', actor: 'demo-admin', object_id: user.id, version_before: 1, version_after: 2 });
    expect(row.detail.changed).toMatchObject({ role: { from: 'leader', to: 'planner' }, displayName: { from: 'changing', to: '改名' } });
    user = body.user;
  });

  it('answers a stale version with 409 and the current version, and changes nothing', async () => {
    const rowBefore = await userRow(user.id);
    const before = await auditCount();
    const { status, body } = await patch(user.id, { version: 1, role: 'staff' });
    expect(status).toBe(409);
    expect(body).toMatchObject({ code: 'stale_version', params: { version: 2, startedFrom: 1 }, current: { role: 'planner', version: 2 } });
    expect(body.error).toBe(`账号“${user.id}”已被他人修改（现为第 2 版，您基于第 1 版），请重新加载后再改`);
    expect(await userRow(user.id)).toEqual(rowBefore);
    expect(await auditCount()).toBe(before);
    const reset = await send<UserAnswer>(api, 'POST', `/api/users/${user.id}/password`, { version: 1, password: 'another-pass' }, admin);
    expect(reset.status).toBe(409);
    expect(await userRow(user.id)).toEqual(rowBefore);
  });

  it('refuses unknown towns, an unknown role, unknown fields and unknown users', async () => {
    expect((await patch(user.id, { version: 2, towns: ['NOPE'] })).body.errorEn).toContain('unknown town(s): NOPE');
    const role = await patch(user.id, { version: 2, role: 'root' });
    expect(role.status).toBe(400);
    expect(role.body.errorEn).toContain('role must be one of');
    expect((await patch(user.id, { version: 2, password: 'sneaky-one' })).status).toBe(400);
    expect((await patch(user.id, { role: 'staff' })).status).toBe(400);
    expect((await patch('no-such-user', { version: 1, role: 'staff' })).status).toBe(404);
    expect((await userRow(user.id)).version).toBe(2);
  });

  it('disables an account, ending its sessions, and enables it again', async () => {
    const cookie = await loginAs(api, 'changing', 'changing-pass');
    const off = await patch(user.id, { version: 2, disabled: true });
    expect(off.body.user).toMatchObject({ disabled: true, version: 3 });
    expect(await lastAudit()).toMatchObject({ action: 'user_disable', object_id: user.id, version_before: 2, version_after: 3 });
    expect((await api.request('/api/auth/me', { cookie })).status).toBe(401);
    expect((await api.post('/api/auth/login', { username: 'changing', password: 'changing-pass' })).status).toBe(401);
    const on = await patch(user.id, { version: 3, disabled: false });
    expect(on.body.user).toMatchObject({ disabled: false, version: 4 });
    expect(await lastAudit()).toMatchObject({ action: 'user_enable', object_id: user.id });
    await loginAs(api, 'changing', 'changing-pass');
  });

  it('resets a password: the old one stops working, sessions end, lock-out lifts; audited without it', async () => {
    const cookie = await loginAs(api, 'changing', 'changing-pass');
    await api.ctx.db.knex('users').where({ id: user.id }).update({ failed_count: 5, locked_until: api.ctx.db.knex.raw("now() + interval '1 hour'") });
    const { status, body } = await send<UserAnswer>(api, 'POST', `/api/users/${user.id}/password`, { version: 4, password: 'brand-new-pass' }, admin);
    expect(status).toBe(200);
    expect(body.user).toMatchObject({ version: 5, lockedUntil: null });
    expect((await api.request('/api/auth/me', { cookie })).status).toBe(401);
    expect((await api.post('/api/auth/login', { username: 'changing', password: 'changing-pass' })).status).toBe(401);
    await loginAs(api, 'changing', 'brand-new-pass');
    const row = await api.ctx.db.knex('audit_log').where({ action: 'user_password_reset', object_id: user.id }).first();
    expect(row).toMatchObject({ actor: 'demo-admin', version_before: 4, version_after: 5 });
    expect(JSON.stringify(await api.ctx.db.knex('audit_log').select())).not.toContain('brand-new-pass');
  });

  it('names every row it writes (account, sessions, audit) for the durable write', async () => {
    const touched: Array<[string, Record<string, string | number>]> = [];
    const db = api.ctx.db;
    const write = db.write;
    db.write = <T>(fn: (trx: Knex.Transaction, touch: Touch) => Promise<T>) =>
      write.call(db, (trx, touch) => fn(trx, (table, key) => (touched.push([table, key]), touch(table, key)))) as Promise<T>;
    try {
      await loginAs(api, 'changing', 'brand-new-pass');
      const { body } = await patch(user.id, { version: 5, disabled: true });
      const auditRow = await lastAudit();
      expect(touched).toContainEqual(['users', { region: api.ctx.region, id: user.id }]);
      expect(touched).toContainEqual(['audit_log', { id: String(auditRow.id) }]);
      expect(touched.filter(([table]) => table === 'sessions').length).toBeGreaterThan(0);
      await patch(user.id, { version: body.user.version, disabled: false });
    } finally {
      db.write = write;
    }
  });
});

describe('the last active admin', () => {
  it('cannot be disabled or demoted; with a second admin it can, and then that one is the last', async () => {
    const me = (await send<{ user: UserSummary }>(api, 'GET', '/api/auth/me', undefined, admin)).body.user;
    const version = (await userRow(me.id)).version;
    const demote = await patch(me.id, { version, role: 'staff' });
    expect(demote.status).toBe(409);
    expect(demote.body).toMatchObject({ code: 'last_admin', error: expect.stringContaining('最后一个启用的管理员') });
    expect((await patch(me.id, { version, disabled: true })).body.code).toBe('last_admin');
    expect((await userRow(me.id)).version).toBe(version);

    const second = (await create({ username: 'admin-two', role: 'admin', password: 'admin-two-pass' })).body.user;
    const asSecond = await loginAs(api, 'admin-two', 'admin-two-pass');
    const demoted = await patch(me.id, { version, role: 'leader' }, asSecond);
    expect(demoted.status).toBe(200);
    // Now admin-two is the only one: it may not disable itself.
    const self = await patch(second.id, { version: 1, disabled: true }, asSecond);
    expect(self.status).toBe(409);
    expect(self.body.code).toBe('last_admin');
    // A disabled admin does not count as the one left.
    const restored = await patch(me.id, { version: demoted.body.user.version, role: 'admin', disabled: true }, asSecond);
    expect(restored.status).toBe(200);
    expect((await patch(second.id, { version: 1, role: 'staff' }, asSecond)).status).toBe(409);
    expect((await patch(me.id, { version: restored.body.user.version, disabled: false }, asSecond)).status).toBe(200);
  });
});

describe('an area lead’s account', () => {
  const areasOfTown = async (n: number) => (await api.ctx.db.knex('contracted_areas').orderBy('id').limit(n).pluck('id')) as string[];
  // The admin's earlier session ended with the last-admin test above.
  let admin = '';
  beforeAll(async () => {
    admin = await loginDemo(api, 'admin');
  });

  it('creates a lead of the areas named, who signs in with them; another role drops the areas', async () => {
    const areas = await areasOfTown(2);
    const created = await create({ username: 'lead-two-areas', role: 'lead', areas, password: 'long-enough-pw' }, admin);
    expect([created.status, created.body.user.role, created.body.user.areas, created.body.user.towns]).toEqual([201, 'lead', areas, []]);
    expect((await lastAudit()).detail).toMatchObject({ role: 'lead', areas });
    const me = await send<{ user: { areas: string[] } }>(api, 'GET', '/api/auth/me', undefined, await loginAs(api, 'lead-two-areas', 'long-enough-pw'));
    expect(me.body.user.areas).toEqual(areas);
    const moved = await patch(created.body.user.id, { version: 1, areas: [areas[0]] }, admin);
    expect(moved.body.user.areas).toEqual([areas[0]]);
    const staff = await patch(created.body.user.id, { version: 2, role: 'staff' }, admin);
    expect([staff.status, staff.body.user.areas]).toEqual([200, []]);
  });

  it('refuses a lead without areas and areas that do not exist, creating nothing', async () => {
    const before = await auditCount();
    const none = await create({ username: 'lead-none', role: 'lead', password: 'long-enough-pw' }, admin);
    expect([none.status, none.body.code, none.body.error]).toEqual([400, 'invalid_input', expect.stringContaining('片区负责人须至少负责一个片区')]);
    const unknown = await create({ username: 'lead-unknown', role: 'lead', areas: ['A9999'], password: 'long-enough-pw' }, admin);
    expect([unknown.status, unknown.body.code, unknown.body.error]).toEqual([400, 'unknown_areas', '没有这些片区：A9999']);
    expect(await api.ctx.db.knex('users').whereIn('username', ['lead-none', 'lead-unknown']).first('id')).toBeUndefined();
    expect(await auditCount()).toBe(before);
  });
});
