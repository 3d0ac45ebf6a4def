// The public resident page's reads: one area's card (the QR code), or the cards of the areas
// an address search finds. Only PublicCard leaves here.
import type { AppContext } from '../../context';
import { notFound } from '../../http/errors';
import { cardsOfAreas } from '../cards/query';
import { publicCard, type PublicCard } from './card';

export async function publicAreaCard(ctx: AppContext, areaId: string): Promise<PublicCard> {
  const [row] = await cardsOfAreas(ctx, [areaId]);
  if (!row) throw notFound(`area "${areaId}"`);
  return publicCard(row);
}
