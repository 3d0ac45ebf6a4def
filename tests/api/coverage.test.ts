// Service coverage on the demo city: the figures against a plain every-building × every-centre
// computation over rows read straight from the database (and against PostGIS's own distance),
// the what-if round trip that saves nothing, new sites, bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distanceM } from '../../server/analysis/distance';
import type { PopulationPoints } from '../../server/features/coverage/population';
import type { Coverage } from '../../server/features/coverage/service';
import type { SitesAnswer } from '../../server/features/coverage/sites';
import { loginDemo, send } from '../support/accounts';
import { startTestApi, type TestApi } from '../support/api-client';

interface Building {
  lng: number;
  lat: number;
  population: number;
  households: number;
  partyMembers: number;
  townId: string;
  communityId: string;
  estateId: string;
}
interface Centre {
  id: string;
  kind: string;
  lng: number;
  lat: number;
  radiusM: number;
}

let api: TestApi;
let leader = '';
let buildings: Building[] = [];
let centres: Centre[] = [];

beforeAll(async () => {
  api = await startTestApi();
  leader = await loginDemo(api, 'leader');
  const k = api.ctx.db.knex;
  const { rows } = await k.raw(
    `SELECT ST_X(b.geom) AS lng, ST_Y(b.geom) AS lat, b.population, b.households, b.party_members, c.town_id, c.id AS community_id, b.estate_id
       FROM buildings b JOIN contracted_areas a ON a.region = b.region AND a.id = b.area_id
       JOIN communities c ON c.region = a.region AND c.id = a.community_id`,
  );
  buildings = (rows as Record<string, unknown>[]).map((r) => ({
    lng: Number(r.lng),
    lat: Number(r.lat),
    population: Number(r.population),
    households: Number(r.households),
    partyMembers: Number(r.party_members),
    townId: String(r.town_id),
    communityId: String(r.community_id),
    estateId: String(r.estate_id),
  }));
  centres = (await k('service_centres').select('id', 'kind', k.raw('ST_X(geom) AS lng'), k.raw('ST_Y(geom) AS lat'), k.raw('radius_m::float8 AS r'))).map(
    (r: Record<string, unknown>) => ({ id: String(r.id), kind: String(r.kind), lng: Number(r.lng), lat: Number(r.lat), radiusM: Number(r.r) }),
  );
});
afterAll(() => api.close());

const reaches = (c: Centre, b: Building) => distanceM([c.lng, c.lat], [b.lng, b.lat]) <= c.radiusM;
/** Population (etc.) of the buildings that at least one of `serving` reaches, brute force. */
function bruteForce(serving: Centre[], of: (b: Building) => boolean = () => true) {
  let total = 0;
  let covered = 0;
  let households = 0;
  let count = 0;
  for (const b of buildings.filter(of)) {
    total += b.population;
    if (serving.some((c) => reaches(c, b))) {
      covered += b.population;
      households += b.households;
      count++;
    }
  }
  return { total, covered, households, count };
}

type Answer = Coverage & { code?: string; error?: string; errorEn?: string; params?: Record<string, unknown> };
const coverage = (query = '') => send<Answer>(api, 'GET', `/api/coverage${query}`, undefined, leader);
const whatIf = (body: unknown) => send<Answer>(api, 'POST', '/api/coverage/what-if', body, leader);

