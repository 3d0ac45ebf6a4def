// The printable service cards: who may print them (the card carries the lead's phone in full),
// and that every card says what the database says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommunityCards } from '../../server/features/cards/service';
import { loginDemo } from '../support/accounts';
import { startTestApi, type TestApi } from '../support/api-client';

let api: TestApi;
const cookie: Record<string, string> = {};
let ownCommunity = '';
let otherCommunity = '';

/** Where the county's phones reach the server: not the host the test talks to. */
const PUBLIC_URL = 'http://10.8.0.5:8080/gridmap';

beforeAll(async () => {
  process.env.GRIDMAP_PUBLIC_URL = `${PUBLIC_URL}/`;
  api = await startTestApi();
  delete process.env.GRIDMAP_PUBLIC_URL;
  for (const role of ['staff', 'admin', 'planner', 'leader'] as const) cookie[role] = await loginDemo(api, role);
  const k = api.ctx.db.knex;
  const [town] = (await k('users').where({ username: 'demo-planner' }).first('towns')).towns as string[];
  ownCommunity = (await k('communities').where('town_id', town!).orderBy('id').first('id')).id;
  otherCommunity = (await k('communities').whereNot('town_id', town!).orderBy('id').first('id')).id;
});
afterAll(() => api.close());

const cardsAs = (communityId: string, who?: string) => api.request(`/api/cards/community/${communityId}`, { cookie: who && cookie[who] });
const auditRows = (action: string, objectId: string) =>
  api.ctx.db.knex('audit_log').where({ action, object_type: 'community', object_id: objectId }).select('actor', 'detail');

describe('GET /api/cards/community/{id}: who may print', () => {
  it('refuses the public (401) and leaders (403): the card shows the phone in full', async () => {
    expect((await cardsAs(ownCommunity)).status).toBe(401);
    expect((await cardsAs(ownCommunity, 'leader')).status).toBe(403);
  });

  it('gives staff the cards without an audit row, as staff see phones anyway', async () => {
    const res = await cardsAs(ownCommunity, 'staff');
    expect(res.status).toBe(200);
    expect(await auditRows('reveal', ownCommunity)).toEqual([]);
  });

  it('gives admins and in-town planners the cards and audits it as a reveal, without the numbers', async () => {
    for (const role of ['admin', 'planner']) {
      const res = await cardsAs(ownCommunity, role);
      expect(res.status).toBe(200);
      const body = (await res.json()) as CommunityCards;
      const rows = await auditRows('reveal', ownCommunity);
      const mine = rows.find((r) => r.actor === `demo-${role}`);
      expect(mine).toBeDefined();
      const detail = JSON.stringify(mine!.detail);
      for (const card of body.cards) expect(detail).not.toContain(card.lead.phone);
    }
  });

  it("answers another town's planner 404, as for an unknown id, and audits the probe", async () => {
    const res = await cardsAs(otherCommunity, 'planner');
    expect(res.status).toBe(404);
    const unknown = await cardsAs('no-such-community', 'planner');
    expect(unknown.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'not_found', error: `找不到社区“${otherCommunity}”` });
    expect((await auditRows('authz_denied', otherCommunity)).map((r) => r.actor)).toContain('demo-planner');
    expect((await cardsAs(otherCommunity, 'staff')).status).toBe(200);
  });

  it('says which id is too long (400)', async () => {
    const res = await cardsAs('x'.repeat(65), 'staff');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/params\.id/);
  });
});

