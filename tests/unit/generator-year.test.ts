// The generated year of requests and visits: the same city, seed and end give the same rows;
// the rows are what the service would have written (statuses, lateness and versions by the
// domain's rules, personal fields gone after the purge period); and they are plausible by
// season, place and handling.
import { beforeAll, describe, expect, it } from 'vitest';
import type { City } from '../../data/city.js';
import type { SeededYear } from '../../data/year.js';
import { DEMO_CITY_OPTIONS, generateCity, generateYear } from '../../data/generator/index.js';
import { isRural } from '../../server/domain/kinds.js';
import { DEFAULT_PURGE_DAYS, escalationDue, nextStatus } from '../../server/domain/requests.js';

const END = Date.parse('2026-11-25T04:00:00Z');
const DAY = 86_400_000;
let city: City;
let year: SeededYear;

beforeAll(() => {
  city = generateCity(DEMO_CITY_OPTIONS);
  year = generateYear(city, { seed: DEMO_CITY_OPTIONS.seed, endsAt: END });
}, 60_000);

describe('the generated year', () => {
  it('is the same for the same city, seed and end, and different for another seed', () => {
    expect(JSON.stringify(generateYear(city, { seed: DEMO_CITY_OPTIONS.seed, endsAt: END }))).toBe(JSON.stringify(year));
    expect(generateYear(city, { seed: 1, endsAt: END }).requests[0]!.id).not.toBe(year.requests[0]!.id);
  });

  it('has a year of requests before its end, with unique tickets, each in an area of the city at one of its buildings', () => {
    const ids = new Set(year.requests.map((r) => r.id));
    expect(ids.size).toBe(year.requests.length);
    expect(year.requests.every((r) => r.createdAt < END && r.createdAt >= END - 366 * DAY)).toBe(true);
    const areaOf = new Map(city.buildings.map((b) => [b.id, b.areaId]));
    expect(year.requests.filter((r) => r.buildingId !== null && areaOf.get(r.buildingId) !== r.areaId)).toEqual([]);
    expect(year.requests.length).toBeGreaterThan(4000);
  });

  it('walks each request through the steps the domain allows, one version a write, ending at its row’s status', () => {
    const byRequest = new Map<string, typeof year.updates>();
    for (const u of year.updates) byRequest.set(u.requestId, [...(byRequest.get(u.requestId) ?? []), u]);
    const wrong: string[] = [];
    for (const r of year.requests) {
      const updates = byRequest.get(r.id)!;
      let status = updates[1]!.status;
      for (const u of updates.slice(2)) {
        if (u.event === 'escalated' || u.event === 'purged') continue;
        const next = nextStatus(u.event as Parameters<typeof nextStatus>[0], status);
        if (next === null) wrong.push(`${r.id}: ${u.event} from ${status}`);
        status = next ?? status;
      }
      if (status !== r.status || updates.at(-1)!.version !== r.version) wrong.push(`${r.id}: ends ${status} v${updates.at(-1)!.version}, row ${r.status} v${r.version}`);
    }
    expect(wrong).toEqual([]);
  });

  it('raises open requests as far as the domain’s lateness rule says at the end', () => {
    const open = year.requests.filter((r) => r.status !== 'closed');
    expect(open.length).toBeGreaterThan(0);
    expect(open.filter((r) => r.escalation < escalationDue(r, END))).toEqual([]);
  });

  it('has no personal field left on a request closed longer ago than the purge period, and keeps them on the others', () => {
    const old = year.requests.filter((r) => r.closedAt !== null && r.closedAt < END - DEFAULT_PURGE_DAYS * DAY);
    expect(old.length).toBeGreaterThan(0);
    expect(old.filter((r) => r.requesterName || r.requesterPhone || r.address || r.text || r.buildingId || r.purgedAt === null)).toEqual([]);
    const purged = new Set(old.map((r) => r.id));
    expect(year.updates.filter((u) => purged.has(u.requestId) && u.text !== null)).toEqual([]);
    expect(year.requests.filter((r) => !purged.has(r.id) && r.text === null)).toEqual([]);
    expect(year.requests.filter((r) => r.requesterPhone !== null && !r.consent)).toEqual([]);
  });

  it('follows the seasons: repairs peak in the summer storms, party transfers at graduation, jobs after the Spring Festival', () => {
    const month = (t: number) => new Date(t + 8 * 3_600_000).getUTCMonth() + 1;
    const count = (category: string, months: number[]) => year.requests.filter((r) => r.category === category && r.channel !== 'diary' && months.includes(month(r.createdAt))).length;
    expect(count('repair', [7, 8])).toBeGreaterThan(1.3 * count('repair', [4, 5]));
    expect(count('party_transfer', [6, 7])).toBeGreaterThan(1.6 * count('party_transfer', [9, 10]));
    expect(count('employment', [2, 3])).toBeGreaterThan(1.6 * count('employment', [10, 11]));
  });

  it('follows the place: rural residents ask more about old age, urban ones more about repairs, per resident', () => {
    const rural = new Set(city.communities.filter((c) => isRural(c.kind)).map((c) => c.id));
    const residents = { rural: 0, urban: 0 };
    const areaCommunity = new Map(city.areas.map((a) => [a.id, a.communityId]));
    for (const b of city.buildings) residents[rural.has(areaCommunity.get(b.areaId)!) ? 'rural' : 'urban'] += b.population;
    const rate = (category: string, side: 'rural' | 'urban') =>
      year.requests.filter((r) => r.category === category && r.channel !== 'diary' && rural.has(r.communityId) === (side === 'rural')).length / residents[side];
    expect(rate('elderly', 'rural')).toBeGreaterThan(1.3 * rate('elderly', 'urban'));
    expect(rate('repair', 'urban')).toBeGreaterThan(1.3 * rate('repair', 'rural'));
  });

  it('answers most in time, rates most well, and leaves a few late ones open', () => {
    const closed = year.requests.filter((r) => r.closedAt !== null);
    const inTime = closed.filter((r) => r.closedAt! <= r.closeBy).length / closed.length;
    expect(inTime).toBeGreaterThan(0.8);
    expect(inTime).toBeLessThan(0.97);
    const rated = year.requests.filter((r) => r.rating !== null);
    expect(rated.reduce((s, r) => s + r.rating!, 0) / rated.length).toBeGreaterThan(3.8);
    expect(year.requests.some((r) => r.escalation === 2)).toBe(true);
  });

  it('visits the buildings of each area over the last hundred days, the least visited first, some follow-ups becoming diary requests', () => {
    const areaOf = new Map(city.buildings.map((b) => [b.id, b.areaId]));
    expect(year.visits.filter((v) => areaOf.get(v.buildingId) !== v.areaId)).toEqual([]);
    const last = new Date(END + 8 * 3_600_000).toISOString().slice(0, 10);
    const first = new Date(END - 101 * DAY).toISOString().slice(0, 10);
    expect(year.visits.every((v) => v.visitedOn >= first && v.visitedOn <= last)).toBe(true);
    const visited = new Set(year.visits.map((v) => v.buildingId));
    expect(visited.size / city.buildings.length).toBeGreaterThan(0.5);
    const diary = new Set(year.requests.filter((r) => r.channel === 'diary').map((r) => r.id));
    expect(year.visits.filter((v) => v.requestId !== null && !diary.has(v.requestId))).toEqual([]);
    expect(diary.size).toBe(year.visits.filter((v) => v.requestId !== null).length);
  });
});
