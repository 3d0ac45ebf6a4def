// A year of residents' requests and a hundred days of leads' visits on a generated city, ending at
// a given moment (the first start's, so the figures of the last 30 days show something). Pure:
// the same city, seed and end give the same rows. Plausible by
//   - place: requests come from buildings in proportion to their residents, urban areas asking
//     more about repairs, sanitation and the law, rural ones about old age, work and disputes;
//   - season: repairs in the summer storms and the winter frost, jobs after the Spring Festival,
//     party transfers at graduation, old age in the cold months, sanitation in the heat;
//   - handling: most are answered and closed in time, about one in eight late (and raised to the
//     community, a few to the town), rated mostly well, the poorly rated sometimes reopened;
//     those closed longer ago than the purge period have lost their personal fields.
// Visits go to the least recently visited buildings of an area, a lead's pace varying; some
// follow-ups became requests (the 'diary' channel).
import type { City } from '../city.js';
import type { SeedRequest, SeedUpdate, SeedVisit, SeededYear } from '../year.js';
import { isRural } from '../../server/domain/kinds.js';
import { DEFAULT_DEADLINES, REQUEST_CATEGORIES, type RequestCategory } from '../../server/domain/request-categories.js';
import { DEFAULT_PURGE_DAYS, REOPEN_BELOW_RATING, ticketFrom, type Escalation, type RequestChannel, type RequestEvent, type RequestStatus } from '../../server/domain/requests.js';
import { SYSTEM_AUTHOR } from '../../server/domain/words.js';
import { ANSWERED, ASKED, CLOSED, HEARD } from './request-words.js';
import { PhoneBook, personName } from './names.js';
import { streamFor, type Random } from './rng.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** China's clock: seasons, office hours and visit dates are local. */
const LOCAL = 8 * HOUR;

export interface YearOptions {
  seed: number;
  /** The moment the year ends (ms since the epoch): the seeding's now. */
  endsAt: number;
  /** About this many requests in the year besides the visits' (the demo city: ~0.5 per 100 residents). */
  requests?: number;
}

/** Each category's share of a year's requests. */
const SHARE: Record<RequestCategory, number> = {
  repair: 0.25, sanitation: 0.18, elderly: 0.12, employment: 0.1, mediation: 0.1, legal: 0.09, party_transfer: 0.06, other: 0.1,
};

/** Month (1–12) → weight, averaging 1 over the year. */
const SEASON: Record<RequestCategory, readonly number[]> = {
  repair: [1.3, 1.3, 0.9, 0.8, 0.9, 1.0, 1.4, 1.4, 0.9, 0.7, 0.7, 0.9],
  sanitation: [0.8, 1.1, 0.8, 0.9, 1.0, 1.4, 1.5, 1.5, 1.2, 0.9, 0.8, 0.7],
  elderly: [1.4, 1.3, 1.0, 0.8, 0.8, 0.9, 1.1, 1.1, 0.8, 0.8, 0.9, 1.3],
  employment: [0.8, 1.8, 1.6, 1.0, 0.8, 0.8, 1.3, 1.0, 0.8, 0.7, 0.7, 0.7],
  party_transfer: [0.8, 0.7, 0.8, 0.8, 0.9, 1.8, 1.8, 1.0, 0.8, 0.8, 0.8, 1.0],
  mediation: [1.3, 1.4, 1.0, 0.9, 0.9, 0.9, 1.0, 1.0, 0.9, 1.0, 0.8, 0.9],
  legal: [1.0, 0.9, 1.2, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.9, 1.0],
  other: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
};

/** How much more (or less) a resident of an urban or a rural area asks about each category. */
const PLACE: Record<RequestCategory, { urban: number; rural: number }> = {
  repair: { urban: 1.3, rural: 0.8 },
  sanitation: { urban: 1.2, rural: 0.9 },
  legal: { urban: 1.3, rural: 0.8 },
  party_transfer: { urban: 1.2, rural: 0.9 },
  employment: { urban: 0.8, rural: 1.3 },
  elderly: { urban: 0.8, rural: 1.4 },
  mediation: { urban: 0.9, rural: 1.2 },
  other: { urban: 1, rural: 1 },
};

const QUIET = HEARD.filter((h) => !h.followUp);
const FOLLOWED = HEARD.filter((h) => h.followUp);

