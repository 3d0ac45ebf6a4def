import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchAddresses } from '../../server/features/lookup/service';
import type { LookupResult } from '../../server/features/lookup/types';
import { startTestApi, type TestApi } from '../support/api-client';
import { loginAs, loginDemo } from '../support/accounts';
import { isExpected, lookupCases, type LookupCase } from '../support/lookup-queries';

let api: TestApi;
let staff: string;
let cases: LookupCase[];
beforeAll(async () => {
  api = await startTestApi();
  staff = await loginDemo(api, 'staff');
  cases = await lookupCases(api.ctx.db.knex, api.ctx.region);
});
afterAll(() => api.close());

const get = async (path: string, cookie = staff) => {
  const res = await api.request(path, { cookie });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const search = async (q: string, cookie = staff) =>
  ((await get(`/api/lookup?q=${encodeURIComponent(q)}`, cookie)).body as { results: LookupResult[] }).results;

describe('GET /api/lookup: the fixed query set', () => {
  it('covers every kind of variant, old village names and the hand-written queries', () => {
    const kinds = new Set(cases.map((c) => c.kind));
    for (const kind of ['full-width digits', '栋 for 幢', '号楼 for 幢', '座 for 幢', 'no province, city or town', 'spaces between the parts',
      'unit and room', 'Chinese numeral', 'typo: a character missing', 'old village name', 'literal: sound-alike character',
      '中国 before the province', 'number the estate lacks', 'town named', 'traditional characters', 'village group that does not exist',
      'literal: pinyin and a number', 'literal: 小区 for 花苑 (one estate of that stem)']) {
      expect(kinds, kind).toContain(kind);
    }
    expect(cases.length).toBeGreaterThan(100);
  });

  it('puts the expected answer first for every query of the set, as sure as the case says, and no other town for a named town', async () => {
    const missed: string[] = [];
    for (const c of cases) {
      const results = await search(c.q);
      if (!isExpected(c, results[0], results)) missed.push(`${c.kind}: ${c.q} → ${results[0]?.address ?? 'nothing'} (${results[0]?.certainty})`);
    }
    expect(missed).toEqual([]);
  });

  it('says how each answer was found: the register address is exact, a sound-alike fuzzy, an old village name alias', async () => {
    const register = cases.find((c) => c.kind === 'register address')!;
    expect((await search(register.q))[0]).toMatchObject({ match: 'exact', score: 1, certainty: 'exact', caveats: [] });
    expect((await search('长泾社区港州新城3幢'))[0]).toMatchObject({ match: 'fuzzy', certainty: 'approximate', caveats: [{ code: 'lookup_sound_alike' }] });
    const old = cases.find((c) => c.kind === 'old village name')!;
    expect((await search(old.q))[0]).toMatchObject({ match: 'alias', certainty: 'approximate' });
    expect((await search(old.q))[0]!.caveats.map((c) => c.code)).toContain('lookup_old_name');
  });
});

describe('GET /api/lookup: the answer', () => {
  it('ranks by a score in 0..1, best first, and honours limit', async () => {
    const { body } = await get(`/api/lookup?q=${encodeURIComponent('港洲新城3幢')}&limit=5`);
    const results = (body as { results: LookupResult[] }).results;
    expect(results.length).toBe(5);
    const scores = results.map((r) => r.score!);
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("carries the building's area, lead, party group, community and town as the database has them", async () => {
    const [r] = await search(cases[0]!.q);
    const row = await api.ctx.db.knex('buildings as b')
      .join('contracted_areas as a', (j) => j.on('a.region', 'b.region').andOn('a.id', 'b.area_id'))
      .join('communities as c', (j) => j.on('c.region', 'a.region').andOn('c.id', 'a.community_id'))
      .join('party_groups as g', (j) => j.on('g.region', 'b.region').andOn('g.id', 'b.group_id'))
      .where({ 'b.region': api.ctx.region, 'b.id': r!.building!.id })
      .first('a.id as area', 'a.lead_name', 'a.lead_phone', 'c.id as community', 'c.town_id as town', 'g.id as group', 'g.name as group_name');
    expect(r).toMatchObject({
      area: { id: row.area }, community: { id: row.community }, town: { id: row.town },
      group: { id: row.group, name: row.group_name }, lead: { name: row.lead_name, phone: row.lead_phone },
    });
  });

  it('names the nearest service centre, its distance as PostGIS measures it on the ellipsoid, and its hours', async () => {
    for (const c of cases.filter((x) => x.kind === 'register address').slice(0, 8)) {
      const [r] = await search(c.q);
      const { rows } = await api.ctx.db.knex.raw(
        `SELECT s.id, s.hours, ST_Distance(s.geom::geography, b.geom::geography) AS d
         FROM service_centres s, buildings b
         WHERE s.region = :region AND b.region = :region AND b.id = :id
         ORDER BY d, s.id LIMIT 1`,
        { region: api.ctx.region, id: r!.building!.id },
      );
      expect(r!.centre).toMatchObject({ id: rows[0].id, hours: rows[0].hours });
      expect(Math.abs(r!.centre!.distanceM - Number(rows[0].d))).toBeLessThanOrEqual(0.5);
    }
  });

  it('finds nothing for text that names no place, and refuses empty or oversized input', async () => {
    expect(await search('ZZQQXX')).toEqual([]);
    expect((await get('/api/lookup?q=')).status).toBe(400);
    expect((await get('/api/lookup')).status).toBe(400);
    expect((await get(`/api/lookup?q=${'港'.repeat(201)}`)).status).toBe(400);
    expect((await get('/api/lookup?q=x&limit=0')).status).toBe(400);
    expect((await get('/api/lookup?q=x&limit=51')).status).toBe(400);
    expect((await get('/api/lookup?q=x&size=5')).status).toBe(400);
  });
});

describe('who may look up, and what of the phone they see', () => {
  const q = () => cases.find((c) => c.kind === 'register address')!.q;

  it('turns the anonymous public away', async () => {
    expect((await get(`/api/lookup?q=${encodeURIComponent(q())}`, '')).status).toBe(401);
    expect((await get('/api/lookup/point?lng=120.3&lat=31.9', '')).status).toBe(401);
  });

  it('shows staff the phone, masks it for the others, and offers the reveal to admins and in-town planners only', async () => {
    const [asStaff] = await search(q());
    const phone = asStaff!.lead.phone;
    expect(phone).toMatch(/^1\d{10}$/);
    expect(asStaff!.lead.phoneRevealable).toBeUndefined();
    const masked = `${phone.slice(0, 3)}****${phone.slice(-4)}`;
    const planner = await loginDemo(api, 'planner');
    const plannerTowns: string[] = (await api.ctx.db.knex('users').where({ username: 'demo-planner' }).first('towns')).towns;
    const inTown = plannerTowns.includes(asStaff!.town.id);
    for (const [cookie, revealable] of [
      [await loginDemo(api, 'admin'), true],
      [await loginDemo(api, 'leader'), false],
      [planner, inTown],
    ] as const) {
      const [r] = await search(q(), cookie);
      expect(r!.lead).toEqual({ name: asStaff!.lead.name, phone: masked, phoneRevealable: revealable });
    }
  });

  it('masks the phone for a planner of another town, but reveals it for one of this town', async () => {
    const [r] = await search(q());
    const other = (await api.ctx.db.knex('towns').where('region', api.ctx.region).whereNot('id', r!.town.id).first('id')).id as string;
    const admin = await loginDemo(api, 'admin');
    const make = async (username: string, town: string) => {
      const res = await api.post('/api/users', { username, role: 'planner', towns: [town], password: 'planner-password-1' }, admin);
      expect(res.status).toBe(201);
      return loginAs(api, username, 'planner-password-1');
    };
    expect((await search(q(), await make('lookup-planner-own', r!.town.id)))[0]!.lead.phoneRevealable).toBe(true);
    expect((await search(q(), await make('lookup-planner-other', other)))[0]!.lead.phoneRevealable).toBe(false);
  });
});

describe('GET /api/lookup/point', () => {
  it('names the building at a building\'s own location, in the area that holds it', async () => {
    const b = await api.ctx.db.knex('buildings').where({ region: api.ctx.region }).orderBy('id').offset(500)
      .first('id', 'area_id', 'address', api.ctx.db.knex.raw('ST_X(geom) AS lng'), api.ctx.db.knex.raw('ST_Y(geom) AS lat'));
    const { status, body } = await get(`/api/lookup/point?lng=${b.lng}&lat=${b.lat}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ match: 'point', building: { id: b.id }, area: { id: b.area_id }, address: b.address, score: 1 });
    expect((body.centre as LookupResult['centre'])!.distanceM).toBeGreaterThanOrEqual(0);
  });

  it('answers the area without address or score where no building is near', async () => {
    // A point of an area's surface far from every building (the area holding it is then known by PostGIS).
    const { rows } = await api.ctx.db.knex.raw(
      `SELECT a.id, ST_X(p) AS lng, ST_Y(p) AS lat FROM contracted_areas a
       CROSS JOIN LATERAL (SELECT ST_PointOnSurface(a.geom) AS p) s
       WHERE a.region = :region
         -- 0.0015° is over 140 m here, several times the look-up's radius; in degrees so the index serves it
         AND NOT EXISTS (SELECT 1 FROM buildings b WHERE b.region = a.region AND ST_DWithin(b.geom, p, 0.0015))
       ORDER BY a.id LIMIT 1`,
      { region: api.ctx.region },
    );
    const { status, body } = await get(`/api/lookup/point?lng=${rows[0].lng}&lat=${rows[0].lat}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ match: 'point', area: { id: rows[0].id }, building: null });
    expect(body).not.toHaveProperty('address');
    expect(body).not.toHaveProperty('score');
  });

  it('is 404 outside every area and 400 for malformed or out-of-range coordinates', async () => {
    expect((await get('/api/lookup/point?lng=0&lat=0')).status).toBe(404);
    for (const query of ['lng=abc&lat=31.9', 'lng=120.3&lat=95', 'lng=181&lat=31.9', 'lng=120.3', 'lng=120.3&lat=31.9&z=3', 'lng=1e2&lat=3']) {
      const { status, body } = await get(`/api/lookup/point?${query}`);
      expect(status, query).toBe(400);
      expect(String(body.error ?? JSON.stringify(body)), query).toMatch(/lng|lat|z/);
    }
  });
});

describe('matchAddresses (the batch)', () => {
  it('answers each row with its best building, null for rows that name nothing, and reports progress to the end', async () => {
    const sample = cases.filter((c) => 'building' in c.expect && !c.kind.startsWith('typo'));
    const queries = [...sample.map((c) => c.q), 'ZZQQXX 99', ''];
    const progress: number[] = [];
    const answers = await matchAddresses(api.ctx, queries, (done, total) => {
      expect(total).toBe(queries.length);
      progress.push(done);
    });
    expect(answers.length).toBe(queries.length);
    sample.forEach((c, i) => expect(isExpected(c, answers[i] ?? undefined), c.q).toBe(true));
    expect(answers.slice(-2)).toEqual([null, null]);
    expect(progress.at(-1)).toBe(queries.length);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it('says of each row how sure it is: exact, approximate with why, or what does not exist', async () => {
    const sure = cases.find((c) => c.kind === 'register address')!;
    const lacking = cases.find((c) => c.kind === 'number the estate lacks')!;
    const typo = cases.find((c) => c.kind === 'typo: a character missing')!;
    const [a, b, c] = await matchAddresses(api.ctx, [sure.q, lacking.q, typo.q]);
    expect(a).toMatchObject({ certainty: 'exact', caveats: [] });
    expect(b).toMatchObject({ certainty: 'approximate', building: null, missing: (lacking.expect as { missing: object }).missing });
    expect(b!.caveats[0]).toMatchObject({ code: 'lookup_missing_part', zh: expect.stringContaining('没有找到'), en: expect.any(String) });
    expect(c).toMatchObject({ certainty: 'approximate' });
    expect(c!.caveats.length).toBeGreaterThan(0);
  });
});
