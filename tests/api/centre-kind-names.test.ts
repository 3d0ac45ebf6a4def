// One name for the party service centre wherever it is read: the printed card, the dashboard's
// workbook and the coverage page all say the domain's 党员人才服务中心, never 党群服务中心.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zh } from '../../client/shared/i18n/zh';
import { CENTRE_KIND_NAMES } from '../../server/domain/kinds';
import type { CommunityCards } from '../../server/features/cards/service';
import type { Coverage } from '../../server/features/coverage/service';
import { TOWNS_SHEET } from '../../server/features/dashboard/workbook';
import { loginDemo } from '../support/accounts';
import { startTestApi, type TestApi } from '../support/api-client';

const NAME = CENTRE_KIND_NAMES.party_service.zh;
let api: TestApi;
let staff = '';
let community = '';

beforeAll(async () => {
  api = await startTestApi();
  staff = await loginDemo(api, 'staff');
  community = (await api.ctx.db.knex('service_centres').where({ region: api.ctx.region, kind: 'party_service' }).orderBy('id').first('community_id')).community_id;
});
afterAll(() => api.close());

describe('the party service centre\'s name', () => {
  it('is the one the service card shows for its community\'s hall', async () => {
    const res = await api.request(`/api/cards/community/${community}`, { cookie: staff });
    expect(res.status).toBe(200);
    const { cards } = (await res.json()) as CommunityCards;
    const halls = cards.map((c) => c.centre).filter((c) => c?.kind === 'party_service');
    expect(halls.length).toBeGreaterThan(0);
    for (const hall of halls) expect(hall!.name.endsWith(NAME), hall!.name).toBe(true);
  });

  it('is the one the dashboard workbook heads its centre columns with', async () => {
    const res = await api.request('/api/dashboard/export.xlsx', { cookie: staff });
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await res.arrayBuffer()) as ExcelJS.Buffer);
    const header = (workbook.getWorksheet(TOWNS_SHEET)!.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining([`村${NAME}`, `社区${NAME}`]));
    expect(header.filter((h) => String(h).includes('党群'))).toEqual([]);
  });

  it('is the one the coverage page names the kind by, and every hall it draws is called by', async () => {
    const res = await api.request('/api/coverage?kinds=party_service', { cookie: staff });
    expect(res.status).toBe(200);
    const coverage = (await res.json()) as Coverage;
    expect(coverage.centres.length).toBeGreaterThan(0);
    expect(coverage.centres.filter((c) => c.kind === 'party_service' && !c.name.endsWith(NAME)).map((c) => c.name)).toEqual([]);
    expect(zh.coverage.kinds.party_service).toBe(NAME);
    expect(zh.dashboard.cards.villageCentres).toBe(`村${NAME}`);
  });
});
