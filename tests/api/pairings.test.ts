// Pairings (结对共建) on the demo city: the arcs and the counts per community against the table
// itself, the report's 75 / 200 / 34, where each kind of organisation is placed, filters, bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pairings } from '../../server/features/pairings/service';
import { loginDemo, send } from '../support/accounts';
import { startTestApi, type TestApi } from '../support/api-client';
import { up as addPairingPlaces } from '../../migrations/007_pairing_places';

let api: TestApi;
let staff = '';
let all: Pairings;

const pairings = (query = '', cookie = staff) => send<Pairings & { error?: string }>(api, 'GET', `/api/pairings${query}`, undefined, cookie);

beforeAll(async () => {
  api = await startTestApi();
  staff = await loginDemo(api, 'staff');
  const { status, body } = await pairings();
  expect(status).toBe(200);
  all = body;
});
afterAll(() => api.close());

describe('GET /api/pairings', () => {
  it('counts per kind what the table holds: the report’s 75 agencies, 200 units, 34 rural communities paired', async () => {
    const rows: { org_kind: string; n: string | number }[] = await api.ctx.db.knex('pairings').groupBy('org_kind').select('org_kind').count({ n: '*' });
    expect(Object.fromEntries(rows.map((r) => [r.org_kind, Number(r.n)]))).toEqual(all.totals);
    expect(all.totals).toEqual({ agency: 75, unit: 200, urban_community: 34 });
    expect(all.arcs).toHaveLength(309);
  });

  it('counts per community what the table holds, by kind, most first', async () => {
    const rows: { community_id: string; org_kind: string; n: string | number }[] = await api.ctx.db
      .knex('pairings')
      .groupBy('community_id', 'org_kind')
      .select('community_id', 'org_kind')
      .count({ n: '*' });
    const expected = new Map<string, Record<string, number>>();
    for (const r of rows) expected.set(r.community_id, { agency: 0, unit: 0, urban_community: 0, ...expected.get(r.community_id), [r.org_kind]: Number(r.n) });
    expect(new Map(all.communities.map((c) => [c.id, c.byKind]))).toEqual(expected);
    for (const c of all.communities) expect(c.total).toBe(c.byKind.agency + c.byKind.unit + c.byKind.urban_community);
    expect(all.communities.map((c) => c.total)).toEqual([...all.communities.map((c) => c.total)].sort((a, b) => b - a));
  });

  it('gives every demo pairing both ends: agencies at one government seat, units in urban communities, a red-flag community at home', async () => {
    const kinds = new Map<string, string>((await api.ctx.db.knex('communities').select('id', 'kind')).map((c: { id: string; kind: string }) => [c.id, c.kind]));
    const orgOf = new Map<string, string>(
      (await api.ctx.db.knex('party_orgs').where({ level: 2 }).select('unit_id', 'name')).map((o: { unit_id: string; name: string }) => [o.unit_id, o.name]),
    );
    for (const a of all.arcs) {
      expect(a.from).not.toBeNull();
      expect(a.source).not.toBeNull();
      expect(a.from).not.toEqual(a.to);
    }
    const agencies = all.arcs.filter((a) => a.orgKind === 'agency');
    expect(new Set(agencies.map((a) => a.from!.join()))).toHaveProperty('size', 1);
    for (const a of agencies) expect(kinds.get(a.community.id)).toMatch(/rural|village_residence/);
    for (const a of all.arcs.filter((x) => x.orgKind === 'unit')) expect(kinds.get(a.source!.id)).toBe('urban');
    for (const a of all.arcs.filter((x) => x.orgKind === 'urban_community')) {
      expect(orgOf.get(a.source!.id)).toBe(a.orgName);
      expect(kinds.get(a.source!.id)).toMatch(/urban|township/);
    }
  });

  it('filters by kind and by the paired community’s town', async () => {
    const agencies = (await pairings('?kinds=agency')).body;
    expect(agencies.arcs.every((a) => a.orgKind === 'agency')).toBe(true);
    expect(agencies.totals).toEqual({ agency: 75, unit: 0, urban_community: 0 });
    const town = all.arcs[0]!.community.townId;
    const inTown = (await pairings(`?town=${town}&kinds=unit,urban_community`)).body;
    const expected = all.arcs.filter((a) => a.community.townId === town && a.orgKind !== 'agency');
    expect(inTown.arcs.map((a) => a.id)).toEqual(expected.map((a) => a.id));
    expect(inTown.arcs.length).toBeGreaterThan(0);
    expect(inTown.town).toBe(town);
  });

  it('refuses a bad filter by name, an unknown town with 404, and visitors', async () => {
    const kind = await pairings('?kinds=school');
    expect([kind.status, kind.body.error]).toEqual([400, expect.stringMatching(/kinds/)]);
    expect((await pairings('?kinds=')).status).toBe(400);
    const field = await pairings('?colour=red');
    expect([field.status, field.body.error]).toEqual([400, expect.stringMatching(/colour/)]);
    expect((await pairings('?town=T99')).status).toBe(404);
    expect((await pairings('', '')).status).toBe(401);
  });
});

describe('migration 007 on a city seeded before it', () => {
  it('places every pairing by the generator’s rules from the tables: urban communities at themselves, agencies and units in street communities', async () => {
    const k = api.ctx.db.knex;
    await k.raw('ALTER TABLE pairings DROP COLUMN source_geom');
    await addPairingPlaces(k);
    const { rows } = await k.raw(`
      SELECT p.org_kind, p.source_geom IS NOT NULL AS placed,
             (SELECT c.kind FROM communities c WHERE c.region = p.region AND ST_Covers(c.geom, p.source_geom) LIMIT 1) AS holder_kind,
             (SELECT o.name FROM communities c JOIN party_orgs o ON o.region = c.region AND o.unit_id = c.id AND o.level = 2
               WHERE c.region = p.region AND ST_Covers(c.geom, p.source_geom) LIMIT 1) AS holder_org
      FROM pairings p WHERE p.region = ?`, [api.ctx.region]);
    const placed = rows as Array<{ org_kind: string; placed: boolean; holder_kind: string | null; holder_org: string | null }>;
    expect(placed).toHaveLength(309);
    expect(placed.every((r) => r.placed)).toBe(true);
    expect(placed.filter((r) => r.org_kind !== 'urban_community').every((r) => r.holder_kind === 'urban')).toBe(true);
    const { rows: urban } = await k.raw(`SELECT org_name FROM pairings WHERE region = ? AND org_kind = 'urban_community'`, [api.ctx.region]);
    expect(placed.filter((r) => r.org_kind === 'urban_community').map((r) => r.holder_org).sort()).toEqual(urban.map((r: { org_name: string }) => r.org_name).sort());
    // The map draws them again.
    expect((await pairings()).body.arcs.every((a) => a.from !== null)).toBe(true);
  });
});
