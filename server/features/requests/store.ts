// Requests as stored: one row with the names of where it lies, read for a list, a detail or a
// change (locked); and its history, to which every step adds one row with the version it made.
import type { Knex } from 'knex';
import type { RequestCategory } from '../../domain/request-categories';
import type { Escalation, RequestChannel, RequestEvent, RequestStatus, Timing } from '../../domain/requests';
import type { Within } from '../../db/write';
import type { Named, RequestUpdate } from './types';

/** A request as the services use it, times in milliseconds. */
export interface StoredRequest {
  id: string;
  category: RequestCategory;
  channel: RequestChannel;
  status: RequestStatus;
  text: string | null;
  address: string | null;
  location: [number, number] | null;
  buildingId: string | null;
  area: Named | null;
  community: Named | null;
  town: Named | null;
  requesterName: string | null;
  requesterPhone: string | null;
  consent: boolean;
  filedBy: string | null;
  createdAt: number;
  respondBy: number;
  closeBy: number;
  townBy: number;
  respondedAt: number | null;
  closedAt: number | null;
  escalation: Escalation;
  rating: number | null;
  ratedAt: number | null;
  reopened: number;
  purgedAt: number | null;
  version: number;
}

/** Where it lies, for the jurisdiction rules. */
export const placeOf = (r: StoredRequest) => ({ townId: r.town?.id ?? null, areaId: r.area?.id ?? null });
export const timingOf = (r: StoredRequest): Timing => ({ status: r.status, respondBy: r.respondBy, closeBy: r.closeBy, townBy: r.townBy, respondedAt: r.respondedAt });

// Names come from the grid as it is now; an area deleted since keeps its id, named by it.
export const REQUEST_FROM = `requests r
  LEFT JOIN contracted_areas a ON a.region = r.region AND a.id = r.area_id
  LEFT JOIN communities c ON c.region = r.region AND c.id = r.community_id
  LEFT JOIN towns t ON t.region = r.region AND t.id = r.town_id`;

export const REQUEST_COLUMNS = `r.id, r.category, r.channel, r.status, r.text, r.address,
  ST_X(r.location) AS lng, ST_Y(r.location) AS lat, r.building_id, r.area_id, r.community_id, r.town_id,
  a.name AS area_name, a.name_en AS area_name_en, c.name AS community_name, c.name_en AS community_name_en,
  t.name AS town_name, t.name_en AS town_name_en,
  r.requester_name, r.requester_phone, r.consent, r.filed_by, r.created_at, r.respond_by, r.close_by, r.town_by,
  r.responded_at, r.closed_at, r.escalation, r.rating, r.rated_at, r.reopened, r.purged_at, r.version`;

type Row = Record<string, unknown>;
const ms = (v: unknown): number | null => (v === null || v === undefined ? null : new Date(v as string).getTime());
const named = (id: unknown, name: unknown, nameEn: unknown): Named | null =>
  id === null || id === undefined ? null : { id: String(id), name: String(name ?? id), nameEn: String(nameEn ?? name ?? id) };

export function toStored(r: Row): StoredRequest {
  return {
    id: String(r.id),
    category: r.category as RequestCategory,
    channel: r.channel as RequestChannel,
    status: r.status as RequestStatus,
    text: (r.text as string | null) ?? null,
    address: (r.address as string | null) ?? null,
    location: r.lng === null || r.lng === undefined ? null : [Number(r.lng), Number(r.lat)],
    buildingId: (r.building_id as string | null) ?? null,
    area: named(r.area_id, r.area_name, r.area_name_en),
    community: named(r.community_id, r.community_name, r.community_name_en),
    town: named(r.town_id, r.town_name, r.town_name_en),
    requesterName: (r.requester_name as string | null) ?? null,
    requesterPhone: (r.requester_phone as string | null) ?? null,
    consent: Boolean(r.consent),
    filedBy: (r.filed_by as string | null) ?? null,
    createdAt: ms(r.created_at)!,
    respondBy: ms(r.respond_by)!,
    closeBy: ms(r.close_by)!,
    townBy: ms(r.town_by)!,
    respondedAt: ms(r.responded_at),
    closedAt: ms(r.closed_at),
    escalation: Number(r.escalation) as Escalation,
    rating: r.rating === null || r.rating === undefined ? null : Number(r.rating),
    ratedAt: ms(r.rated_at),
    reopened: Number(r.reopened),
    purgedAt: ms(r.purged_at),
    version: Number(r.version),
  };
}

/** The request, or undefined; `lock` holds its row until the transaction ends. */
export async function findRequest(k: Knex, region: string, id: string, lock = false): Promise<StoredRequest | undefined> {
  const { rows } = await k.raw(`SELECT ${REQUEST_COLUMNS} FROM ${REQUEST_FROM} WHERE r.region = ? AND r.id = ? ${lock ? 'FOR UPDATE OF r' : ''}`, [region, id]);
  return rows[0] ? toStored(rows[0]) : undefined;
}

export async function readHistory(k: Knex, region: string, id: string): Promise<RequestUpdate[]> {
  const rows = await k('request_updates').where({ region, request_id: id }).orderBy('seq');
  return rows.map((u: Row) => ({
    seq: Number(u.seq),
    at: new Date(u.at as string).toISOString(),
    event: u.event as RequestEvent,
    status: u.status as RequestStatus,
    text: (u.text as string | null) ?? null,
    public: Boolean(u.public),
    actor: (u.actor as string | null) ?? 'system',
    version: Number(u.version),
    detail: (typeof u.detail === 'string' ? JSON.parse(u.detail) : u.detail) as Record<string, unknown>,
  }));
}

export interface Entry {
  at: Date;
  event: RequestEvent;
  status: RequestStatus;
  text?: string | null;
  public: boolean;
  /** A username; 'resident' for the public page; 'system' for escalation and purge. */
  actor: string;
  version: number;
  detail?: Record<string, unknown>;
}

/** Adds one entry to the request's history; the caller holds the request's row lock, so seq is its own. */
export async function appendEntry({ trx, touch }: Within, region: string, requestId: string, e: Entry): Promise<void> {
  const { rows } = await trx.raw(
    `INSERT INTO request_updates (region, request_id, seq, at, event, status, text, public, actor, version, detail)
     SELECT ?, ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ?::jsonb FROM request_updates WHERE region = ? AND request_id = ?
     RETURNING seq`,
    [region, requestId, e.at.toISOString(), e.event, e.status, e.text ?? null, e.public, e.actor, e.version, JSON.stringify(e.detail ?? {}), region, requestId],
  );
  touch('request_updates', { region, request_id: requestId, seq: Number(rows[0].seq) });
}