describe('coverage figures', () => {
  it('count for the city what comparing every building with every centre counts, and something is left uncovered', async () => {
    const { status, body } = await coverage();
    expect(status).toBe(200);
    const brute = bruteForce(centres);
    expect(body.city.population).toEqual({ total: brute.total, covered: brute.covered, share: brute.covered / brute.total });
    expect(body.city.households.covered).toBe(brute.households);
    expect(body.city.buildings.covered).toBe(brute.count);
    expect(brute.covered).toBeGreaterThan(0);
    expect(brute.covered).toBeLessThan(brute.total);
    // Uncovered estates add up to what is not covered, and each names its true nearest centre.
    expect(body.uncovered.reduce((s, e) => s + e.population, 0)).toBe(brute.total - brute.covered);
    expect(body.uncoveredPoints.reduce((s, p) => s + p[2], 0)).toBe(brute.total - brute.covered);
    for (const e of body.uncovered.slice(0, 20)) {
      const nearest = Math.min(...centres.map((c) => distanceM(e.location, [c.lng, c.lat])));
      expect(Math.abs(e.nearest!.distanceM - nearest)).toBeLessThanOrEqual(1);
    }
    for (let i = 1; i < body.uncovered.length; i++) expect(body.uncovered[i]!.population).toBeLessThanOrEqual(body.uncovered[i - 1]!.population);
  });

  it('agree with PostGIS ST_DWithin on the spheroid to within 0.5 % of the population', async () => {
    const { body } = await coverage();
    const { rows } = await api.ctx.db.knex.raw(
      `SELECT coalesce(sum(b.population), 0)::float8 AS covered FROM buildings b
        WHERE EXISTS (SELECT 1 FROM service_centres s WHERE s.region = b.region
                        -- a degree box first (a degree of longitude here is over 90 km), so the index is used
                        AND ST_DWithin(s.geom, b.geom, s.radius_m::float8 / 90000)
                        AND ST_DWithin(s.geom::geography, b.geom::geography, s.radius_m::float8))`,
    );
    const postgis = Number(rows[0].covered);
    expect(Math.abs(body.city.population.covered - postgis) / postgis).toBeLessThan(0.005);
  });

  it('break down by town and community exactly, and a town filter keeps only its residents', async () => {
    const { body } = await coverage('?kinds=party_service');
    const halls = centres.filter((c) => c.kind === 'party_service');
    for (const town of body.towns.slice(0, 4)) {
      const brute = bruteForce(halls, (b) => b.townId === town.id);
      expect([town.population.total, town.population.covered]).toEqual([brute.total, brute.covered]);
    }
    for (const community of body.communities.slice(0, 10)) {
      const brute = bruteForce(halls, (b) => b.communityId === community.id);
      expect([community.population.total, community.population.covered]).toEqual([brute.total, brute.covered]);
    }
    const town = body.towns[1]!;
    const filtered = (await coverage(`?town=${town.id}&kinds=party_service`)).body;
    expect(filtered.towns.map((t) => t.id)).toEqual([town.id]);
    expect(filtered.city.population).toEqual(town.population);
    expect(filtered.communities.every((c) => c.townId === town.id)).toBe(true);
  });
});

describe('everyone as heatmap points', () => {
  it('sends every building once, with what it holds, for the city or a town', async () => {
    const { status, body } = await send<PopulationPoints>(api, 'GET', '/api/coverage/population', undefined, leader);
    expect(status).toBe(200);
    expect(body.points).toHaveLength(buildings.length);
    expect(body.points.reduce((s, p) => s + p[2], 0)).toBe(bruteForce([]).total);
    expect(body.points.reduce((s, p) => s + p[4], 0)).toBe(buildings.reduce((s, b) => s + b.partyMembers, 0));
    const town = buildings[0]!.townId;
    const inTown = (await send<PopulationPoints>(api, 'GET', `/api/coverage/population?town=${town}`, undefined, leader)).body;
    expect(inTown.points).toHaveLength(buildings.filter((b) => b.townId === town).length);
    expect((await send(api, 'GET', '/api/coverage/population?town=T99', undefined, leader)).status).toBe(404);
  });
});

