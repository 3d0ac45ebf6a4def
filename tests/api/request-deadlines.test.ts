// Deadlines, escalation and the purge, on a clock the test moves instead of sleeping: a request
// that misses its response or closing deadline goes up to the community, past its town deadline
// to the town (a versioned, audited entry of its history); an answered or closed one does not;
// the SQL that lists late requests says what the domain's rule says; and a while after closing
// the resident's personal fields are gone while the request still counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalationDue, isOverdue } from '../../server/domain/requests';
import { OVERDUE_SQL } from '../../server/features/requests/list';
import { readRequestSettings } from '../../server/features/requests/settings';
import { REQUEST_COLUMNS, REQUEST_FROM, timingOf, toStored } from '../../server/features/requests/store';
import { escalateOverdue, purgePersonal, startRequestUpkeep } from '../../server/features/requests/upkeep';
import type { FiguresAnswer, PublicRequest, RequestDetail, RequestList } from '../../server/features/requests/types';
import type { Visit } from '../../server/features/visits/types';
import { loginDemo, send } from '../support/accounts';
import { startTestApi, type TestApi } from '../support/api-client';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
let now = Date.now();
let api: TestApi;
const cookies: Record<string, string> = {};
let address = '';
let buildingId = '';
const settings = readRequestSettings({});

beforeAll(async () => {
  process.env.GRIDMAP_RATE_RESIDENT_PER_IP = '0';
  process.env.GRIDMAP_RATE_REQUESTS_PER_IP_HOUR = '0';
  api = await startTestApi({ clock: () => new Date(now) });
  for (const role of ['lead', 'planner'] as const) cookies[role] = await loginDemo(api, role);
  const k = api.ctx.db.knex;
  const [area] = (await k('users').where({ username: 'demo-lead' }).first('areas')).areas as string[];
  const b = await k('buildings').where({ area_id: area }).orderBy('id').first('id', 'address');
  [address, buildingId] = [b.address, b.id];
});
afterAll(() => api.close());

