// The look-up's search index, in memory: every estate with the place words its addresses and
// names give it, a trigram → estates table for fuzzy names, pinyin and initials tables for
// sound-alikes and Latin input, old village names, and each estate's buildings by number.
// Built from the database by the index keeper (server/features/lookup/index-keeper.ts) and
// updated in place when buildings change; ranking reads nothing else.
import type { LOOKUP_MESSAGES } from '../../domain/messages-lookup';
import { canonicalAddress } from './normalise';
import { parseAddress, type AddressParts } from './parse';
import { isLatin, spoken } from './pinyin';
import { placeFit, similarity, stretchTrigrams, trigrams } from './trigram';

/** Below this fit a place is not considered at all. */
export const SIMILARITY_FLOOR = 0.3;
/**
 * An answer is `exact` only when it scores at least this, was found by today's name (not by an
 * old name, a sound or pinyin), names an existing building, and no other building fits as well.
 * 0.95 lets in a known estate name ending the place words (长泾港洲新城3幢: 0.7 × 0.95 + 0.3);
 * a one-character typo of the name (about 0.7 × 0.75 + 0.3) stays approximate.
 */
export const CERTAIN_SCORE = 0.95;
/** A bulk row or a resident's search is answered only when its best result scores at least this. */
export const MATCH_THRESHOLD = 0.6;
/** An old village name counts a little less than today's names. */
const ALIAS_WEIGHT = 0.9;
/** A sound-alike counts a little less than the same characters, initials less again, part of the initials less still. */
const PINYIN_WEIGHT = 0.95;
const INITIALS_WEIGHT = 0.9;
const INITIALS_PART_WEIGHT = 0.85;
/** A known estate's name ending the place words, after what its community is called (长泾港洲新城). */
const ESTATE_IN_PLACE = 0.95;
/** The estate's name with another of the usual suffixes (港洲花苑 for 港洲花园), when only one estate has it. */
const SUFFIX_VARIANT = 0.9;
/** Of a numbered answer's score, this much is the number; the rest is the place. */
const NUMBER_WEIGHT = 0.3;
/** A group estate of another group number (殷巷村3组 for 殷巷村4组) keeps this share of its fit. */
const OTHER_GROUP_WEIGHT = 0.5;
/** Fuzzy candidates scored in full, the most trigram hits first: the rest rank below them (hits bound the fit). */
const FUZZY_CANDIDATES = 40;
/** A trigram in at least this many estates (or a fiftieth of them) is too common to find candidates by. */
const COMMON_GRAM = 500;
/** Name suffixes residents swap for one another. */
const SUFFIXES = ['花苑', '花园', '小区', '新村', '家园', '新城', '公寓', '新苑', '佳苑', '嘉园', '名苑', '雅苑', '苑', '园'];

export type ReasonCode = keyof typeof LOOKUP_MESSAGES;
export interface Reason {
  code: ReasonCode;
  params: Record<string, string | number>;
}

export interface IndexSource {
  towns: Array<{ id: string; name: string }>;
  communities: Array<{ id: string; name: string; townId: string }>;
  estates: Array<{ id: string; name: string; communityId: string }>;
  buildings: BuildingSource[];
  aliases: Array<{ alias: string; communityId: string }>;
}

export interface BuildingSource {
  id: string;
  address: string;
  estateId: string;
}

type Via = 'name' | 'alias' | 'pinyin' | 'initials';

interface Estate {
  id: string;
  /** Canonical name and the register's own spelling. */
  name: string;
  shown: string;
  communityId: string;
  townId: string;
  words: Set<string>;
  byNumber: Map<number, string[]>;
  unnumbered: string[];
  /** The register's address of the estate without a building number, and the marker its numbers take (幢 or 号). */
  head: string;
  marker: string;
}

interface Candidate {
  estate: number;
  fit: number;
  via: Via;
  /** The name or old name it was found by, for the caveat. */
  by: string;
  latin: boolean;
}

export interface Ranked {
  buildingId: string;
  /** The estate stands for the answer: the building or group asked for does not exist. */
  estateLevel: boolean;
  /** The estate's address without a number, for an estate-level answer. */
  estateAddress: string;
  score: number;
  match: 'exact' | 'alias' | 'fuzzy';
  certainty: 'exact' | 'approximate';
  reasons: Reason[];
  missing?: { asked: string; estate: string; has: string };
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
};

