// Writes a generated year of requests, their histories and the leads' visits, in one
// transaction, as seed.ts writes the city: rows travel as one JSON parameter per chunk.
import type { Knex } from 'knex';
import type { SeededYear } from '../../data/year';

const CHUNK = 4000;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

async function insertJson(trx: Knex.Transaction, sql: string, rows: object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await trx.raw(sql, [JSON.stringify(rows.slice(i, i + CHUNK))]);
}

export async function loadYear(knex: Knex, region: string, year: SeededYear): Promise<void> {
  // The region is written into the SQL text below, so it must be a plain code (as loadCity checks).
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(region)) throw new Error(`region code "${region}" is not a plain code`);
  await knex.transaction(async (trx) => {
    await insertJson(
      trx,
      `INSERT INTO requests (region, id, category, channel, status, text, address, location, building_id, area_id, community_id, town_id,
                             requester_name, requester_phone, consent, filed_by, created_at, respond_by, close_by, town_by, responded_at,
                             closed_at, escalation, escalated_at, rating, rated_at, reopened, purged_at, version, updated_at, updated_by)
       SELECT '${region}', id, category, channel, status, text, address, ST_SetSRID(ST_MakePoint(lng, lat), 4326), "buildingId", "areaId", "communityId", "townId",
              "requesterName", "requesterPhone", consent, CASE WHEN channel = 'public' THEN NULL ELSE 'system' END, "createdAt", "respondBy", "closeBy", "townBy", "respondedAt",
              "closedAt", escalation, "escalatedAt", rating, "ratedAt", reopened, "purgedAt", version, "updatedAt", 'system'
       FROM jsonb_to_recordset(?::jsonb) AS x(id text, category text, channel text, status text, text text, address text, lng float8, lat float8,
              "buildingId" text, "areaId" text, "communityId" text, "townId" text, "requesterName" text, "requesterPhone" text, consent boolean,
              "createdAt" timestamptz, "respondBy" timestamptz, "closeBy" timestamptz, "townBy" timestamptz, "respondedAt" timestamptz,
              "closedAt" timestamptz, escalation smallint, "escalatedAt" timestamptz, rating smallint, "ratedAt" timestamptz, reopened int,
              "purgedAt" timestamptz, version int, "updatedAt" timestamptz)`,
      year.requests.map((r) => ({
        ...r, lng: r.location[0], lat: r.location[1],
        createdAt: iso(r.createdAt), respondBy: iso(r.respondBy), closeBy: iso(r.closeBy), townBy: iso(r.townBy), respondedAt: iso(r.respondedAt),
        closedAt: iso(r.closedAt), escalatedAt: iso(r.escalatedAt), ratedAt: iso(r.ratedAt), purgedAt: iso(r.purgedAt), updatedAt: iso(r.updatedAt),
      })),
    );
    await insertJson(
      trx,
      `INSERT INTO request_updates (region, request_id, seq, at, event, status, text, public, actor, version, detail)
       SELECT '${region}', "requestId", seq, at, event, status, text, public, actor, version, detail
       FROM jsonb_to_recordset(?::jsonb) AS x("requestId" text, seq int, at timestamptz, event text, status text, text text, public boolean,
              actor text, version int, detail jsonb)`,
      year.updates.map((u) => ({ ...u, at: iso(u.at) })),
    );
    await insertJson(
      trx,
      `INSERT INTO visits (region, id, area_id, building_id, household, visited_on, heard, follow_up, request_id, lead_name, created_at, updated_at, updated_by)
       SELECT '${region}', id, "areaId", "buildingId", household, "visitedOn", heard, "followUp", "requestId", "leadName", "createdAt", "createdAt", 'system'
       FROM jsonb_to_recordset(?::jsonb) AS x(id text, "areaId" text, "buildingId" text, household text, "visitedOn" date, heard text,
              "followUp" text, "requestId" text, "leadName" text, "createdAt" timestamptz)`,
      year.visits.map((v) => ({ ...v, createdAt: iso(v.createdAt) })),
    );
  });
  await knex.raw('ANALYZE requests');
  await knex.raw('ANALYZE request_updates');
  await knex.raw('ANALYZE visits');
}