describe('GET /api/cards/community/{id}: what a card shows', () => {
  it('has one card per area of the community, each as the database has it', async () => {
    const body = (await (await cardsAs(ownCommunity, 'staff')).json()) as CommunityCards;
    const k = api.ctx.db.knex;
    const community = await k('communities as c').join('towns as t', 't.id', 'c.town_id').where('c.id', ownCommunity).first('c.name', 't.name as town');
    expect(body.community).toMatchObject({ id: ownCommunity, name: community.name });
    expect(body.town.name).toBe(community.town);
    const areas = await k('contracted_areas').where({ community_id: ownCommunity }).orderBy('id').select('id', 'name', 'lead_name', 'lead_phone');
    expect(areas.length).toBeGreaterThan(0);
    expect(body.cards.map((c) => c.area.id)).toEqual(areas.map((a) => a.id));
    for (const [i, card] of body.cards.entries()) {
      const area = areas[i]!;
      expect(card.area.name).toBe(area.name);
      expect(card.lead).toEqual({ name: area.lead_name, phone: area.lead_phone });
      const buildings = await k('buildings').where({ area_id: area.id }).count<{ n: string }[]>({ n: '*' });
      expect(card.buildings.length).toBe(Number(buildings[0]!.n));
      expect(card.outline.type).toBe('MultiPolygon');
      // Every building's point lies in the area's outline, as the map will draw it.
      const { rows } = await k.raw('SELECT ST_Covers(ST_GeomFromGeoJSON(?), ST_Collect(ARRAY(SELECT geom FROM buildings WHERE area_id = ?))) AS inside', [
        JSON.stringify(card.outline),
        area.id,
      ]);
      if (card.buildings.length) expect(rows[0].inside).toBe(true);
    }
  });

  it("names the community's own service hall and its distance from the area", async () => {
    const body = (await (await cardsAs(ownCommunity, 'staff')).json()) as CommunityCards;
    const k = api.ctx.db.knex;
    const halls = await k('service_centres').where({ community_id: ownCommunity }).whereNot({ kind: 'labour' }).select('name', 'hours');
    for (const card of body.cards) {
      expect(card.centre).not.toBeNull();
      if (halls.length) expect(halls.map((h) => h.name)).toContain(card.centre!.name);
      const { rows } = await k.raw(
        `SELECT ST_Distance(ST_PointOnSurface(a.geom)::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography) AS m
         FROM contracted_areas a WHERE a.id = ?`,
        [card.centre!.location[0], card.centre!.location[1], card.area.id],
      );
      expect(Math.abs(card.centre!.distanceM - Number(rows[0].m))).toBeLessThanOrEqual(1);
    }
  });

  it('falls back to the nearest hall of another community when the community has none', async () => {
    const k = api.ctx.db.knex;
    const bare = await k('communities as c')
      .whereNotExists(k('service_centres as s').whereRaw('s.community_id = c.id').whereNot('s.kind', 'labour'))
      .orderBy('c.id')
      .first('c.id');
    expect(bare, 'the demo city has communities without a hall').toBeDefined();
    const body = (await (await cardsAs(bare.id, 'staff')).json()) as CommunityCards;
    const { rows } = await k.raw(
      `SELECT s.name FROM service_centres s, contracted_areas a
       WHERE a.id = ? AND s.kind <> 'labour' ORDER BY s.geom <-> ST_PointOnSurface(a.geom), s.id LIMIT 1`,
      [body.cards[0]!.area.id],
    );
    expect(body.cards[0]!.centre!.name).toBe(rows[0].name);
  });
});

describe('GET /api/cards/community/{id}: where the QR codes point and what each card covers', () => {
  it('gives the configured GRIDMAP_PUBLIC_URL (without its trailing slash), not the host the page was opened with', async () => {
    const body = (await (await cardsAs(ownCommunity, 'staff')).json()) as CommunityCards;
    expect(body.publicUrl).toBe(PUBLIC_URL);
  });

  it("lists each estate of the area with its building numbers folded into runs, and a village group held whole by its name", async () => {
    const k = api.ctx.db.knex;
    const body = (await (await cardsAs(ownCommunity, 'staff')).json()) as CommunityCards;
    const expand = (runs: string) =>
      runs.split('、').flatMap((run) => {
        const [, from, to] = /^(\d+)(?:-(\d+))?[幢号]$/.exec(run)!;
        return Array.from({ length: Number(to ?? from) - Number(from) + 1 }, (_, i) => Number(from) + i);
      });
    for (const card of body.cards) {
      const rows = await k('buildings as b')
        .join('estates as e', 'e.id', 'b.estate_id')
        .where('b.area_id', card.area.id)
        .select('e.id', 'e.name', 'e.concentrated', 'b.address');
      const estates = [...new Set(rows.map((r) => r.name as string))];
      expect(card.covers.map((c) => c.estate).sort()).toEqual(estates.sort());
      for (const covered of card.covers) {
        const mine = rows.filter((r) => r.name === covered.estate);
        const numbers = mine.map((r) => Number(/(\d+)[幢号]$/.exec(r.address as string)![1])).sort((a, b) => a - b);
        if (covered.buildings) expect(expand(covered.buildings)).toEqual(numbers);
        else {
          const all = await k('buildings').where('estate_id', mine[0]!.id).count<{ n: string }[]>({ n: '*' });
          expect([mine[0]!.concentrated, mine.length]).toEqual([false, Number(all[0]!.n)]);
        }
      }
    }
  });
});