/** "1-36幢", "1-3、5组": a sorted list of numbers as ranges. */
export function numberRanges(numbers: readonly number[], marker: string): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    ranges.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return `${ranges.join('、')}${marker}`;
}

const GROUP = /^(.*?)(\d+)组$/u;

export class PlaceIndex {
  readonly prefixes: string[];
  private readonly estates: Estate[] = [];
  private readonly estateAt = new Map<string, number>();
  private readonly buildingAt = new Map<string, { estate: number; number: number | null }>();
  private readonly grams = new Map<string, number[]>();
  private readonly exactWords = new Map<string, number[]>();
  private readonly estateNames = new Map<string, number[]>();
  private readonly pinyinWords = new Map<string, number[]>();
  private readonly initialsWords = new Map<string, number[]>();
  private readonly byCommunity = new Map<string, number[]>();
  private readonly towns: Array<{ id: string; name: string }>;
  private readonly aliases: Array<{ alias: string; grams: string[]; communityId: string; community: string }>;
  /** Old names by trigram, and those too short to share one with a query they are part of. */
  private readonly aliasGrams = new Map<string, number[]>();
  private readonly shortAliases: number[] = [];
  /** Scratch for `mostHits`, by estate: hits this query, and the last list that counted it. */
  private hits = new Int32Array(0);
  private seenIn = new Int32Array(0);
  private stamp = 0;

  constructor(source: IndexSource) {
    const communities = new Map(source.communities.map((c) => [c.id, c]));
    this.towns = source.towns.map((t) => ({ id: t.id, name: canonicalAddress(t.name) }));
    this.prefixes = prefixesOf(source);
    for (const e of source.estates) {
      const community = communities.get(e.communityId);
      if (!community) continue;
      const i = this.estates.length;
      const name = canonicalAddress(e.name);
      const communityName = canonicalAddress(community.name);
      this.estates.push({
        id: e.id, name, shown: e.name, communityId: e.communityId, townId: community.townId,
        words: new Set(), byNumber: new Map(), unnumbered: [], head: e.name, marker: '幢',
      });
      this.estateAt.set(e.id, i);
      push(this.byCommunity, e.communityId, i);
      push(this.estateNames, name, i);
      // Today's names too, in case the community was renamed after its addresses were written.
      for (const w of [communityName + name, name, communityName]) this.addWord(i, w);
    }
    this.aliases = source.aliases.map((a) => ({
      alias: canonicalAddress(a.alias),
      grams: trigrams(canonicalAddress(a.alias)),
      communityId: a.communityId,
      community: communities.get(a.communityId)?.name ?? '',
    }));
    this.aliases.forEach((a, i) => {
      // A name of three characters or more inside the query shares its first trigram with it.
      if ([...a.alias].length < 3) this.shortAliases.push(i);
      for (const g of a.grams) {
        const list = this.aliasGrams.get(g);
        if (list) list.push(i);
        else this.aliasGrams.set(g, [i]);
      }
    });
    for (const b of source.buildings) this.putBuilding(b);
  }

  get size(): number {
    return this.buildingAt.size;
  }

  hasEstate(id: string): boolean {
    return this.estateAt.has(id);
  }

  /** Adds or moves a building; false when its estate is unknown (a new estate: the keeper builds anew). */
  putBuilding(b: BuildingSource): boolean {
    const at = this.estateAt.get(b.estateId);
    if (at === undefined) return false;
    this.removeBuilding(b.id);
    const parts = parseAddress(b.address, this.prefixes);
    const estate = this.estates[at]!;
    if (parts.building === null) estate.unnumbered.push(b.id);
    else push(estate.byNumber, parts.building, b.id);
    const marker = /(\d+)(幢|号)$/u.exec(b.address);
    if (marker) {
      estate.marker = marker[2]!;
      estate.head = b.address.slice(0, marker.index);
    }
    this.addWord(at, parts.place);
    this.buildingAt.set(b.id, { estate: at, number: parts.building });
    return true;
  }

  removeBuilding(id: string): void {
    const was = this.buildingAt.get(id);
    if (!was) return;
    const estate = this.estates[was.estate]!;
    const list = was.number === null ? estate.unnumbered : estate.byNumber.get(was.number);
    const k = list?.indexOf(id) ?? -1;
    if (list && k >= 0) list.splice(k, 1);
    if (was.number !== null && list?.length === 0) estate.byNumber.delete(was.number);
    this.buildingAt.delete(id);
  }