describe('what-if', () => {
  it('closing, adding, moving and re-sizing centres changes the figures as brute force says, and saves nothing', async () => {
    const before = await api.ctx.db.knex('service_centres').orderBy('id').select('id', 'radius_m', 'version', api.ctx.db.knex.raw('ST_AsText(geom) AS wkt'));
    const base = (await coverage()).body;
    const target = base.uncovered[0]!;
    const closed = centres[0]!;
    const moved = centres[1]!;
    const changes = {
      closed: [closed.id],
      moved: [{ id: moved.id, lng: moved.lng + 0.01, lat: moved.lat }],
      radius: [{ id: centres[2]!.id, radiusM: 2500 }],
      added: [{ id: 'new-1', kind: 'party_service' as const, lng: target.location[0], lat: target.location[1], radiusM: 1500 }],
    };
    const { status, body } = await whatIf({ changes });
    expect(status).toBe(200);
    const after: Centre[] = centres
      .filter((c) => c.id !== closed.id)
      .map((c) => (c.id === moved.id ? { ...c, lng: moved.lng + 0.01 } : c.id === centres[2]!.id ? { ...c, radiusM: 2500 } : c));
    after.push({ id: 'new-1', kind: 'party_service', lng: target.location[0], lat: target.location[1], radiusM: 1500 });
    expect(body.city.population.covered).toBe(bruteForce(after).covered);
    expect(body.uncovered.find((e) => e.estate.id === target.estate.id)).toBeUndefined();
    expect(body.centres.find((c) => c.id === closed.id)!.status).toBe('closed');
    expect(body.centres.find((c) => c.id === 'new-1')!.status).toBe('added');
    // A whole kind's radius.
    const wide = (await whatIf({ kinds: ['convenience'], changes: { kindRadiusM: { convenience: 3000 } } })).body;
    expect(wide.city.population.covered).toBe(bruteForce(centres.filter((c) => c.kind === 'convenience').map((c) => ({ ...c, radiusM: 3000 }))).covered);
    // Nothing written.
    expect(await api.ctx.db.knex('service_centres').orderBy('id').select('id', 'radius_m', 'version', api.ctx.db.knex.raw('ST_AsText(geom) AS wkt'))).toEqual(before);
    expect((await coverage()).body.city).toEqual(base.city);
  });

  it('closing a centre whose residents other centres all still reach changes no figure and says how many are still reached; closing one with residents of its own loses exactly those', async () => {
    const reachedBy = buildings.map((b) => centres.filter((c) => reaches(c, b)).map((c) => c.id));
    const effectOf = (id: string) => {
      let within = 0;
      let only = 0;
      buildings.forEach((b, i) => {
        if (!reachedBy[i]!.includes(id)) return;
        within += b.population;
        if (reachedBy[i]!.length === 1) only += b.population;
      });
      return { within, only };
    };
    const shared = centres.find((c) => effectOf(c.id).within > 0 && effectOf(c.id).only === 0)!;
    const sole = centres.find((c) => effectOf(c.id).only > 0)!;
    expect([shared, sole].every(Boolean)).toBe(true);
    const base = (await coverage()).body;
    expect(base.comparison).toBeNull();

    const unchanged = (await whatIf({ changes: { closed: [shared.id] } })).body;
    expect(unchanged.city).toEqual(base.city);
    const { within } = effectOf(shared.id);
    expect(unchanged.comparison!.before.population).toEqual(base.city.population);
    // Every figure but its own kind's: the residents it reached are within another centre's reach.
    const { byKind: kindsBefore, ...figuresBefore } = unchanged.comparison!.before;
    const { byKind: kindsAfter, ...figuresAfter } = unchanged.comparison!.after;
    expect(figuresAfter).toEqual(figuresBefore);
    expect(kindsBefore[shared.kind as keyof typeof kindsBefore]!.covered - kindsAfter[shared.kind as keyof typeof kindsAfter]!.covered).toBeLessThanOrEqual(within);
    expect([unchanged.comparison!.lost, unchanged.comparison!.gained]).toEqual([0, 0]);
    expect(unchanged.comparison!.effects).toEqual([expect.objectContaining({ id: shared.id, change: 'closed', counted: true, reachedBefore: within, onlyThis: 0, stillReached: within })]);

    const losing = (await whatIf({ changes: { closed: [sole.id] } })).body;
    const own = effectOf(sole.id);
    const { before, after } = losing.comparison!;
    expect(before.population.covered - after.population.covered).toBe(own.only);
    expect(after.population.covered).toBe(losing.city.population.covered);
    expect(after.households.covered).toBe(losing.city.households.covered);
    expect(after.uncoveredEstates).toBe(losing.uncovered.length);
    expect(before.uncoveredEstates).toBe(base.uncovered.length);
    expect(losing.comparison!.lost).toBe(own.only);
    expect(losing.comparison!.effects).toEqual([expect.objectContaining({ id: sole.id, reachedBefore: own.within, onlyThis: own.only, stillReached: own.within - own.only })]);
    // Per kind: only the closed centre's kind loses residents.
    const kind = sole.kind as keyof typeof before.byKind;
    expect(before.byKind[kind]!.covered - after.byKind[kind]!.covered).toBeGreaterThan(0);
    for (const k of Object.keys(before.byKind) as (keyof typeof before.byKind)[]) if (k !== kind) expect(after.byKind[k]).toEqual(before.byKind[k]);
  });

  it('sends each town with its outline’s bounding box, for the map to frame', async () => {
    const { body } = await coverage();
    const { rows } = await api.ctx.db.knex.raw('SELECT id, ST_XMin(geom) AS w, ST_YMin(geom) AS s, ST_XMax(geom) AS e, ST_YMax(geom) AS n FROM towns');
    const boxes = new Map((rows as Record<string, unknown>[]).map((r) => [String(r.id), [r.w, r.s, r.e, r.n].map(Number)]));
    expect(body.towns.length).toBeGreaterThan(1);
    for (const town of body.towns) expect(town.bbox).toEqual(boxes.get(town.id));
    const one = (await coverage(`?town=${body.towns[1]!.id}`)).body;
    expect(one.towns).toEqual([expect.objectContaining({ id: body.towns[1]!.id, bbox: body.towns[1]!.bbox })]);
  });

  it('refuses unknown centres, taken ids, kinds and fields by name, in Chinese first', async () => {
    const unknown = await whatIf({ changes: { closed: ['no-such-centre'] } });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'coverage_unknown_centre', params: { id: 'no-such-centre', change: 'closed' } });
    expect(unknown.body.error).toBe('没有编号为“no-such-centre”的服务中心，无法关闭；请刷新页面后重新设定假设');
    const taken = await whatIf({ changes: { added: [{ id: centres[0]!.id, kind: 'labour', lng: 120, lat: 32, radiusM: 100 }] } });
    expect([taken.status, taken.body.code, taken.body.errorEn]).toEqual([422, 'coverage_id_taken', expect.stringMatching(/taken/)]);
    expect(taken.body.error).toContain('已被占用');
    const kind = await whatIf({ kinds: ['school'] });
    expect([kind.status, kind.body.error]).toEqual([400, expect.stringMatching(/kinds/)]);
    const field = await whatIf({ changes: { demolish: [] } });
    expect([field.status, field.body.error]).toEqual([400, expect.stringMatching(/demolish/)]);
    const radius = await whatIf({ changes: { radius: [{ id: centres[0]!.id, radiusM: 0 }] } });
    expect(radius.status).toBe(400);
    const town = await coverage('?town=T99');
    expect([town.status, town.body.code, town.body.error]).toEqual([404, 'not_found', '找不到镇（街道）“T99”']);
    expect((await coverage('?colour=red')).status).toBe(400);
  });

  it('is for signed-in users only', async () => {
    expect((await send(api, 'GET', '/api/coverage', undefined)).status).toBe(401);
  });
});

