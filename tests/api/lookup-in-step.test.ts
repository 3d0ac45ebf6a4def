// The look-up's in-memory index in step with the database (both engines): the next search after a
// registers edit, an import's commit and undo, or an adopted scenario answers as the tables now say,
// with no wait and no stale answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CITY_OPTIONS, generateCity } from '../../data/generator';
import type { AppContext } from '../../server/context';
import { commitImport } from '../../server/features/import/commit';
import { checkDraft } from '../../server/features/import/dry-run';
import { undoImport } from '../../server/features/import/undo';
import { searchAddresses } from '../../server/features/lookup/service';
import type { LookupResult } from '../../server/features/lookup/types';
import { loginDemo, send } from '../support/accounts';
import { startTestApi, type TestApi } from '../support/api-client';
import { cityRecords, someTowns } from '../support/city-records';
import { draftFromRecords, IMPORTER } from '../support/import-draft';

let api: TestApi;
const cookie: Record<string, string> = {};
/** A numbered building of an estate in the planner's town, with the names its address is made of. */
let b: { id: string; version: number; estate_id: string; estate: string; community_id: string; community: string; town: string; lng: number; lat: number; top: number };

beforeAll(async () => {
  api = await startTestApi();
  for (const role of ['admin', 'planner', 'staff'] as const) cookie[role] = await loginDemo(api, role);
  const k = api.ctx.db.knex;
  const [town] = (await k('users').where({ username: 'demo-planner' }).first('towns')).towns as string[];
  const { rows } = await k.raw(
    `SELECT b.id, b.version, b.estate_id, e.name AS estate, c.id AS community_id, c.name AS community, t.name AS town,
            ST_X(b.geom) AS lng, ST_Y(b.geom) AS lat,
            (SELECT max(substring(x.address FROM '(\\d+)幢$')::int) FROM buildings x WHERE x.region = b.region AND x.estate_id = b.estate_id) AS top
     FROM buildings b
     JOIN estates e ON e.region = b.region AND e.id = b.estate_id
     JOIN communities c ON c.region = e.region AND c.id = e.community_id
     JOIN towns t ON t.region = c.region AND t.id = c.town_id
     WHERE b.region = :region AND t.id = :town AND b.address LIKE '%幢'
     ORDER BY b.id LIMIT 1`,
    { region: api.ctx.region, town },
  );
  b = { ...rows[0], lng: Number(rows[0].lng), lat: Number(rows[0].lat), top: Number(rows[0].top) };
});
afterAll(() => api.close());

const search = async (q: string) => {
  const res = await api.request(`/api/lookup?q=${encodeURIComponent(q)}`, { cookie: cookie.staff });
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: LookupResult[] }).results;
};
const addressOf = (n: number) => `江苏省滨江市${b.town}${b.community}${b.estate}${n}幢`;

describe('the index after registers edits', () => {
  it('finds a building added in the registers exactly on the next search, where it said the number was missing', async () => {
    const n = b.top + 40;
    const [before] = await search(addressOf(n));
    expect(before).toMatchObject({ certainty: 'approximate', building: null, missing: { asked: `${n}幢`, estate: b.estate } });
    const made = await send<{ id: string }>(api, 'POST', '/api/buildings', {
      community: b.community_id,
      attributes: { address: addressOf(n), households: 10, population: 25, partyMembers: 2, estateId: b.estate_id },
      geometry: { type: 'Point', coordinates: [b.lng, b.lat] },
      crs: 'WGS84',
    }, cookie.planner);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const [after] = await search(addressOf(n));
    expect(after).toMatchObject({ certainty: 'exact', building: { id: made.body.id }, caveats: [] });
    expect(after!.missing).toBeUndefined();
  });

  it('follows an address changed in the registers: the new number finds the building, the old one no longer does', async () => {
    const [old] = await search(addressOf(1));
    expect(old!.certainty).toBe('exact');
    const id = old!.building!.id;
    const version = Number((await api.ctx.db.knex('buildings').where({ region: api.ctx.region, id }).first('version')).version);
    const n = b.top + 41;
    const changed = await send(api, 'PATCH', `/api/buildings/${id}`, { version, changes: { address: addressOf(n) } }, cookie.planner);
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect((await search(addressOf(n)))[0]).toMatchObject({ certainty: 'exact', building: { id } });
    const [gone] = await search(addressOf(1));
    expect(gone).toMatchObject({ certainty: 'approximate', building: null, missing: { asked: '1幢' } });
  });
});

