// The shapes a stored request is shown in: the resident's (by ticket, public entries only, no
// personal data), a list row, and the detail for staff with the resident's name and phone
// masked. Built field by field, never from a spread row, so a new column cannot leak.
import { assignsRequest, handlesRequest, reopensRequest, requesterAccess } from '../../domain/jurisdiction';
import { maskName, maskPhone } from '../../domain/masking';
import { isOverdue } from '../../domain/requests';
import type { AuthUser } from '../auth/service';
import { placeOf, timingOf, type StoredRequest } from './store';
import type { PublicRequest, RequestDetail, RequestSummary, RequestUpdate } from './types';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function publicView(r: StoredRequest, history: RequestUpdate[]): PublicRequest {
  return {
    ticket: r.id,
    status: r.status,
    category: r.category,
    createdAt: iso(r.createdAt),
    updates: history.filter((u) => u.public).map((u) => ({ at: u.at, status: u.status, text: u.text ?? '' })),
    rating: r.rating,
  };
}

export function summaryOf(r: StoredRequest, now: number): RequestSummary {
  return {
    id: r.id,
    category: r.category,
    channel: r.channel,
    status: r.status,
    summary: r.text === null ? null : (r.text.split('\n')[0] ?? '').slice(0, 80),
    address: r.address,
    area: r.area,
    community: r.community,
    town: r.town,
    createdAt: iso(r.createdAt),
    respondBy: iso(r.respondBy),
    closeBy: iso(r.closeBy),
    escalation: r.escalation,
    overdue: isOverdue(timingOf(r), now),
    rating: r.rating,
    version: r.version,
  };
}

export function detailOf(r: StoredRequest, history: RequestUpdate[], viewer: AuthUser, now: number): RequestDetail {
  const place = placeOf(r);
  return {
    ...summaryOf(r, now),
    text: r.text,
    location: r.location,
    buildingId: r.buildingId,
    requester: {
      name: r.requesterName === null ? null : maskName(r.requesterName),
      phone: r.requesterPhone === null ? null : maskPhone(r.requesterPhone),
      revealable: (r.requesterName !== null || r.requesterPhone !== null) && requesterAccess(viewer, place) === 'revealable',
    },
    consent: r.consent,
    filedBy: r.filedBy,
    respondedAt: isoOrNull(r.respondedAt),
    closedAt: isoOrNull(r.closedAt),
    townBy: iso(r.townBy),
    reopened: r.reopened,
    purged: r.purgedAt !== null,
    updates: history,
    can: {
      handle: handlesRequest(viewer, place),
      // Whether the page offers the area picker; the target area's town is judged when it is named.
      assign: assignsRequest(viewer, place, place.townId ?? ''),
      reopen: reopensRequest(viewer, place),
    },
  };
}
