// The public resident page's reads: one area's card (the QR code), or the cards of the areas
// an address search finds. Only PublicCard (and the matched address) leaves here.
import { distanceM } from '../../analysis/distance';
import type { AppContext } from '../../context';
import { notFound } from '../../http/errors';
import { cardsOfAreas } from '../cards/query';
import { MATCH_THRESHOLD, searchAddresses } from '../lookup/service';
import type { Caveat, Certainty, MissingPart } from '../lookup/types';
import { publicCard, type PublicCard } from './card';

/** A resident picks their own address from a handful; more would only help a scraper. */
export const PUBLIC_RESULTS = 5;

export interface PublicMatch {
  /** The building's postal address that matched what the resident typed. */
  address: string;
  card: PublicCard;
  /** `approximate` asks the resident to check (请核对), the caveats saying why; absent on a QR code's card. */
  certainty?: Certainty;
  caveats?: Caveat[];
}

/** The resident page's answer: the matches, and what of the address names nothing real (没有找到 50 幢). */
export interface PublicLookup {
  results: PublicMatch[];
  missing?: MissingPart;
}

export async function publicAreaCard(ctx: AppContext, areaId: string): Promise<PublicCard> {
  const [row] = await cardsOfAreas(ctx, [areaId]);
  if (!row) throw notFound('area', areaId);
  return publicCard(row);
}

/**
 * Good matches only (as the batch matcher judges them), each with its area's card, the distance
 * from the resident's building: one card after an exact hit, one card an area otherwise. A part
 * of the address that names nothing real is said, with no card (the estate's buildings may lie
 * in several areas: a card would guess).
 */
export async function publicLookup(ctx: AppContext, q: string): Promise<PublicLookup> {
  const all = await searchAddresses(ctx, q, PUBLIC_RESULTS);
  const missing = all[0]?.missing;
  const found = all.filter((r) => r.address && (r.score ?? 0) >= MATCH_THRESHOLD);
  const buildings = found.filter((r) => r.building);
  const shown = buildings[0]?.certainty === 'exact' ? buildings.slice(0, 1) : buildings.filter((r, i) => buildings.findIndex((x) => x.area.id === r.area.id) === i);
  const rows = new Map((await cardsOfAreas(ctx, shown.map((r) => r.area.id))).map((row) => [row.area.id, row]));
  const results = shown.flatMap((r) => {
    const row = rows.get(r.area.id);
    if (!row) return [];
    const card = publicCard(row, row.centre ? distanceM(r.location, row.centre.location) : undefined);
    return [{ address: r.address!, card, certainty: r.certainty, caveats: r.caveats }];
  });
  return missing ? { results, missing } : { results };
}