  private addWord(estate: number, word: string): void {
    const e = this.estates[estate]!;
    if (!word || e.words.has(word)) return;
    e.words.add(word);
    push(this.exactWords, word, estate);
    // Duplicates (two words of one estate sharing a trigram) are counted once at query time.
    for (const g of stretchTrigrams(word)) {
      const list = this.grams.get(g);
      if (!list) this.grams.set(g, [estate]);
      else if (list[list.length - 1] !== estate) list.push(estate);
    }
    const { full, initials } = spoken(word);
    push(this.pinyinWords, full, estate);
    push(this.initialsWords, initials, estate);
  }

  /** The ranked answers to a query, best first, at most `limit`. */
  rank(query: string, limit: number): Ranked[] {
    const canonical = canonicalAddress(query);
    const parts = parseAddress(query, this.prefixes);
    if ([...parts.place].length < 2) return [];
    // A town the query names rules out every other town's estates. Every town of that name: a
    // name is one town in a county, but not in a city made of copies of one (the bench's).
    const named = this.towns.find((t) => t.name.length >= 2 && canonical.includes(t.name))?.name;
    const towns = named === undefined ? undefined : new Set(this.towns.filter((t) => t.name === named).map((t) => t.id));
    const found = new Map<number, Candidate>();
    const offer = (c: Candidate) => {
      const e = this.estates[c.estate]!;
      if (towns !== undefined && !towns.has(e.townId)) return;
      if (e.byNumber.size === 0 && e.unnumbered.length === 0) return;
      const had = found.get(c.estate);
      // A name that fits only through the old village name in it (富源村蒋庄村1组 for 蒋庄村) was found by that old name.
      if (had && had.via === 'name' && had.fit < 1 && c.via === 'alias' && had.by.includes(c.by)) {
        found.set(c.estate, { ...c, fit: Math.max(c.fit, had.fit) });
        return;
      }
      if (!had || c.fit > had.fit || (c.fit === had.fit && c.via === 'name' && had.via !== 'name')) found.set(c.estate, c);
    };
    this.byName(parts.place, offer, towns);
    this.bySound(parts.place, offer);
    this.byOldName(parts.place, offer);
    const groups = this.groupCheck(parts.place, found);
    return this.answers(parts, [...found.values()], groups, limit);
  }

  private byName(place: string, offer: (c: Candidate) => void, towns: ReadonlySet<string> | undefined): void {
    const inTown = (i: number) => towns === undefined || towns.has(this.estates[i]!.townId);
    for (const estate of this.exactWords.get(place) ?? []) offer({ estate, fit: 1, via: 'name', by: place, latin: false });
    // A known estate name ending the place words, what comes before it being like its community's name.
    const chars = [...place];
    for (let from = 1; from < chars.length - 1; from++) {
      const lead = chars.slice(0, from).join('');
      const tail = chars.slice(from).join('');
      const estates = (this.estateNames.get(tail) ?? []).filter((i) => inTown(i) && this.leadFits(lead, this.estates[i]!));
      if (estates.length === 1) offer({ estate: estates[0]!, fit: ESTATE_IN_PLACE, via: 'name', by: tail, latin: false });
    }
    // Another of the usual suffixes, only when it names exactly one estate (never another real estate's name).
    // Another usual suffix only for a name no estate has: never another real estate for a real one.
    const variants = new Map<number, string>();
    if (!this.exactWords.has(place)) for (const variant of suffixVariants(place)) for (const estate of (this.exactWords.get(variant) ?? []).filter(inTown)) variants.set(estate, variant);
    if (variants.size === 1) for (const [estate, by] of variants) offer({ estate, fit: SUFFIX_VARIANT, via: 'name', by, latin: false });
    const q = trigrams(place);
    // Trigrams most estates share (社区 , 新城 ) say little and cost most: left out of the count, the
    // rarest one kept when all are common. The full fit below still weighs every trigram.
    const common = Math.max(COMMON_GRAM, this.estates.length / 50);
    const lists = q.map((g) => this.grams.get(g) ?? []).filter((l) => l.length > 0);
    let counted = lists.filter((l) => l.length <= common);
    if (counted.length === 0 && lists.length > 0) counted = [lists.reduce((a, b) => (a.length <= b.length ? a : b))];
    const least = Math.min(counted.length, Math.ceil(q.length * 0.15));
    const best = this.mostHits(counted, least, towns);
    for (const estate of best) {
      let fit = 0;
      let by = '';
      for (const w of this.estates[estate]!.words) {
        const f = placeFit(place, w, q);
        if (f > fit) [fit, by] = [f, w];
      }
      if (fit >= SIMILARITY_FLOOR) offer({ estate, fit, via: 'name', by, latin: false });
    }
  }

