// Service cards (staff) and the public resident page: the wrappers of /api/cards and /api/public.
import type { CommunityCards } from '../../../server/features/cards/service';
import type { PublicCard } from '../../../server/features/public/card';
import type { PublicLookup, PublicMatch } from '../../../server/features/public/service';
import { requestJson } from './client';

export type { CommunityCards, PublicCard, PublicLookup, PublicMatch };
export type ServiceCard = CommunityCards['cards'][number];

export const fetchCommunityCards = (communityId: string) =>
  requestJson<CommunityCards>('GET', `/api/cards/community/${encodeURIComponent(communityId)}`);

export const fetchPublicArea = (areaId: string) => requestJson<PublicCard>('GET', `/api/public/areas/${encodeURIComponent(areaId)}`);

/** The matches, and the part of the address that names nothing real (没有找到 50幢) when there is one. */
export const lookupPublic = (q: string) => requestJson<PublicLookup>('GET', `/api/public/lookup?${new URLSearchParams({ q })}`);