describe('the index after an adopted scenario', () => {
  it('finds an estate by the merged community’s new name exactly once the merger is adopted', async () => {
    const k = api.ctx.db.knex;
    const region = api.ctx.region;
    const { rows } = await k.raw(
      `SELECT a.community_id AS a, b.community_id AS b FROM villages a JOIN villages b
         ON b.region = a.region AND b.town_id = a.town_id AND a.community_id < b.community_id AND ST_Relate(a.geom, b.geom, '****1****')
       WHERE a.region = ? AND a.town_id = (SELECT town_id FROM communities WHERE region = ? AND id = ?) ORDER BY 1, 2 LIMIT 1`,
      [region, region, b.community_id],
    );
    const pair = [rows[0]?.a, rows[0]?.b] as string[];
    expect(pair.every(Boolean)).toBe(true);
    const villages = await k('villages').where({ region }).whereIn('community_id', pair).orderBy('id').pluck('id');
    const estate = await k('estates as e').join('buildings as x', (j) => j.on('x.region', 'e.region').andOn('x.estate_id', 'e.id'))
      .where({ 'e.region': region }).whereIn('e.community_id', pair).whereLike('x.address', '%幢').orderBy('x.id').first('e.name', 'x.address', 'x.id');
    const number = /(\d+)幢$/.exec(estate.address)![1];
    const q = `合并试点社区${estate.name}${number}幢`;
    expect((await search(q))[0]?.certainty).not.toBe('exact');

    const made = await send<{ id: string; version: number }>(api, 'POST', '/api/scenarios', { name: '查询合并' }, cookie.planner);
    const saved = await send<{ version: number }>(api, 'PUT', `/api/scenarios/${made.body.id}`, {
      version: made.body.version, groups: [{ key: 'm1', name: '合并试点社区', nameEn: 'Merged', villages }],
    }, cookie.planner);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const adopted = await send(api, 'POST', `/api/scenarios/${made.body.id}/adopt`, { version: saved.body.version }, cookie.planner);
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);

    const [after] = await search(q);
    expect(after).toMatchObject({ certainty: 'exact', building: { id: estate.id }, community: { name: '合并试点社区' } });
  });
});

describe('the index after an import and its undo', () => {
  it('finds an imported town’s addresses at once after the commit, and nothing of them after the undo', async () => {
    const ctx: AppContext = { db: api.ctx.db, region: 'lookup-onboard' };
    const city = someTowns(generateCity(DEMO_CITY_OPTIONS), ['T03']);
    const records = cityRecords(city);
    const { 'village-communities': _table, ...layers } = records;
    void _table;
    const draft = await draftFromRecords(ctx, layers);
    const checked = await checkDraft(ctx, IMPORTER, draft.id, draft.version);
    expect(checked.report!.errors).toBe(0);
    const address = String(records.buildings.find((r) => /\d+幢$/.test(String(r.values.address)))!.values.address);
    expect(await searchAddresses(ctx, address)).toEqual([]);

    const committed = await commitImport(ctx, IMPORTER, draft.id, { version: checked.version, acceptWarnings: true });
    const [found] = await searchAddresses(ctx, address);
    expect(found).toMatchObject({ address, certainty: 'exact' });

    await undoImport(ctx, IMPORTER, committed.id, committed.version);
    expect(await searchAddresses(ctx, address)).toEqual([]);
  });
});
