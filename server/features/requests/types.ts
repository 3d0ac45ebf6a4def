// What goes on the wire for residents' requests: the resident's view by ticket (the public
// contract's shape), the staff's list and detail (personal fields masked unless revealed), the
// leaders' figures and the map's points. The client imports these as types.
import type { RequestCategory } from '../../domain/request-categories';
import type { Escalation, RequestChannel, RequestEvent, RequestStatus } from '../../domain/requests';

/** GET /api/public/requests/{ticket}: no personal data, only the steps the resident may read. */
export interface PublicRequest {
  ticket: string;
  status: RequestStatus;
  category: RequestCategory;
  createdAt: string;
  updates: Array<{ at: string; status: RequestStatus; text: string }>;
  /** The resident's rating of the latest closing, null until given (beyond the contract's fields). */
  rating: number | null;
}

export interface Named {
  id: string;
  name: string;
  nameEn: string;
}

/** One entry of a request's history, as staff read it. */
export interface RequestUpdate {
  seq: number;
  at: string;
  event: RequestEvent;
  status: RequestStatus;
  text: string | null;
  /** Whether the resident sees it (replies and the closing answer). */
  public: boolean;
  /** Who took the step: a username, 'resident', or 'system'. */
  actor: string;
  version: number;
  detail: Record<string, unknown>;
}

/** A request in a list: enough to sort and pick, nothing personal. */
export interface RequestSummary {
  id: string;
  category: RequestCategory;
  channel: RequestChannel;
  status: RequestStatus;
  /** The first line of the description; null once purged. */
  summary: string | null;
  address: string | null;
  area: Named | null;
  community: Named | null;
  town: Named | null;
  createdAt: string;
  respondBy: string;
  closeBy: string;
  escalation: Escalation;
  overdue: boolean;
  rating: number | null;
  version: number;
}

/** One request in full, for those who read it; the resident's name and phone masked. */
export interface RequestDetail extends RequestSummary {
  text: string | null;
  location: [number, number] | null;
  buildingId: string | null;
  requester: { name: string | null; phone: string | null; revealable: boolean };
  consent: boolean;
  filedBy: string | null;
  respondedAt: string | null;
  closedAt: string | null;
  townBy: string;
  reopened: number;
  purged: boolean;
  updates: RequestUpdate[];
  /** What this viewer may do now, so the page offers only those buttons. */
  can: { handle: boolean; assign: boolean; reopen: boolean };
}

/** The list's answer: the requests and how many of them wait in each state. */
export interface RequestList {
  requests: RequestSummary[];
  counts: { assigned: number; in_progress: number; reopened: number; received: number; overdue: number };
  /** More matched than the limit: ask with `before` the last one's createdAt. */
  more: boolean;
}

/** The leaders' figures of one unit (area, community or town) over a period. */
export interface RequestFigures {
  level: 'area' | 'community' | 'town';
  id: string;
  name: string;
  nameEn: string;
  /** The community's or town's name above an area, for the table. */
  parent: string | null;
  requests: number;
  open: number;
  overdue: number;
  /** Answered by the response deadline, of those answered or past it; null when none is. */
  respondedOnTime: number | null;
  closedOnTime: number | null;
  /** Median hours from filing to closing, of those closed. */
  medianHoursToClose: number | null;
  /** Mean rating (1–5) and how many rated. */
  satisfaction: number | null;
  rated: number;
  /** Share of the unit's buildings visited in the last 30 and 90 days. */
  visited30: number | null;
  visited90: number | null;
  buildings: number;
}

export interface FiguresAnswer {
  level: RequestFigures['level'];
  from: string;
  to: string;
  rows: RequestFigures[];
  /** All of the selection (the city, or the town or community asked for) over the same period. */
  total: Omit<RequestFigures, 'level' | 'id' | 'name' | 'nameEn' | 'parent'>;
  overdue: RequestSummary[];
}

/** The map's points: [lng, lat, category index, status index], nothing else. */
export interface RequestPoints {
  categories: readonly RequestCategory[];
  statuses: readonly RequestStatus[];
  points: Array<[number, number, number, number]>;
}