const CHANNELS: ReadonlyArray<[RequestChannel, number]> = [['public', 0.5], ['hall', 0.3], ['hotline', 0.2]];

interface AreaInfo {
  id: string;
  communityId: string;
  townId: string;
  urban: boolean;
  leadName: string;
  buildings: Array<{ id: string; address: string; point: [number, number]; population: number }>;
  population: number;
}

function areasOf(city: City): AreaInfo[] {
  const community = new Map(city.communities.map((c) => [c.id, c]));
  const byArea = new Map<string, AreaInfo>();
  for (const a of city.areas) {
    const c = community.get(a.communityId)!;
    byArea.set(a.id, { id: a.id, communityId: c.id, townId: c.townId, urban: !isRural(c.kind), leadName: a.leadName, buildings: [], population: 0 });
  }
  for (const b of city.buildings) {
    const area = byArea.get(b.areaId)!;
    area.buildings.push({ id: b.id, address: b.address, point: b.point.coordinates as [number, number], population: b.population });
    area.population += b.population;
  }
  return [...byArea.values()].filter((a) => a.buildings.length > 0);
}

/** Knuth's Poisson draw: the means here are a few a day. */
function poisson(rnd: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = rnd.next(); p > limit; p *= rnd.next()) k++;
  return k;
}