describe('new sites', () => {
  it('propose sites whose gains add up to the residents they newly reach, as brute force finds once they are added', async () => {
    const { status, body } = await send<SitesAnswer>(api, 'POST', '/api/coverage/sites', { p: 3, radiusM: 1000, candidates: 'hexes', hexSpacingM: 400 }, leader);
    expect(status).toBe(200);
    expect(body.sites).toHaveLength(3);
    expect(body.reachedBySites).toBeGreaterThan(0);
    expect(body.sites.reduce((s, x) => s + x.gain, 0)).toBeCloseTo(body.reachedBySites, 6);
    const base = bruteForce(centres);
    expect(body.uncoveredBefore).toBe(base.total - base.covered);
    const added = body.sites.map((s, i) => ({ id: `site-${i}`, kind: 'party_service' as const, lng: s.lng, lat: s.lat, radiusM: 1000 }));
    expect(bruteForce([...centres, ...added]).covered - base.covered).toBe(body.reachedBySites);
    // The same through the what-if.
    const after = (await whatIf({ changes: { added } })).body;
    expect(after.city.population.covered - base.covered).toBe(body.reachedBySites);
  });

  it('with one site on the buildings, picks the building that reaches the most uncovered residents', async () => {
    const { body } = await send<SitesAnswer>(api, 'POST', '/api/coverage/sites', { p: 1, radiusM: 800, candidates: 'buildings' }, leader);
    expect(body.candidates).toBe(buildings.length);
    const uncovered = buildings.filter((b) => !centres.some((c) => reaches(c, b)));
    let best = 0;
    for (const site of buildings) {
      let gain = 0;
      for (const b of uncovered) if (distanceM([site.lng, site.lat], [b.lng, b.lat]) <= 800) gain += b.population;
      best = Math.max(best, gain);
    }
    expect(best).toBeGreaterThan(0);
    expect(body.sites[0]!.gain).toBe(best);
  });

  it('refuses more sites than there are candidates, saying so in Chinese', async () => {
    const res = await send<{ code: string; error: string; params: { p: number; candidates: number } }>(
      api, 'POST', '/api/coverage/sites', { town: buildings[0]!.townId, p: 200, radiusM: 500, candidates: 'hexes', hexSpacingM: 5000 }, leader,
    );
    expect([res.status, res.body.code, res.body.params.p]).toEqual([422, 'coverage_too_many_sites', 200]);
    expect(res.body.params.candidates).toBeGreaterThan(0);
    expect(res.body.params.candidates).toBeLessThan(200);
    expect(res.body.error).toBe(`新中心数量 200 超过了候选位置数 ${res.body.params.candidates}，请减少新中心数量`);
  });

  it('refuses p of 0 or above 200, and a radius beyond 20 km', async () => {
    for (const body of [{ p: 0, radiusM: 500 }, { p: 201, radiusM: 500 }, { p: 1, radiusM: 30_000 }, { p: 1 }]) {
      expect((await send(api, 'POST', '/api/coverage/sites', body, leader)).status).toBe(400);
    }
  });
});