  /**
   * The estates found in the most of these trigram lists (at least `least`), most first, at most
   * FUZZY_CANDIDATES. Counted in arrays kept between queries: at a million addresses a query
   * walks thousands of list entries, and a Map and a Set per list made it the ranking's main cost.
   */
  private mostHits(lists: number[][], least: number, towns: ReadonlySet<string> | undefined): number[] {
    const n = this.estates.length;
    if (this.hits.length < n) [this.hits, this.seenIn] = [new Int32Array(n), new Int32Array(n)];
    const { hits } = this;
    let { seenIn } = this;
    const touched: number[] = [];
    for (const list of lists) {
      // A list may name an estate twice (its words added at different times): counted once per list.
      if (this.stamp >= 2 ** 30) [this.stamp, seenIn] = [0, seenIn.fill(0)];
      const stamp = ++this.stamp;
      for (const i of list) {
        if (seenIn[i] === stamp || (towns !== undefined && !towns.has(this.estates[i]!.townId))) continue;
        seenIn[i] = stamp;
        if (hits[i]++ === 0) touched.push(i);
      }
    }
    const best = touched.filter((i) => hits[i]! >= least).sort((a, b) => hits[b]! - hits[a]! || a - b).slice(0, FUZZY_CANDIDATES);
    for (const i of touched) hits[i] = 0;
    return best;
  }

  /** Whether what precedes an estate's name in the query is (part of) its community's or town's name. */
  private leadFits(lead: string, e: Estate): boolean {
    const around = [...e.words].find((w) => w.endsWith(e.name) && w !== e.name) ?? '';
    const town = this.towns.find((t) => t.id === e.townId)?.name ?? '';
    return [...lead].every((c) => around.includes(c) || town.includes(c));
  }

  private bySound(place: string, offer: (c: Candidate) => void): void {
    const latin = isLatin(place);
    const { full } = spoken(place);
    for (const estate of this.pinyinWords.get(full) ?? []) offer({ estate, fit: PINYIN_WEIGHT, via: 'pinyin', by: this.estates[estate]!.shown, latin });
    if (!latin) return;
    for (const estate of this.initialsWords.get(place) ?? []) offer({ estate, fit: INITIALS_WEIGHT, via: 'initials', by: this.estates[estate]!.shown, latin });
    for (const [initials, estates] of this.initialsWords) {
      if (initials === place || !initials.includes(place)) continue;
      for (const estate of estates) offer({ estate, fit: INITIALS_PART_WEIGHT, via: 'initials', by: this.estates[estate]!.shown, latin });
    }
  }

  /**
   * An old village name stands for the whole community it went into, weighing by how much of the
   * query it covers; within it, the estates still named after the village (蒋庄村一组) come first.
   */
  private byOldName(place: string, offer: (c: Candidate) => void): void {
    const grams = trigrams(place);
    const q = new Set(grams);
    const length = [...place].length;
    // Only old names sharing a trigram with the query can fit it (a fit needs shared trigrams), in
    // their order, so that ties are settled as before.
    const near = new Set(this.shortAliases);
    for (const g of grams) for (const i of this.aliasGrams.get(g) ?? []) near.add(i);
    for (const i of [...near].sort((x, y) => x - y)) {
      const a = this.aliases[i]!;
      const inside = place.includes(a.alias);
      const sim = inside ? 1 : similarity(q, a.grams);
      if (!inside && sim < SIMILARITY_FLOOR) continue;
      const cover = Math.min(1, [...a.alias].length / length) * sim;
      for (const estate of this.byCommunity.get(a.communityId) ?? []) {
        const named = this.estates[estate]!.name.includes(a.alias) ? 1 : 0.9;
        offer({ estate, fit: ALIAS_WEIGHT * cover * named, via: 'alias', by: a.alias, latin: false });
      }
    }
  }

