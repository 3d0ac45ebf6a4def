// The public resident page's reads: one area's card (the QR code), or the cards of the areas
// an address search finds. Only PublicCard (and the matched address) leaves here.
import { distanceM } from '../../analysis/distance';
import type { AppContext } from '../../context';
import { notFound } from '../../http/errors';
import { cardsOfAreas } from '../cards/query';
import { MATCH_THRESHOLD, searchAddresses } from '../lookup/service';
import { publicCard, type PublicCard } from './card';

/** A resident picks their own address from a handful; more would only help a scraper. */
export const PUBLIC_RESULTS = 5;

export interface PublicMatch {
  /** The building's postal address that matched what the resident typed. */
  address: string;
  card: PublicCard;
}

export async function publicAreaCard(ctx: AppContext, areaId: string): Promise<PublicCard> {
  const [row] = await cardsOfAreas(ctx, [areaId]);
  if (!row) throw notFound(`area "${areaId}"`);
  return publicCard(row);
}

/** Good matches only (as the batch matcher judges them), each with its area's card; the distance is from the resident's building. */
export async function publicLookup(ctx: AppContext, q: string): Promise<PublicMatch[]> {
  const found = (await searchAddresses(ctx, q, PUBLIC_RESULTS)).filter((r) => r.address && (r.score ?? 0) >= MATCH_THRESHOLD);
  const rows = new Map((await cardsOfAreas(ctx, [...new Set(found.map((r) => r.area.id))])).map((row) => [row.area.id, row]));
  return found.flatMap((r) => {
    const row = rows.get(r.area.id);
    if (!row) return [];
    return [{ address: r.address!, card: publicCard(row, row.centre ? distanceM(r.location, row.centre.location) : undefined) }];
  });
}
