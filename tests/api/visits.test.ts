// The area lead's visit diary: the buildings of the lead's areas, least recently visited first;
// a visit recorded for one of them (and refused for another's building, a future date or
// markup); its follow-up made a request at that building in the same write, once only, from
// the version the lead saw.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestDetail } from '../../server/features/requests/types';
import type { DiaryBuilding, Visit } from '../../server/features/visits/types';
import { loginDemo, send } from '../support/accounts';
import { startTestApi, type TestApi } from '../support/api-client';

let api: TestApi;
let lead = '';
let area = '';
let foreignBuilding = '';
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  api = await startTestApi();
  lead = await loginDemo(api, 'lead');
  const k = api.ctx.db.knex;
  area = ((await k('users').where({ username: 'demo-lead' }).first('areas')).areas as string[])[0]!;
  foreignBuilding = (await k('buildings').whereNot({ area_id: area }).orderBy('id').first('id')).id;
});
afterAll(() => api.close());

const buildings = async () => (await send<{ buildings: DiaryBuilding[] }>(api, 'GET', '/api/visits/buildings', undefined, lead)).body.buildings;
const record = (body: Record<string, unknown>) => send<Visit & { code?: string; error?: string }>(api, 'POST', '/api/visits', body, lead);

describe('the diary', () => {
  it('lists the buildings of the lead’s areas only, the least recently visited first', async () => {
    const list = await buildings();
    const inArea = (await api.ctx.db.knex('buildings').where({ area_id: area }).pluck('id')) as string[];
    expect(list.map((b) => b.id).sort()).toEqual(inArea.sort());
    const dates = list.map((b) => b.lastVisit ?? '');
    expect(dates).toEqual([...dates].sort());
  });

  it('records a visit to a building of the area, which then leads the list and is last in the order of buildings', async () => {
    const [first] = await buildings();
    const res = await record({ buildingId: first!.id, household: '2单元301', visitedOn: today, heard: '老人腿脚不便，想申请上门服务', followUp: '协助申请居家养老上门服务' });
    expect([res.status, res.body.areaId, res.body.version, res.body.requestId]).toEqual([201, area, 1, null]);
    const listed = (await send<{ visits: Visit[] }>(api, 'GET', '/api/visits', undefined, lead)).body.visits;
    expect(listed[0]!.id).toBe(res.body.id);
    expect((await buildings()).at(-1)!.id).toBe(first!.id);
  });

  it('refuses another area’s building (audited 404), a visit in the future and markup, recording nothing', async () => {
    const k = api.ctx.db.knex;
    const count = async () => Number((await k('visits').count('* as n').first())!.n);
    const before = await count();
    const [first] = await buildings();
    const foreign = await record({ buildingId: foreignBuilding, visitedOn: today, heard: '无' });
    expect([foreign.status, foreign.body.code]).toEqual([404, 'not_found']);
    expect(await k('audit_log').where({ action: 'authz_denied', actor: 'demo-lead', object_id: foreignBuilding }).first('id')).toBeDefined();
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const future = await record({ buildingId: first!.id, visitedOn: tomorrow, heard: '无' });
    expect([future.status, future.body.code]).toEqual([400, 'visit_in_future']);
    expect((await record({ buildingId: first!.id, visitedOn: today, heard: '<img src=x onerror=alert(1)>' })).status).toBe(400);
    expect(await count()).toBe(before);
    expect((await send(api, 'GET', `/api/visits?area=${(await k('contracted_areas').whereNot({ id: area }).first('id')).id}`, undefined, lead)).status).toBe(404);
  });
});

describe('a follow-up becomes a request', () => {
  it('files it at the visited building from the diary, marks the visit, and refuses a second time or a stale version', async () => {
    const [first] = await buildings();
    const visit = (await record({ buildingId: first!.id, visitedOn: today, heard: '楼道灯坏了', followUp: '楼道灯不亮需报修' })).body;
    const stale = await send<{ code: string }>(api, 'POST', `/api/visits/${visit.id}/request`, { version: 9, category: 'repair', text: '楼道灯不亮需报修' }, lead);
    expect([stale.status, stale.body.code]).toEqual([409, 'stale_version']);
    const made = await send<RequestDetail>(api, 'POST', `/api/visits/${visit.id}/request`, { version: 1, category: 'repair', text: '楼道灯不亮需报修' }, lead);
    expect([made.status, made.body.channel, made.body.area?.id, made.body.buildingId, made.body.status, made.body.filedBy]).toEqual([201, 'diary', area, first!.id, 'assigned', 'demo-lead']);
    const marked = (await send<{ visits: Visit[] }>(api, 'GET', '/api/visits', undefined, lead)).body.visits.find((v) => v.id === visit.id)!;
    expect([marked.requestId, marked.version]).toEqual([made.body.id, 2]);
    const again = await send<{ code: string }>(api, 'POST', `/api/visits/${visit.id}/request`, { version: 2, category: 'repair', text: '再来一次' }, lead);
    expect([again.status, again.body.code]).toEqual([409, 'visit_converted']);
  });
});