  /**
   * A query naming a village group (殷巷村4组): estates of another group of that village fit less,
   * and when the village has no such group the answer is the village, saying which groups it has.
   */
  private groupCheck(place: string, found: Map<number, Candidate>): { asked: string; village: string; has: number[]; estate: number; fit: number } | null {
    const m = GROUP.exec(place);
    if (!m) return null;
    const [, village, asked] = m;
    const family = new Map<string, Array<{ estate: number; group: number }>>();
    const before = new Map([...found].map(([i, c]) => [i, c.fit]));
    for (const c of found.values()) {
      const g = GROUP.exec(this.estates[c.estate]!.name);
      if (!g || !village!.endsWith(g[1]!) || g[1]!.length < 2) continue;
      if (Number(g[2]) !== Number(asked)) c.fit *= OTHER_GROUP_WEIGHT;
    }
    for (const c of found.values()) {
      const e = this.estates[c.estate]!;
      const g = GROUP.exec(e.name);
      if (!g || !village!.endsWith(g[1]!) || g[1]!.length < 2) continue;
      const key = `${e.communityId}|${g[1]}`;
      if (!family.has(key)) family.set(key, (this.byCommunity.get(e.communityId) ?? []).flatMap((i) => {
        const x = GROUP.exec(this.estates[i]!.name);
        return x && x[1] === g[1] ? [{ estate: i, group: Number(x[2]) }] : [];
      }));
    }
    let best: { asked: string; village: string; has: number[]; estate: number; fit: number } | null = null;
    let bestFit = -1;
    for (const [key, members] of family) {
      if (members.some((x) => x.group === Number(asked))) return null;
      const fit = Math.max(...members.map((x) => before.get(x.estate) ?? 0));
      if (fit > bestFit) {
        bestFit = fit;
        const first = members.reduce((a, b) => (b.group < a.group ? b : a));
        best = { asked: `${asked}组`, village: key.split('|')[1]!, has: members.map((x) => x.group), estate: first.estate, fit };
      }
    }
    return best;
  }