/** Picks an index by cumulative weights. */
function pickWeighted(rnd: Random, cumulative: Float64Array): number {
  const x = rnd.next() * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const monthOf = (t: number) => new Date(t + LOCAL).getUTCMonth();
const localDate = (t: number) => new Date(t + LOCAL).toISOString().slice(0, 10);
/** A time of the local working day (8:00–21:00) on the day of `t`. */
const duringDay = (rnd: Random, t: number) => t - ((t + LOCAL) % DAY) + 8 * HOUR + rnd.range(0, 13) * HOUR;

class Tickets {
  private used = new Set<string>();
  constructor(private rnd: Random) {}
  next(): string {
    for (;;) {
      const t = ticketFrom(Array.from({ length: 8 }, () => this.rnd.next()));
      if (!this.used.has(t)) {
        this.used.add(t);
        return t;
      }
    }
  }
}

interface Draft {
  id: string;
  category: RequestCategory;
  channel: RequestChannel;
  area: AreaInfo;
  building: AreaInfo['buildings'][number];
  createdAt: number;
  text: string;
}

/** One request's life up to `now`: its history and the row it ends as. */
function live(d: Draft, now: number, rnd: Random, people: { name(): string; phone(): string }): { row: SeedRequest; updates: SeedUpdate[] } {
  const limits = DEFAULT_DEADLINES[d.category];
  const entries: Array<Omit<SeedUpdate, 'requestId' | 'seq' | 'version'> & { bump: boolean }> = [];
  const add = (at: number, event: RequestEvent, status: RequestStatus, text: string | null, isPublic: boolean, actor = SYSTEM_AUTHOR, detail: Record<string, unknown> = {}, bump = true) => {
    if (at <= now) entries.push({ at, event, status, text, public: isPublic, actor, detail, bump });
    return at <= now;
  };
  add(d.createdAt, 'filed', 'received', null, true, d.channel === 'public' ? 'resident' : SYSTEM_AUTHOR, { channel: d.channel }, false);
  add(d.createdAt, 'assign', 'assigned', null, true, SYSTEM_AUTHOR, { areaId: d.area.id, routed: true }, false);

  let start = d.createdAt;
  let reopened = 0;
  let rating: number | null = null;
  let ratedAt: number | null = null;
  let respondedAt: number | null = null;
  let closedAt: number | null = null;
  let escalation: Escalation = 0;
  let escalatedAt: number | null = null;
  let deadlines = { respondBy: 0, closeBy: 0, townBy: 0 };
  for (let cycle = 0; cycle < 2; cycle++) {
    deadlines = { respondBy: start + limits.respond * HOUR, closeBy: start + limits.close * HOUR, townBy: start + limits.town * HOUR };
    const lateAnswer = rnd.next() < 0.12;
    const lateClose = rnd.next() < (lateAnswer ? 0.4 : 0.08);
    respondedAt = start + limits.respond * HOUR * (lateAnswer ? rnd.range(1.05, 3) : rnd.range(0.1, 0.95));
    closedAt = lateClose ? start + limits.close * HOUR * rnd.range(1.02, 2.2) : respondedAt + (deadlines.closeBy - respondedAt) * rnd.range(0.15, 0.95);
    escalation = 0;
    escalatedAt = null;
    const firstMiss = respondedAt > deadlines.respondBy ? deadlines.respondBy : deadlines.closeBy;
    const end = Math.min(closedAt, now);
    for (const [level, at] of [[1, firstMiss], [2, deadlines.townBy]] as const) {
      if (at < end) {
        add(at, 'escalated', respondedAt < at ? 'in_progress' : cycle ? 'reopened' : 'assigned', null, false, SYSTEM_AUTHOR, { level, from: escalation });
        [escalation, escalatedAt] = [level, at];
      }
    }
    if (!add(respondedAt, 'accept', 'in_progress', null, true)) {
      [respondedAt, closedAt] = [null, null];
      break;
    }
    if (rnd.next() < 0.3) add(respondedAt + (closedAt - respondedAt) * 0.3, 'reply', 'in_progress', rnd.pick(ANSWERED[d.category]), true);
    if (!add(closedAt, 'close', 'closed', rnd.pick(CLOSED[d.category]), true)) {
      closedAt = null;
      break;
    }
    rating = null;
    ratedAt = null;
    const at = closedAt + rnd.range(1, 72) * HOUR;
    if (rnd.next() >= 0.65 || at > now) break;
    const onTime = closedAt <= deadlines.closeBy;
    const x = rnd.next();
    rating = onTime ? (x < 0.55 ? 5 : x < 0.85 ? 4 : x < 0.95 ? 3 : x < 0.98 ? 2 : 1) : x < 0.2 ? 5 : x < 0.5 ? 4 : x < 0.75 ? 3 : x < 0.9 ? 2 : 1;
    ratedAt = at;
    add(at, 'rate', 'closed', null, false, 'resident', { rating });
    if (cycle > 0 || rating >= REOPEN_BELOW_RATING || rnd.next() >= 0.35) break;
    add(at, 'reopen', 'reopened', null, true, 'resident', { byRating: rating }, false);
    reopened++;
    start = at;
  }

  const purgedAt = closedAt !== null && closedAt + DEFAULT_PURGE_DAYS * DAY <= now ? closedAt + DEFAULT_PURGE_DAYS * DAY : null;
  if (purgedAt !== null) add(purgedAt, 'purged', 'closed', null, false, SYSTEM_AUTHOR, { days: DEFAULT_PURGE_DAYS });
  entries.sort((a, b) => a.at - b.at);
  let version = 1;
  const updates: SeedUpdate[] = entries.map((e, i) => {
    if (e.bump) version++;
    return {
      requestId: d.id, seq: i + 1, at: e.at, event: e.event, status: e.status,
      text: purgedAt === null ? e.text : null, public: e.public, actor: e.actor, version, detail: e.detail,
    };
  });
  const last = updates[updates.length - 1]!;
  const status = [...updates].reverse().find((u) => u.event !== 'escalated' && u.event !== 'purged' && u.event !== 'rate')?.status ?? 'assigned';
  const withPhone = d.channel !== 'public' || rnd.next() < 0.6;
  const personal = purgedAt === null;
  const snap = (v: number) => Math.round(v * 1000) / 1000;
  return {
    updates,
    row: {
      id: d.id, category: d.category, channel: d.channel, status,
      text: personal ? d.text : null,
      address: personal ? d.building.address : null,
      location: personal ? d.building.point : [snap(d.building.point[0]), snap(d.building.point[1])],
      buildingId: personal ? d.building.id : null,
      areaId: d.area.id, communityId: d.area.communityId, townId: d.area.townId,
      requesterName: personal && d.channel !== 'public' ? people.name() : null,
      requesterPhone: personal && withPhone ? people.phone() : null,
      consent: withPhone,
      createdAt: d.createdAt, ...deadlines, respondedAt, closedAt,
      escalation, escalatedAt, rating, ratedAt, reopened, purgedAt, version: last.version, updatedAt: last.at,
    },
  };
}

export function generateYear(city: City, opts: YearOptions): SeededYear {
  const rnd = streamFor(opts.seed, 'requests');
  const peopleRnd = streamFor(opts.seed, 'requesters');
  const phones = new PhoneBook(peopleRnd);
  const people = { name: () => personName(peopleRnd), phone: () => phones.next() };
  const tickets = new Tickets(streamFor(opts.seed, 'tickets'));
  const areas = areasOf(city);
  const perYear = opts.requests ?? Math.round(areas.reduce((s, a) => s + a.population, 0) * 0.005);
  const now = opts.endsAt;
  const drafts: Draft[] = [];

  // Visits first: a follow-up that became a request is one of the year's requests.
  const visits: SeedVisit[] = [];
  const visitRnd = streamFor(opts.seed, 'visits');
  // The figures look back 90 days at most; a little more makes the diary's first page full.
  const VISIT_DAYS = 100;
  for (const area of areas) {
    const pace = visitRnd.range(0.4, 1.6);
    const count = poisson(visitRnd, Math.min(40, area.buildings.length * 0.85 * pace));
    const times = Array.from({ length: count }, () => duringDay(visitRnd, now - visitRnd.range(0, VISIT_DAYS) * DAY)).filter((t) => t < now).sort((a, b) => a - b);
    const last = new Map<string, number>();
    for (const t of times) {
      // The least recently visited building, ties broken at random.
      let best = area.buildings[0]!;
      let bestKey = Infinity;
      for (const b of area.buildings) {
        const key = (last.get(b.id) ?? -Infinity) + visitRnd.next();
        if (key < bestKey) [best, bestKey] = [b, key];
      }
      last.set(best.id, t);
      // Most visits find nothing to follow up; some follow-ups are settled on the spot, some become requests.
      const heard = visitRnd.pick(visitRnd.next() < 0.15 ? FOLLOWED : QUIET);
      const converted = heard.followUp && visitRnd.next() < 0.3 && t + HOUR < now;
      const id = `VS-${tickets.next().replace('-', '').toLowerCase()}`;
      let requestId: string | null = null;
      if (converted) {
        requestId = tickets.next();
        drafts.push({ id: requestId, category: heard.followUp!.category, channel: 'diary', area, building: best, createdAt: t + HOUR, text: heard.followUp!.text });
      }
      visits.push({
        id, areaId: area.id, buildingId: best.id,
        household: area.urban && visitRnd.next() < 0.5 ? `${visitRnd.int(1, 4)}单元${visitRnd.int(1, 18)}0${visitRnd.int(1, 4)}` : null,
        visitedOn: localDate(t), heard: heard.heard, followUp: heard.followUp?.text ?? null, requestId, leadName: area.leadName, createdAt: t,
      });
    }
  }

  // Requests: a Poisson count a day per category by season, each from an area by residents × place.
  const cumulative = Object.fromEntries(
    REQUEST_CATEGORIES.map((c) => {
      let sum = 0;
      return [c, Float64Array.from(areas, (a) => (sum += a.population * PLACE[c][a.urban ? 'urban' : 'rural']))];
    }),
  ) as Record<RequestCategory, Float64Array>;
  const channelOf = (x: number): RequestChannel => {
    let acc = 0;
    for (const [channel, share] of CHANNELS) if (x < (acc += share)) return channel;
    return 'public';
  };
  for (let day = 365; day >= 1; day--) {
    const dayStart = now - day * DAY;
    for (const category of REQUEST_CATEGORIES) {
      const mean = (perYear * SHARE[category] * SEASON[category][monthOf(dayStart)]!) / 365;
      for (let n = poisson(rnd, mean); n > 0; n--) {
        const createdAt = duringDay(rnd, dayStart);
        if (createdAt >= now) continue;
        const area = areas[pickWeighted(rnd, cumulative[category])]!;
        drafts.push({ id: tickets.next(), category, channel: channelOf(rnd.next()), area, building: rnd.pick(area.buildings), createdAt, text: rnd.pick(ASKED[category]) });
      }
    }
  }

  drafts.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const requests: SeedRequest[] = [];
  const updates: SeedUpdate[] = [];
  for (const d of drafts) {
    const lived = live(d, now, rnd, people);
    requests.push(lived.row);
    updates.push(...lived.updates);
  }
  return { requests, updates, visits };
}