describe('where people live, read once', () => {
  it('is read again only after a save changes it, and then answers the saved figures', async () => {
    const k = api.ctx.db.knex;
    let reads = 0;
    const count = (q: { sql: string }) => void (/FROM buildings b\s+JOIN estates e/.test(q.sql) && reads++);
    k.on('query', count);
    try {
      const admin = await loginDemo(api, 'admin');
      const total = async () => {
        const { status, body } = await send<PopulationPoints>(api, 'GET', '/api/coverage/population', undefined, leader);
        expect(status).toBe(200);
        return body.points.reduce((s, p) => s + p[2], 0);
      };
      const before = await total();
      const readsBefore = reads;
      expect(await total()).toBe(before);
      expect((await coverage()).status).toBe(200);
      expect(reads).toBe(readsBefore);

      const building = await k('buildings').where({ region: api.ctx.region }).orderBy('id').first('id', 'population', 'version');
      const saved = await send(api, 'PATCH', `/api/buildings/${building.id}`, { version: building.version, changes: { population: Number(building.population) + 7 } }, admin);
      expect(saved.status).toBe(200);
      expect(await total()).toBe(before + 7);
      expect(reads).toBe(readsBefore + 1);
      await send(api, 'PATCH', `/api/buildings/${building.id}`, { version: building.version + 1, changes: { population: Number(building.population) } }, admin);
      expect(await total()).toBe(before);
    } finally {
      k.removeListener('query', count);
    }
  });
});