/** A repair request (respond 4 h, close 48 h, town 96 h) filed now. */
async function fileRepair(): Promise<string> {
  const res = await send<{ ticket: string }>(api, 'POST', '/api/public/requests', { category: 'repair', text: '水管爆了', address, phone: '13800003333', consent: true });
  expect(res.status).toBe(201);
  return res.body.ticket;
}
const detail = async (id: string) => (await send<RequestDetail>(api, 'GET', `/api/requests/${id}`, undefined, cookies.lead)).body;
const step = async (id: string, body: Record<string, unknown>) => {
  const res = await send<RequestDetail>(api, 'POST', `/api/requests/${id}/steps`, { ...body, version: (await detail(id)).version }, cookies.lead);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const at = (start: number, hours: number) => (now = start + hours * HOUR);

describe('escalation', () => {
  it('raises an unanswered request to the community when its response deadline passes, then to the town, each a versioned, audited entry', async () => {
    const start = now;
    const ticket = await fileRepair();
    at(start, 3.9);
    await escalateOverdue(api.ctx);
    expect((await detail(ticket)).escalation).toBe(0);

    at(start, 4.1);
    await escalateOverdue(api.ctx);
    const raised = await detail(ticket);
    expect([raised.escalation, raised.overdue, raised.version]).toEqual([1, true, 2]);
    expect(raised.updates.at(-1)).toMatchObject({ event: 'escalated', actor: 'system', public: false, version: 2, detail: { level: 1, from: 0 } });
    expect(Number((await api.ctx.db.knex('audit_log').where({ action: 'request_escalate', object_id: ticket }).count('* as n').first())!.n)).toBe(1);
    // Run again at the same time: nothing more to do.
    await escalateOverdue(api.ctx);
    expect((await detail(ticket)).version).toBe(2);
    const late = await send<RequestList>(api, 'GET', '/api/requests?overdue=true', undefined, cookies.lead);
    expect(late.body.requests.map((r) => r.id)).toContain(ticket);
    expect(late.body.counts.overdue).toBeGreaterThan(0);

    at(start, 96.1);
    await escalateOverdue(api.ctx);
    expect((await detail(ticket)).escalation).toBe(2);
    const audited = await api.ctx.db.knex('audit_log').where({ action: 'request_escalate', object_id: ticket }).orderBy('id').pluck('detail');
    expect(audited.map((d: unknown) => (typeof d === 'string' ? JSON.parse(d) : d).level)).toEqual([1, 2]);
  });

  it('does not raise an answered request before its closing deadline, and raises it once that passes', async () => {
    const start = now;
    const ticket = await fileRepair();
    at(start, 1);
    await step(ticket, { step: 'accept' });
    at(start, 47.9);
    await escalateOverdue(api.ctx);
    expect((await detail(ticket)).escalation).toBe(0);
    at(start, 48.1);
    await escalateOverdue(api.ctx);
    expect((await detail(ticket)).escalation).toBe(1);
  });

  it('never raises a closed request, and counts a reopened one from its reopening', async () => {
    const start = now;
    const ticket = await fileRepair();
    at(start, 1);
    await step(ticket, { step: 'accept' });
    await step(ticket, { step: 'close', text: '已修好' });
    at(start, 200);
    await escalateOverdue(api.ctx);
    expect((await detail(ticket)).escalation).toBe(0);
    const reopened = await send<RequestDetail>(api, 'POST', `/api/requests/${ticket}/steps`, { step: 'reopen', version: (await detail(ticket)).version, text: '又漏了' }, cookies.planner);
    expect(Date.parse(reopened.body.respondBy)).toBe(now + 4 * HOUR);
    at(now, 3);
    await escalateOverdue(api.ctx);
    expect((await detail(ticket)).escalation).toBe(0);
    at(now, 1.1);
    await escalateOverdue(api.ctx);
    expect((await detail(ticket)).escalation).toBe(1);
  });

  it('runs at start when the server’s upkeep begins', async () => {
    const start = now;
    const ticket = await fileRepair();
    at(start, 5);
    const upkeep = startRequestUpkeep(api.ctx, settings, () => {});
    await upkeep.stop();
    expect((await detail(ticket)).escalation).toBe(1);
  });
});

describe('the SQL of lateness', () => {
  it.each([0, 1, 3, 7, 30])('says what the domain’s rule says for every request, %i days on', async (days) => {
    const when = new Date(now + days * DAY);
    const { rows } = await api.ctx.db.knex.raw(
      `SELECT ${REQUEST_COLUMNS}, ${OVERDUE_SQL} AS overdue FROM ${REQUEST_FROM} CROSS JOIN (SELECT ?::timestamptz AS now) p WHERE r.region = ?`,
      [when.toISOString(), api.ctx.region],
    );
    const disagree = (rows as Array<Record<string, unknown>>)
      .map((row) => ({ r: toStored(row), sql: Boolean(row.overdue) }))
      .filter(({ r, sql }) => isOverdue(timingOf(r), when.getTime()) !== sql)
      .map(({ r }) => `${r.id} ${escalationDue(timingOf(r), when.getTime())}`);
    expect(rows.length).toBeGreaterThan(1000);
    expect(disagree).toEqual([]);
  });
});

describe('the purge of personal data', () => {
  // The purge rewrites a year of the demo city's requests through the journal: minutes on a busy machine.
  it('keeps a closed request’s personal fields for the purge period, then deletes them and blurs the place; the request still counts', { timeout: 900_000 }, async () => {
    const start = now;
    const ticket = await fileRepair();
    await step(ticket, { step: 'accept' });
    await step(ticket, { step: 'reply', text: '师傅下午到' });
    await step(ticket, { step: 'close', text: '已更换水管' });
    const visit = await send<Visit>(api, 'POST', '/api/visits', { buildingId, household: '1单元101', visitedOn: new Date(now).toISOString().slice(0, 10), heard: '反映水压低' }, cookies.lead);
    expect(visit.status).toBe(201);
    const day = new Date(start).toISOString().slice(0, 10);
    const countOfDay = async () =>
      (await send<FiguresAnswer>(api, 'GET', `/api/requests/figures?level=town&from=${day}&to=${day}`, undefined, cookies.planner)).body.total;
    const before = await countOfDay();

    at(start, 179 * 24);
    await purgePersonal(api.ctx, settings.purgeDays);
    expect((await api.ctx.db.knex('requests').where({ id: ticket }).first('requester_phone')).requester_phone).toBe('13800003333');

    at(start, 181 * 24);
    const purged = await purgePersonal(api.ctx, settings.purgeDays);
    expect(purged.requests).toBeGreaterThan(0);
    expect(purged.visits).toBeGreaterThan(0);
    const row = await api.ctx.db.knex('requests').where({ id: ticket }).first('requester_phone', 'address', 'text', 'building_id', 'purged_at', api.ctx.db.knex.raw('ST_AsText(location) AS place'));
    expect(row).toMatchObject({ requester_phone: null, address: null, text: null, building_id: null, purged_at: expect.anything() });
    expect(row.place).toMatch(/^POINT\(\d+\.\d{1,3} \d+\.\d{1,3}\)$/);
    const texts = await api.ctx.db.knex('request_updates').where({ request_id: ticket }).whereNotNull('text').count('* as n').first();
    expect(Number(texts!.n)).toBe(0);
    const followed = (await send<PublicRequest>(api, 'GET', `/api/public/requests/${ticket}`, undefined)).body;
    expect([followed.status, followed.updates.every((u) => u.text === '')]).toEqual(['closed', true]);
    expect((await api.ctx.db.knex('visits').where({ id: visit.body.id }).first('household', 'heard')).heard).toBeNull();
    expect(await api.ctx.db.knex('audit_log').where({ action: 'request_purge' }).first('id')).toBeDefined();
    // The figures of the same period still count it.
    const after = await countOfDay();
    // (Whether the others of that day were in time is judged at the time asked: only the counts of what happened stay.)
    expect([after.requests, after.rated, after.medianHoursToClose]).toEqual([before.requests, before.rated, before.medianHoursToClose]);
    expect(before.requests).toBeGreaterThan(0);
  });
});
