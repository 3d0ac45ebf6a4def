// The public resident page's API: it answers anyone, so it must give exactly the card's fields
// and nothing else, refuse bad input clearly, and slow a scraper down.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { DEFAULT_RATE_LIMITS, readGuardConfig } from '../../server/http/guard-config';
import { loginDemo } from '../support/accounts';
import { startTestApi, type TestApi } from '../support/api-client';

let api: TestApi;
let area = '';
let neighbour = '';
const PLANTED = { secretary: '植入书记名', households: 987_654, population: 876_543, partyMembers: 765_432, groupName: '植入党小组名' };

beforeAll(async () => {
  // The shared server runs without the resident limit, so the exposure tests never meet it;
  // the limit has its own test below, on an app of its own with the default.
  process.env.GRIDMAP_RATE_RESIDENT_PER_IP = '0';
  api = await startTestApi();
  const k = api.ctx.db.knex;
  [area, neighbour] = (await k('contracted_areas').where({ community_id: (await k('contracted_areas').orderBy('id').first('community_id')).community_id }).orderBy('id').limit(2).pluck('id')) as string[];
  // Values that exist nowhere else, on everything hung on the area: none may surface.
  await k('party_orgs').where({ level: 3, unit_id: area }).update({ secretary: PLANTED.secretary });
  const building = await k('buildings').where({ area_id: area }).orderBy('id').first('id', 'group_id');
  await k('buildings').where({ id: building.id }).update({ households: PLANTED.households, population: PLANTED.population, party_members: PLANTED.partyMembers });
  await k('party_groups').where({ id: building.group_id }).update({ name: PLANTED.groupName });
});
afterAll(() => api.close());

/** Every key path of a JSON value, arrays as `[]`. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => keyPaths(v, `${prefix}[]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [`${prefix}${prefix ? '.' : ''}${k}`, ...keyPaths(v, `${prefix}${prefix ? '.' : ''}${k}`)]);
  }
  return [];
}

const CARD_KEYS = [
  'area', 'area.id', 'area.name', 'area.nameEn',
  'community', 'community.name', 'community.nameEn',
  'town', 'town.name', 'town.nameEn',
  'lead', 'lead.name', 'lead.phone',
  'centre', 'centre.name', 'centre.hours', 'centre.distanceM',
];

/** What may not appear anywhere in a public answer about `areaId`; `shown` are areas whose own cards the answer holds. */
async function secretsOf(areaId: string, shown: string[] = [areaId]): Promise<string[]> {
  const k = api.ctx.db.knex;
  const a = await k('contracted_areas').where({ id: areaId }).first('community_id');
  const community = await k('communities').where({ id: a.community_id }).first('id', 'town_id');
  const others = await k('contracted_areas').where({ community_id: a.community_id }).whereNotIn('id', shown).pluck('lead_phone');
  const groups = await k('party_groups').where({ area_id: areaId }).pluck('id');
  const buildings = await k('buildings').where({ area_id: areaId }).pluck('id');
  const orgs = await k('party_orgs').where({ unit_id: areaId }).select('id', 'secretary');
  return [
    community.id, community.town_id, ...others, ...groups, ...buildings,
    ...orgs.flatMap((o) => [o.id, o.secretary]),
    PLANTED.secretary, PLANTED.groupName, String(PLANTED.households), String(PLANTED.population), String(PLANTED.partyMembers),
    'households', 'population', 'partyMembers', 'secretary', 'group', 'building', 'outline', 'location',
  ].map(String);
}

