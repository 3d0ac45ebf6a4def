// A resident's request from filing to closing, through the real routes: routed to the area of
// its address or pin, taken step by step by the area lead (each a versioned write: stale 409,
// wrong status 409, nothing changed), rated and reopened by the resident or the community,
// followed by ticket without personal data; bad input from the public page refused with
// nothing stored; who sees and does what, per role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGuardConfig } from '../../server/http/guard-config';
import { loginAs, loginDemo, send } from '../support/accounts';
import { startTestApi, type TestApi } from '../support/api-client';
import type { PublicRequest, RequestDetail, RequestList } from '../../server/features/requests/types';

let api: TestApi;
const cookies: Record<string, string> = {};
/** The demo lead's area, one of its buildings, and an area of the same town that is not the lead's. */
let area = '';
let building = { id: '', address: '', lng: 0, lat: 0 };
let otherArea = '';
let otherTownArea = '';

const count = async (table: string) => Number((await api.ctx.db.knex(table).count('* as n').first())!.n);

beforeAll(async () => {
  // Many public calls in a row: the resident limit is tested in tests/api/public.test.ts, the filing limit below.
  process.env.GRIDMAP_RATE_RESIDENT_PER_IP = '0';
  process.env.GRIDMAP_RATE_REQUESTS_PER_IP_HOUR = '0';
  api = await startTestApi();
  for (const role of ['admin', 'planner', 'leader', 'staff', 'lead'] as const) cookies[role] = await loginDemo(api, role);
  const k = api.ctx.db.knex;
  const lead = await k('users').where({ username: 'demo-lead' }).first('areas');
  area = lead.areas[0];
  const b = await k('buildings').where({ area_id: area }).orderBy('id').first('id', 'address', k.raw('ST_X(geom) AS lng'), k.raw('ST_Y(geom) AS lat'));
  building = { id: b.id, address: b.address, lng: Number(b.lng), lat: Number(b.lat) };
  const [town] = (await k('users').where({ username: 'demo-planner' }).first('towns')).towns as string[];
  const inTown = (same: boolean) =>
    k('contracted_areas as a')
      .join('communities as c', 'c.id', 'a.community_id')
      .where('c.town_id', same ? '=' : '<>', town!)
      .whereNot('a.id', area)
      .orderBy('a.id')
      .first('a.id');
  otherArea = (await inTown(true)).id;
  otherTownArea = (await inTown(false)).id;
});
afterAll(() => api.close());

const fileAsResident = (body: unknown) => send<{ ticket: string } & Record<string, unknown>>(api, 'POST', '/api/public/requests', body);
const follow = (ticket: string) => send<PublicRequest>(api, 'GET', `/api/public/requests/${encodeURIComponent(ticket)}`, undefined);
const detail = (id: string, who: string) => send<RequestDetail>(api, 'GET', `/api/requests/${id}`, undefined, cookies[who]);
const step = (id: string, body: unknown, who: string) => send<RequestDetail & { code?: string; current?: RequestDetail }>(api, 'POST', `/api/requests/${id}/steps`, body, cookies[who]);

