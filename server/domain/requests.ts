// A resident's request (社情民意) from filing to closing: its statuses (the public contract's
// words), the steps people take and which status each needs and leaves, when a request is late
// and how far up it has gone, and the ticket a resident follows it by. Server, page and the
// demo generator judge a request by these functions only.

export const REQUEST_STATUSES = ['received', 'assigned', 'in_progress', 'closed', 'reopened'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_STATUS_NAMES: Record<RequestStatus, { zh: string; en: string }> = {
  received: { zh: '已受理', en: 'Received' },
  assigned: { zh: '已派给片区负责人', en: 'Assigned to the area lead' },
  in_progress: { zh: '办理中', en: 'In progress' },
  closed: { zh: '已办结', en: 'Closed' },
  reopened: { zh: '已重新办理', en: 'Reopened' },
};

/** How a request came in: the resident page, the service hall, the hotline, a lead's visit. */
export const REQUEST_CHANNELS = ['public', 'hall', 'hotline', 'diary'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

export const REQUEST_CHANNEL_NAMES: Record<RequestChannel, { zh: string; en: string }> = {
  public: { zh: '居民扫码', en: 'Resident page' },
  hall: { zh: '服务大厅', en: 'Service hall' },
  hotline: { zh: '热线电话', en: 'Hotline' },
  diary: { zh: '民情日记', en: 'Visit diary' },
};

/**
 * What people do to a request after it is filed. accept, reply, note and close are the lead's
 * (or the community's when the lead is away); assign places or moves it (the community, or hall
 * staff for one the look-up could not place); reopen is the community's; rate is the resident's.
 */
export const REQUEST_STEPS = ['accept', 'reply', 'note', 'close', 'assign', 'reopen', 'rate'] as const;
export type RequestStep = (typeof REQUEST_STEPS)[number];

/** Every entry of a request's history: the steps, and what the system does (filing, escalation, purge). */
export type RequestEvent = RequestStep | 'filed' | 'escalated' | 'purged';

const OPEN: readonly RequestStatus[] = ['received', 'assigned', 'in_progress', 'reopened'];
const HANDLED: readonly RequestStatus[] = ['assigned', 'in_progress', 'reopened'];

/** For each step, the statuses it may start from and the status it leaves (`same`: unchanged). */
export const TRANSITIONS: Record<RequestStep, { from: readonly RequestStatus[]; to: RequestStatus | 'same' }> = {
  accept: { from: ['assigned', 'reopened'], to: 'in_progress' },
  // An answer is a response: it takes the request on if nobody had.
  reply: { from: HANDLED, to: 'in_progress' },
  note: { from: HANDLED, to: 'same' },
  close: { from: HANDLED, to: 'closed' },
  assign: { from: OPEN, to: 'assigned' },
  reopen: { from: ['closed'], to: 'reopened' },
  rate: { from: ['closed'], to: 'same' },
};

/** The status a step leaves, or null when the request is not in a status the step may start from. */
export function nextStatus(step: RequestStep, status: RequestStatus): RequestStatus | null {
  const t = TRANSITIONS[step];
  if (!t.from.includes(status)) return null;
  return t.to === 'same' ? status : t.to;
}

export const isOpen = (status: RequestStatus): boolean => status !== 'closed';

/** Steps that count as the first response to the resident (the response deadline's test). */
export const RESPONDS: readonly RequestStep[] = ['accept', 'reply', 'close'];

/** Days after closing (and after a visit) when the personal fields go, unless configured (GRIDMAP_REQUEST_PURGE_DAYS). */
export const DEFAULT_PURGE_DAYS = 180;

/** Below this a resident may ask for the request to be handled again when rating it. */
export const REOPEN_BELOW_RATING = 3;
export const RATINGS = [1, 2, 3, 4, 5] as const;

/** How far up a late request has gone: 0 stays with the lead, 1 the community, 2 the town. */
export type Escalation = 0 | 1 | 2;
export const ESCALATION_NAMES: Record<Escalation, { zh: string; en: string }> = {
  0: { zh: '片区', en: 'Area' },
  1: { zh: '已上报社区', en: 'Raised to the community' },
  2: { zh: '已上报镇（街道）', en: 'Raised to the town' },
};

/** What lateness is judged on; times in milliseconds since the epoch. */
export interface Timing {
  status: RequestStatus;
  respondBy: number;
  closeBy: number;
  townBy: number;
  respondedAt: number | null;
}

/**
 * The level an open request should be at `now`: the town once past its town deadline; the
 * community once it missed its response or closing deadline; else its lead. A closed request
 * is late no more.
 */
export function escalationDue(t: Timing, now: number): Escalation {
  if (!isOpen(t.status)) return 0;
  if (now >= t.townBy) return 2;
  if ((t.respondedAt === null && now >= t.respondBy) || now >= t.closeBy) return 1;
  return 0;
}

/** Whether a request is late now: it missed a deadline and is still open. */
export const isOverdue = (t: Timing, now: number): boolean => escalationDue(t, now) > 0;

/** Answered in time: the first response came by the deadline. Null while it may still. */
export function respondedOnTime(t: Pick<Timing, 'respondBy' | 'respondedAt'>, now: number): boolean | null {
  if (t.respondedAt !== null) return t.respondedAt <= t.respondBy;
  return now > t.respondBy ? false : null;
}

/** Closed in time: closed by the deadline. Null while open and not yet late. */
export function closedOnTime(t: { closeBy: number; closedAt: number | null }, now: number): boolean | null {
  if (t.closedAt !== null) return t.closedAt <= t.closeBy;
  return now > t.closeBy ? false : null;
}

/**
 * Tickets: eight characters a resident can read out over the phone, without 0/O, 1/I/L or U;
 * shown as two groups of four (K7M2-Q9PX). 30⁸ ≈ 6.6 × 10¹¹ codes, behind the resident page's
 * rate limit, so guessing one is hopeless.
 */
export const TICKET_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TICKET_LENGTH = 8;
const TICKET = new RegExp(`^[${TICKET_ALPHABET}]{4}-[${TICKET_ALPHABET}]{4}$`);

/** A ticket from random numbers in [0, 1) or bytes: one character per value. */
export function ticketFrom(values: ArrayLike<number>): string {
  const chars = Array.from({ length: TICKET_LENGTH }, (_, i) => {
    const v = values[i] ?? 0;
    const n = v < 1 ? Math.floor(v * TICKET_ALPHABET.length) : v % TICKET_ALPHABET.length;
    return TICKET_ALPHABET[n]!;
  });
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** What a resident typed, as the ticket it means: case, spaces and the dash do not matter. */
export function normaliseTicket(typed: string): string | null {
  const plain = typed.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
  const ticket = `${plain.slice(0, 4)}-${plain.slice(4)}`;
  return TICKET.test(ticket) ? ticket : null;
}