  private answers(parts: AddressParts, candidates: Candidate[], group: ReturnType<PlaceIndex['groupCheck']>, limit: number): Ranked[] {
    candidates.sort((a, b) => b.fit - a.fit || Number(b.via === 'name') - Number(a.via === 'name') || a.estate - b.estate);
    const top = candidates[0];
    if (!top) return [];
    const n = parts.building;
    const out: Ranked[] = [];
    let family = new Set<number>();
    if (group) {
      family = new Set(candidates.filter((c) => GROUP.exec(this.estates[c.estate]!.name)?.[1] === group.village).map((c) => c.estate));
      family.add(group.estate);
      const e = this.estates[group.estate]!;
      const missing = { asked: group.asked, estate: group.village, has: numberRanges(group.has, '组') };
      out.push(this.estateLevel(e, top, missing, group.fit * (1 - NUMBER_WEIGHT)));
    } else if (n !== null) {
      const e = this.estates[top.estate]!;
      const near = candidates.filter((c) => c.fit >= top.fit - 0.1);
      if (!near.some((c) => this.estates[c.estate]!.byNumber.has(n)) && e.byNumber.size > 0) {
        family = new Set([top.estate]);
        const missing = { asked: `${n}${e.marker}`, estate: e.shown, has: numberRanges([...e.byNumber.keys()], e.marker) };
        out.push(this.estateLevel(e, top, missing, top.fit * (1 - NUMBER_WEIGHT)));
      }
    }

    const scored: Array<{ id: string; number: number; score: number; c: Candidate }> = [];
    const seen = new Set<string>();
    const add = (c: Candidate, id: string, number: number, score: number) => {
      if (seen.has(id)) return;
      seen.add(id);
      scored.push({ id, number, score, c });
    };
    // A missing group: the old village name's other estates (there only for the community) would outrank the village.
    const rest = candidates.filter((c) => !family.has(c.estate) && !(group && c.via === 'alias'));
    if (n !== null) for (const c of rest) for (const id of this.estates[c.estate]!.byNumber.get(n) ?? []) add(c, id, n, (1 - NUMBER_WEIGHT) * c.fit + NUMBER_WEIGHT);
    // Other buildings of the best estates fill the list (a number may be missing from the query).
    const placeShare = n === null ? 1 : 1 - NUMBER_WEIGHT;
    for (const c of rest.slice(0, limit)) {
      const e = this.estates[c.estate]!;
      const numbers = [...e.byNumber.keys()].sort((a, b) => a - b);
      for (const k of numbers.slice(0, limit)) for (const id of e.byNumber.get(k)!) add(c, id, k, placeShare * c.fit);
      for (const id of e.unnumbered.slice(0, limit)) add(c, id, Number.MAX_SAFE_INTEGER, placeShare * c.fit);
    }
    scored.sort((a, b) => b.score - a.score || a.number - b.number || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const first = scored[0];
    const ties = first ? scored.filter((s) => s.score === first.score).length : 0;
    for (const s of scored.slice(0, Math.max(0, limit - out.length))) {
      const score = round(s.score);
      const numbered = n !== null && s.number === n;
      const reasons = this.reasonsOf(s.c, score);
      if (n === null) reasons.push({ code: 'lookup_estate_only', params: { estate: this.estates[s.c.estate]!.shown } });
      else if (!numbered) reasons.push({ code: 'lookup_other_number', params: { asked: `${n}${this.estates[s.c.estate]!.marker}` } });
      if (ties > 1 && s.score === first!.score) reasons.push({ code: 'lookup_ambiguous', params: { count: ties } });
      const certain = out.length === 0 && s.c.via === 'name' && score >= CERTAIN_SCORE && numbered && reasons.length === 0;
      out.push({
        buildingId: s.id, estateLevel: false, estateAddress: this.estates[s.c.estate]!.head, score,
        match: kindOf(s.c, score), certainty: certain ? 'exact' : 'approximate', reasons,
      });
    }
    return out;
  }

  private estateLevel(e: Estate, top: Candidate, missing: { asked: string; estate: string; has: string }, score: number): Ranked {
    const numbers = [...e.byNumber.keys()].sort((a, b) => a - b);
    const buildingId = e.byNumber.get(numbers[0]!)?.[0] ?? e.unnumbered[0]!;
    const s = round(score);
    return {
      buildingId, estateLevel: true, estateAddress: e.head, score: s, match: kindOf(top, s), certainty: 'approximate',
      reasons: [{ code: 'lookup_missing_part', params: missing }, ...this.reasonsOf(top, 1)], missing,
    };
  }

  /** Why a candidate is not certain by the way it was found. */
  private reasonsOf(c: Candidate, score: number): Reason[] {
    const name = this.estates[c.estate]!.shown;
    if (c.via === 'alias') return [{ code: 'lookup_old_name', params: { alias: c.by, community: this.communityOf(c.estate) } }];
    if (c.via === 'pinyin') return [{ code: c.latin ? 'lookup_pinyin' : 'lookup_sound_alike', params: { name } }];
    if (c.via === 'initials') return [{ code: 'lookup_pinyin', params: { name } }];
    if (c.fit < 1 && score < CERTAIN_SCORE) return [{ code: 'lookup_fuzzy_name', params: { name, score: round(c.fit) } }];
    return [];
  }

  private communityOf(estate: number): string {
    const e = this.estates[estate]!;
    const word = [...e.words].find((w) => w.endsWith(e.name) && w !== e.name);
    return word ? word.slice(0, word.length - e.name.length) : '';
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function kindOf(c: Candidate, score: number): Ranked['match'] {
  if (c.via === 'alias') return 'alias';
  return c.fit >= 1 && score >= 1 ? 'exact' : 'fuzzy';
}

/** The place words with each other usual suffix (or none, or one added). */
function suffixVariants(place: string): string[] {
  const suffix = SUFFIXES.find((s) => place.endsWith(s) && place.length > s.length + 1);
  const stem = suffix ? place.slice(0, -suffix.length) : place;
  return [stem, ...SUFFIXES.map((s) => stem + s)].filter((v) => v !== place && [...v].length >= 2);
}

/**
 * Canonical names that prefix every address and weigh nothing: the province and city the register
 * writes before the town (with and without 省/市), and the towns.
 */
function prefixesOf(source: IndexSource): string[] {
  const towns = source.towns.map((t) => canonicalAddress(t.name));
  const sample = source.buildings.find((b) => towns.some((t) => canonicalAddress(b.address).includes(t)));
  let head = '';
  if (sample) {
    const canonical = canonicalAddress(sample.address);
    const at = Math.min(...towns.map((t) => canonical.indexOf(t)).filter((i) => i >= 0));
    head = canonical.slice(0, at);
  }
  const split = /^(.+?省)?(.+?市)?$/u.exec(head);
  const names = [split?.[1], split?.[2]].filter((p): p is string => !!p);
  // Residents write 滨江 for 滨江市, but a bare name that begins an estate's name (滨江花苑) is that estate's.
  const estates = source.estates.map((e) => canonicalAddress(e.name));
  const bare = names.map((p) => p.slice(0, -1)).filter((p) => !estates.some((e) => e.startsWith(p)));
  return [...names, ...bare, head, ...towns].filter((p) => p.length >= 2);
}