async function fileAtBuilding(extra: Record<string, unknown> = {}): Promise<string> {
  const res = await fileAsResident({ category: 'repair', text: '楼道灯坏了，晚上看不清', address: building.address, phone: '13800001111', consent: true, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.ticket;
}

describe('filing from the resident page', () => {
  it('answers 201 with a ticket only, routes the request to the area of its address and tells the resident so', async () => {
    const res = await fileAsResident({ category: 'repair', text: '厨房水管漏水', address: building.address, phone: '13800001111', consent: true });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body)).toEqual(['ticket']);
    expect(res.body.ticket).toMatch(/^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
    const followed = await follow(res.body.ticket);
    expect(followed.status).toBe(200);
    expect(followed.body).toEqual({
      ticket: res.body.ticket, status: 'assigned', category: 'repair', createdAt: expect.any(String), rating: null,
      updates: [
        { at: expect.any(String), status: 'received', text: '' },
        { at: expect.any(String), status: 'assigned', text: '' },
      ],
    });
    const stored = await api.ctx.db.knex('requests').where({ id: res.body.ticket }).first('area_id', 'building_id', 'channel');
    expect(stored).toEqual({ area_id: area, building_id: building.id, channel: 'public' });
  });

  it('routes a pin to the area that contains it, and follows a ticket typed in lower case without the dash', async () => {
    const ticket = (await fileAsResident({ category: 'sanitation', text: '垃圾桶满了', location: [building.lng, building.lat] })).body.ticket;
    expect((await api.ctx.db.knex('requests').where({ id: ticket }).first('area_id')).area_id).toBe(area);
    expect((await follow(ticket.replace('-', '').toLowerCase())).body.ticket).toBe(ticket);
  });

  it('keeps an address the look-up cannot place as received, for hall staff to place', async () => {
    const ticket = (await fileAsResident({ category: 'other', text: '想咨询一件事', address: '火星基地九十九号' })).body.ticket;
    expect((await follow(ticket)).body.status).toBe('received');
    // Hall staff see it and place it; the area's lead then has it.
    const placed = await step(ticket, { step: 'assign', version: 1, areaId: area }, 'staff');
    expect([placed.status, placed.body.status, placed.body.area?.id]).toEqual([200, 'assigned', area]);
    expect((await detail(ticket, 'lead')).status).toBe(200);
  });

  it('answers 404 for an unknown ticket and for one that is not a ticket at all', async () => {
    expect((await follow('ZZZZ-ZZZZ')).status).toBe(404);
    expect((await follow('not-a-ticket')).body).toMatchObject({ code: 'not_found' });
  });

  it.each([
    ['a description of 2001 characters', { category: 'repair', text: '漏'.repeat(2001), address: '某地' }, 400, 'invalid_input'],
    ['a script', { category: 'repair', text: '<script>alert(1)</script>', address: '某地' }, 400, 'invalid_input'],
    ['a script URL in the address', { category: 'repair', text: '灯坏了', address: 'javascript:alert(1)' }, 400, 'invalid_input'],
    ['neither address nor pin', { category: 'repair', text: '灯坏了' }, 400, 'invalid_input'],
    ['a pin outside every area', { category: 'repair', text: '灯坏了', location: [0, 0] }, 422, 'refused'],
    ['a pin off the globe', { category: 'repair', text: '灯坏了', location: [181, 31] }, 400, 'invalid_input'],
    ['a phone without consent', { category: 'repair', text: '灯坏了', address: '某地', phone: '13800001111' }, 400, 'invalid_input'],
    ['an unknown category', { category: 'weather', text: '灯坏了', address: '某地' }, 400, 'invalid_input'],
    ['a field the contract does not name', { category: 'repair', text: '灯坏了', address: '某地', name: '张三' }, 400, 'invalid_input'],
  ])('refuses %s with a Chinese 4xx and stores nothing', async (_what, body, status, code) => {
    const before = [await count('requests'), await count('request_updates')];
    const res = await fileAsResident(body);
    expect([res.status, res.body.code]).toEqual([status, code]);
    expect(String(res.body.error)).toMatch(/\p{Script=Han}/u);
    expect([await count('requests'), await count('request_updates')]).toEqual(before);
  });

  it('names markup, a missing place, a pin outside the city and a phone without consent by their own codes', async () => {
    const codes = async (body: unknown) => {
      const res = await fileAsResident(body);
      return [res.body.code, ...((res.body.problems as Array<{ code: string }> | undefined) ?? []).map((p) => p.code), ...((res.body.issues as Array<{ message: string }> | undefined) ?? []).map((i) => i.message)].join(' ');
    };
    expect(await codes({ category: 'repair', text: '<b>灯</b>', address: '某地' })).toContain('网页代码');
    expect(await codes({ category: 'repair', text: '灯坏了' })).toContain('请填写地址');
    expect(await codes({ category: 'repair', text: '灯坏了', location: [0, 0] })).toContain('request_outside_areas');
    expect(await codes({ category: 'repair', text: '灯坏了', address: '某地', phone: '13800001111' })).toContain('须勾选同意');
  });
});

describe('a flood of filings from one address', () => {
  it('is stopped with 429 and Retry-After after the hourly limit, and the refused ones store nothing', async () => {
    const guard = readGuardConfig({ GRIDMAP_RATE_RESIDENT_PER_IP: '0', GRIDMAP_RATE_REQUESTS_PER_IP_HOUR: '3' });
    const flooded = await startTestApi({ guard });
    try {
      const k = flooded.ctx.db.knex;
      const before = Number((await k('requests').count('* as n').first())!.n);
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 5; i++) {
        last = await flooded.post('/api/public/requests', { category: 'other', text: `第${i}条`, address: building.address });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
      expect(last!.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(((await last!.json()) as { code: string; error: string })).toMatchObject({ code: 'rate_requests', error: expect.stringContaining('每小时上限 3 条') });
      expect(Number((await k('requests').count('* as n').first())!.n)).toBe(before + 3);
    } finally {
      await flooded.close();
    }
  });
});

describe('the area lead takes it from assigned to closed', () => {
  let ticket = '';

  it('lists it among the lead’s new requests, with the resident’s name and phone masked', async () => {
    ticket = await fileAtBuilding();
    const list = await send<RequestList>(api, 'GET', '/api/requests?status=open', undefined, cookies.lead);
    expect(list.status).toBe(200);
    expect(list.body.requests.map((r) => r.id)).toContain(ticket);
    expect(list.body.requests.every((r) => r.area?.id === area)).toBe(true);
    expect(list.body.counts.assigned).toBeGreaterThan(0);
    const seen = await detail(ticket, 'lead');
    expect(seen.body.requester).toEqual({ name: null, phone: '138****1111', revealable: true });
    expect(seen.body.can).toEqual({ handle: true, assign: false, reopen: false });
  });

  it('refuses a step from a stale version with 409 and the request as it is, and changes nothing', async () => {
    const res = await step(ticket, { step: 'accept', version: 7 }, 'lead');
    expect([res.status, res.body.code, res.body.current?.version, res.body.current?.status]).toEqual([409, 'stale_version', 1, 'assigned']);
    expect((await detail(ticket, 'lead')).body.version).toBe(1);
  });

  it('accepts, replies, records what was done (not shown to the resident) and closes, each one version on', async () => {
    let v = 1;
    for (const [body, status] of [
      [{ step: 'accept' }, 'in_progress'],
      [{ step: 'reply', text: '已联系物业，明天上门维修' }, 'in_progress'],
      [{ step: 'note', text: '物业电话已打，师傅姓王' }, 'in_progress'],
      [{ step: 'close', text: '已更换灯泡，恢复照明' }, 'closed'],
    ] as const) {
      const res = await step(ticket, { ...body, version: v }, 'lead');
      expect([res.status, res.body.status, res.body.version]).toEqual([200, status, v + 1]);
      v++;
    }
    const followed = (await follow(ticket)).body;
    expect(followed.status).toBe('closed');
    expect(followed.updates.map((u) => u.text)).toEqual(['', '', '', '已联系物业，明天上门维修', '已更换灯泡，恢复照明']);
    expect(JSON.stringify(followed)).not.toMatch(/师傅姓王|13800001111|1111|物业电话/);
    const history = (await detail(ticket, 'lead')).body.updates.map((u) => [u.event, u.version, u.public]);
    expect(history).toEqual([['filed', 1, true], ['assign', 1, true], ['accept', 2, true], ['reply', 3, true], ['note', 4, false], ['close', 5, true]]);
  });

  it('refuses a step the status does not allow with 409 naming it', async () => {
    const res = await step(ticket, { step: 'accept', version: 5 }, 'lead');
    expect([res.status, res.body.code]).toEqual([409, 'request_status']);
    expect(res.body.current?.status).toBe('closed');
  });

  it('takes the resident’s rating once; a second is 409', async () => {
    const rated = await send<PublicRequest>(api, 'POST', `/api/public/requests/${ticket}/rating`, { rating: 5, comment: '很及时' });
    expect([rated.status, rated.body.rating, rated.body.status]).toEqual([200, 5, 'closed']);
    const again = await send(api, 'POST', `/api/public/requests/${ticket}/rating`, { rating: 4 });
    expect([again.status, again.body.code]).toEqual([409, 'request_rated']);
    // The comment is for the lead and the community, not for whoever holds the ticket.
    expect(JSON.stringify((await follow(ticket)).body)).not.toContain('很及时');
  });

  it('lets the community (the town’s planner) reopen it, with new deadlines', async () => {
    const before = (await detail(ticket, 'planner')).body;
    const res = await step(ticket, { step: 'reopen', version: before.version, text: '居民反映灯又坏了' }, 'planner');
    expect([res.status, res.body.status, res.body.reopened, res.body.closedAt]).toEqual([200, 'reopened', 1, null]);
    expect(Date.parse(res.body.closeBy)).toBeGreaterThan(Date.parse(before.closeBy));
    expect((await step(ticket, { step: 'reopen', version: res.body.version, text: 'x' }, 'lead')).status).toBe(403);
  });
});

describe('a resident unhappy with the answer', () => {
  it('reopens it by rating it below 3, and may not reopen with a good rating', async () => {
    const ticket = await fileAtBuilding();
    let v = 1;
    for (const body of [{ step: 'accept' }, { step: 'close', text: '已处理' }]) v = (await step(ticket, { ...body, version: v }, 'lead')).body.version;
    const good = await send(api, 'POST', `/api/public/requests/${ticket}/rating`, { rating: 4, reopen: true });
    expect([good.status, good.body.code]).toEqual([400, 'invalid_input']);
    const bad = await send<PublicRequest>(api, 'POST', `/api/public/requests/${ticket}/rating`, { rating: 1, reopen: true });
    expect([bad.status, bad.body.status, bad.body.rating]).toEqual([200, 'reopened', 1]);
    expect(bad.body.updates.at(-1)?.status).toBe('reopened');
    expect((await detail(ticket, 'lead')).body.updates.slice(-2).map((u) => [u.event, u.actor])).toEqual([['rate', 'resident'], ['reopen', 'resident']]);
  });
});

describe('moving a request between areas', () => {
  it('lets the town’s planner move it within the town; the new area’s lead has it, the old one no more', async () => {
    const ticket = await fileAtBuilding();
    const moved = await step(ticket, { step: 'assign', version: 1, areaId: otherArea }, 'planner');
    expect([moved.status, moved.body.area?.id, moved.body.status]).toEqual([200, otherArea, 'assigned']);
    expect((await detail(ticket, 'lead')).status).toBe(404);
  });

  it('answers 404 for an area of another town, and changes nothing', async () => {
    const ticket = await fileAtBuilding();
    const res = await step(ticket, { step: 'assign', version: 1, areaId: otherTownArea }, 'planner');
    expect([res.status, res.body.code]).toEqual([404, 'not_found']);
    expect((await detail(ticket, 'lead')).body).toMatchObject({ version: 1, area: { id: area } });
  });
});

describe('who sees and does what', () => {
  let ticket = '';
  beforeAll(async () => {
    ticket = await fileAtBuilding();
  });

  it('shows the resident’s phone masked to everyone who reads it, and reveals it only to its lead, the community and admins, audited', async () => {
    for (const who of ['lead', 'planner', 'admin', 'staff', 'leader']) {
      const seen = await detail(ticket, who);
      expect([who, seen.status, seen.body.requester.phone]).toEqual([who, 200, '138****1111']);
    }
    const reveal = (who: string) => send<{ phone: string }>(api, 'POST', `/api/requests/${ticket}/reveal`, {}, cookies[who]);
    for (const who of ['lead', 'planner', 'admin']) expect([who, (await reveal(who)).body.phone]).toEqual([who, '13800001111']);
    for (const who of ['staff', 'leader']) expect([who, (await reveal(who)).status]).toEqual([who, 403]);
    const audited = await api.ctx.db.knex('audit_log').where({ object_type: 'request', object_id: ticket, action: 'reveal' }).pluck('actor');
    expect(audited.sort()).toEqual(['demo-admin', 'demo-lead', 'demo-planner']);
    const rows = await api.ctx.db.knex('audit_log').where({ object_type: 'request', object_id: ticket }).select('detail');
    expect(JSON.stringify(rows)).not.toContain('13800001111');
  });

  it('lets hall staff and leaders read but not handle it (403), and hides it from another area’s lead (audited 404)', async () => {
    for (const who of ['staff', 'leader']) expect([who, (await step(ticket, { step: 'accept', version: 1 }, who)).status]).toEqual([who, 403]);
    const k = api.ctx.db.knex;
    const stranger = await send(api, 'POST', '/api/users', { username: 'lead-elsewhere', role: 'lead', areas: [otherTownArea], password: 'long-enough-pw' }, cookies.admin);
    expect(stranger.status).toBe(201);
    cookies.stranger = await loginAs(api, 'lead-elsewhere', 'long-enough-pw');
    expect((await detail(ticket, 'stranger')).status).toBe(404);
    expect((await step(ticket, { step: 'accept', version: 1 }, 'stranger')).status).toBe(404);
    expect((await send<RequestList>(api, 'GET', '/api/requests?status=all', undefined, cookies.stranger)).body.requests.map((r) => r.id)).not.toContain(ticket);
    expect(await k('audit_log').where({ action: 'authz_denied', actor: 'lead-elsewhere', object_id: ticket }).first('id')).toBeDefined();
  });

  it('lets hall staff file for a resident at the counter, with the name, and no one else but admins', async () => {
    const body = { category: 'legal', text: '房东不退押金', address: building.address, name: '王小明', phone: '13900002222', consent: true, channel: 'hall' };
    const filed = await send<RequestDetail>(api, 'POST', '/api/requests', body, cookies.staff);
    expect([filed.status, filed.body.channel, filed.body.filedBy, filed.body.requester.name]).toEqual([201, 'hall', 'demo-staff', '王**']);
    for (const who of ['lead', 'leader', 'planner']) expect([who, (await send(api, 'POST', '/api/requests', body, cookies[who])).status]).toEqual([who, 403]);
  });
});