describe('GET /api/public/areas/{id}', () => {
  it('answers anyone with exactly the card keys, as the database has them', async () => {
    const res = await api.get(`/api/public/areas/${area}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, Record<string, unknown>>;
    expect(keyPaths(body).sort()).toEqual([...CARD_KEYS].sort());
    const row = await api.ctx.db.knex('contracted_areas').where({ id: area }).first('name', 'lead_name', 'lead_phone');
    expect(body.area).toMatchObject({ id: area, name: row.name });
    expect(body.lead).toEqual({ name: row.lead_name, phone: row.lead_phone });
  });

  it('lets no other value of the area, its buildings, groups, organisation or neighbours through', async () => {
    const text = await (await api.get(`/api/public/areas/${area}`)).text();
    for (const secret of await secretsOf(area)) expect(text, secret).not.toContain(secret);
  });

  it('gives the card the staff print for the same area', async () => {
    const cookie = await loginDemo(api, 'staff');
    const community = (await api.ctx.db.knex('contracted_areas').where({ id: area }).first('community_id')).community_id;
    const cards = (await (await api.request(`/api/cards/community/${community}`, { cookie })).json()) as {
      cards: Array<{ area: { id: string }; lead: unknown; centre: { name: string; hours: string; distanceM: number } }>;
    };
    const printed = cards.cards.find((c) => c.area.id === area)!;
    const pub = (await (await api.get(`/api/public/areas/${area}`)).json()) as { lead: unknown; centre: unknown };
    expect(pub.lead).toEqual(printed.lead);
    expect(pub.centre).toEqual({ name: printed.centre.name, hours: printed.centre.hours, distanceM: printed.centre.distanceM });
  });

  it('says what is wrong with a bad id: unknown 404, too long 400, a query parameter 400', async () => {
    const unknown = await api.get('/api/public/areas/no-such-area');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'not_found', error: '找不到片区“no-such-area”', errorEn: 'contracted area "no-such-area" not found' });
    const long = await api.get(`/api/public/areas/${'x'.repeat(65)}`);
    expect(long.status).toBe(400);
    expect(((await long.json()) as { error: string }).error).toMatch(/params\.id/);
    expect((await api.get(`/api/public/areas/${neighbour}?with=households`)).status).toBe(400);
  });
});

describe('GET /api/public/lookup', () => {
  const lookup = async (q: string) => api.get(`/api/public/lookup?q=${encodeURIComponent(q)}`);
  const buildingOf = (areaId: string) => api.ctx.db.knex('buildings').where({ area_id: areaId }).orderBy('id').first('address', 'geom');

  it("finds a resident's address with their area's card, and only the card's keys", async () => {
    const { address } = await buildingOf(area);
    const res = await lookup(address);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: Array<{ address: string; card: { area: { id: string } } }> };
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results.length).toBeLessThanOrEqual(5);
    expect(body.results[0]!.address).toBe(address);
    expect(body.results[0]!.card.area.id).toBe(area);
    const paths = new Set(keyPaths(body));
    expect([...paths].sort()).toEqual(['results', 'results[].address', 'results[].certainty', 'results[].caveats', 'results[].card', ...CARD_KEYS.map((k) => `results[].card.${k}`)].sort());
  });

  it("measures the centre's distance from the resident's building", async () => {
    const { address } = await buildingOf(area);
    const body = (await (await lookup(address)).json()) as { results: Array<{ card: { centre: { name: string; distanceM: number } } }> };
    const centre = body.results[0]!.card.centre;
    const { rows } = await api.ctx.db.knex.raw(
      `SELECT ST_Distance(b.geom::geography, s.geom::geography) AS m FROM buildings b, service_centres s
       WHERE b.address = ? AND s.name = ? ORDER BY m LIMIT 1`,
      [address, centre.name],
    );
    expect(Math.abs(centre.distanceM - Number(rows[0].m))).toBeLessThanOrEqual(Number(rows[0].m) * 0.005 + 1);
  });

  it('lets no other value of the area through a search either', async () => {
    const text = await (await lookup((await buildingOf(area)).address)).text();
    // Other addresses may match too; each brings its own area's card, and only that.
    const shown = (JSON.parse(text) as { results: Array<{ card: { area: { id: string } } }> }).results.map((r) => r.card.area.id);
    for (const secret of await secretsOf(area, shown)) expect(text, secret).not.toContain(secret);
  });

  type Found = { results: Array<{ address: string; certainty: string; caveats: Array<{ code: string }>; card: { area: { id: string }; town: { name: string } } }>; missing?: { asked: string; estate: string; has: string } };
  const found = async (q: string) => (await (await lookup(q)).json()) as Found;

  it('gives one card after an exact hit, and reads 中国江苏省… and traditional characters as the register', async () => {
    const { address } = await buildingOf(area);
    for (const q of [address, `中国${address}`]) {
      const body = await found(q);
      expect(body.results, q).toHaveLength(1);
      expect(body.results[0]).toMatchObject({ address, certainty: 'exact', caveats: [], card: { area: { id: area } } });
    }
    const body = await found('長涇鎮長涇社區港洲新城3幢');
    expect(body.results).toHaveLength(1);
    expect(body.results[0]).toMatchObject({ address: '江苏省滨江市长泾镇长泾社区港洲新城3幢', certainty: 'exact' });
  });

  it('folds answers of one area into one card, each saying it is approximate, and keeps to a town the query names', async () => {
    const body = await found('长泾镇港洲新城');
    expect(body.results.length).toBeGreaterThan(0);
    const areas = body.results.map((r) => r.card.area.id);
    expect(new Set(areas).size).toBe(areas.length);
    expect(body.results.every((r) => r.certainty === 'approximate' && r.card.town.name === '长泾镇')).toBe(true);
  });

  it('says plainly that a building number does not exist, with what the estate has, and shows no card for it', async () => {
    const body = await found('长泾镇港洲新城250幢');
    expect(body.missing).toMatchObject({ asked: '250幢', estate: '港洲新城', has: expect.stringMatching(/^1-\d+幢$/) });
    expect(body.results.every((r) => r.certainty === 'approximate')).toBe(true);
  });

  it('answers an address that matches nothing with no results', async () => {
    const res = await lookup('火星基地九十九号');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ results: [] });
  });

  it('says what is wrong with bad input: no q, empty q, too long q, another parameter', async () => {
    const error = async (path: string) => {
      const res = await api.get(path);
      return { status: res.status, error: ((await res.json()) as { errorEn: string }).errorEn };
    };
    expect(await error('/api/public/lookup')).toMatchObject({ status: 400, error: expect.stringMatching(/query\.q/) });
    expect(await error('/api/public/lookup?q=%20%20')).toMatchObject({ status: 400, error: expect.stringMatching(/type an address/) });
    expect(await error(`/api/public/lookup?q=${'街'.repeat(101)}`)).toMatchObject({ status: 400, error: expect.stringMatching(/at most 100/) });
    expect(await error('/api/public/lookup?q=a&limit=100')).toMatchObject({ status: 400, error: expect.stringMatching(/limit/) });
  });
});

describe('the resident rate limit', () => {
  it(`gives 429 with Retry-After after ${DEFAULT_RATE_LIMITS.residentPerIp} requests a minute, and recovers`, async () => {
    const server = createApp(api.ctx, { guard: readGuardConfig({}) }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const limit = DEFAULT_RATE_LIMITS.residentPerIp;
      const statuses: number[] = [];
      for (let i = 0; i < limit; i++) {
        const res = await fetch(`${url}/api/public/areas/${area}`);
        await res.arrayBuffer();
        statuses.push(res.status);
      }
      expect(statuses).toEqual(Array(limit).fill(200));
      const refused = await fetch(`${url}/api/public/areas/${area}`);
      expect(refused.status).toBe(429);
      const wait = Number(refused.headers.get('retry-after'));
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(Math.ceil(60 / limit));
      expect(await refused.json()).toMatchObject({ code: 'rate_resident', errorEn: expect.stringMatching(/too many look-ups/), error: expect.stringContaining('查询过多') });
      // Other routes are not held back by this limit.
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
      expect((await fetch(`${url}/api/public/areas/${area}`)).status).toBe(200);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
