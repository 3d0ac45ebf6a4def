// Service cards (staff) and the public resident page: the wrappers of /api/cards and /api/public.
import type { CommunityCards } from '../../server/features/cards/service';
import type { PublicCard } from '../../server/features/public/card';
import type { PublicMatch } from '../../server/features/public/service';
import { requestJson } from './client';

export type { CommunityCards, PublicCard, PublicMatch };
export type ServiceCard = CommunityCards['cards'][number];

export const fetchCommunityCards = (communityId: string) =>
  requestJson<CommunityCards>('GET', `/api/cards/community/${encodeURIComponent(communityId)}`);

export const fetchPublicArea = (areaId: string) => requestJson<PublicCard>('GET', `/api/public/areas/${encodeURIComponent(areaId)}`);

export const lookupPublic = async (q: string) =>
  (await requestJson<{ results: PublicMatch[] }>('GET', `/api/public/lookup?${new URLSearchParams({ q })}`)).results;
