// The shape of a generated year of residents' requests and leads' visits on a generated city:
// plain rows with times in milliseconds since the epoch, handed to the seed loader
// (server/db/seed-year.ts). Personal fields are null where the purge would have removed them.
import type { RequestCategory } from '../server/domain/request-categories.js';
import type { Escalation, RequestChannel, RequestEvent, RequestStatus } from '../server/domain/requests.js';

export interface SeedRequest {
  id: string; // the ticket
  category: RequestCategory;
  channel: RequestChannel;
  status: RequestStatus;
  text: string | null;
  address: string | null;
  location: [number, number];
  buildingId: string | null;
  areaId: string;
  communityId: string;
  townId: string;
  requesterName: string | null;
  requesterPhone: string | null;
  consent: boolean;
  createdAt: number;
  respondBy: number;
  closeBy: number;
  townBy: number;
  respondedAt: number | null;
  closedAt: number | null;
  escalation: Escalation;
  escalatedAt: number | null;
  rating: number | null;
  ratedAt: number | null;
  reopened: number;
  purgedAt: number | null;
  version: number;
  updatedAt: number;
}

export interface SeedUpdate {
  requestId: string;
  seq: number;
  at: number;
  event: RequestEvent;
  status: RequestStatus;
  text: string | null;
  public: boolean;
  actor: string;
  version: number;
  detail: Record<string, unknown>;
}

export interface SeedVisit {
  id: string;
  areaId: string;
  buildingId: string;
  household: string | null;
  visitedOn: string; // YYYY-MM-DD
  heard: string;
  followUp: string | null;
  requestId: string | null;
  leadName: string;
  createdAt: number;
}

export interface SeededYear {
  requests: SeedRequest[];
  updates: SeedUpdate[];
  visits: SeedVisit[];
}
