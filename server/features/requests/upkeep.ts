// What happens to requests with time, run at start and then every few minutes: a late request
// goes up to its community, then its town (a versioned, audited step by 'system', shown in the
// history and the lists); and a while after closing (GRIDMAP_REQUEST_PURGE_DAYS) the resident's
// name, phone, address and words are deleted, and the location blurred to about 100 m, so the
// figures and the map keep counting it. Visits lose their household and words the same way.
// Time is the context's clock, so tests move it instead of waiting.
import type { AppContext } from '../../context';
import { nowOf } from '../../context';
import { escalationDue, type Escalation } from '../../domain/requests';
import { audit } from '../audit/service';
import { idArray, OVERDUE_SQL } from './list';
import type { RequestSettings } from './settings';
import { appendEntry, findRequest, timingOf } from './store';

const DAY_MS = 86_400_000;
/** How often the upkeep runs: a late request is raised within this much of its deadline. */
export const UPKEEP_EVERY_MS = 5 * 60_000;
/** Requests raised in one write; a first run after a long stop may find many. */
const BATCH = 200;

/** Raises every open request to the level its lateness calls for; returns how many moved. */
export async function escalateOverdue(ctx: AppContext): Promise<number> {
  const { region } = ctx;
  const now = nowOf(ctx);
  const { rows } = await ctx.db.knex.raw(
    `SELECT r.id FROM requests r CROSS JOIN (SELECT ?::timestamptz AS now) p
     WHERE r.region = ? AND r.escalation < 2 AND ${OVERDUE_SQL} ORDER BY r.id`,
    [now.toISOString(), region],
  );
  const ids = (rows as Array<{ id: string }>).map((r) => r.id);
  let moved = 0;
  for (let i = 0; i < ids.length; i += BATCH) {
    moved += await ctx.db.write(async (trx, touch) => {
      let n = 0;
      for (const id of ids.slice(i, i + BATCH)) {
        const r = await findRequest(trx, region, id, true);
        if (!r) continue;
        const level: Escalation = escalationDue(timingOf(r), now.getTime());
        if (level <= r.escalation) continue;
        const version = r.version + 1;
        await trx('requests')
          .where({ region, id })
          .update({ escalation: level, escalated_at: now.toISOString(), version, updated_at: now.toISOString(), updated_by: 'system' });
        touch('requests', { region, id });
        await appendEntry({ trx, touch }, region, id, { at: now, event: 'escalated', status: r.status, public: false, actor: 'system', version, detail: { level, from: r.escalation } });
        await audit(
          ctx,
          { action: 'request_escalate', actor: 'system', objectType: 'request', objectId: id, versionBefore: r.version, versionAfter: version, detail: { level, from: r.escalation } },
          { trx, touch },
        );
        n++;
      }
      return n;
    });
  }
  return moved;
}

/** Deletes the personal fields of requests closed, and visits made, more than `days` ago; returns both counts. */
export async function purgePersonal(ctx: AppContext, days: number): Promise<{ requests: number; visits: number }> {
  const { region } = ctx;
  const now = nowOf(ctx);
  const before = new Date(now.getTime() - days * DAY_MS).toISOString();
  return ctx.db.write(async (trx, touch) => {
    const requests: Array<{ id: string }> = await trx('requests')
      .where({ region, status: 'closed' })
      .whereNull('purged_at')
      .where('closed_at', '<', before)
      .update({
        requester_name: null,
        requester_phone: null,
        address: null,
        text: null,
        building_id: null,
        location: trx.raw('ST_SnapToGrid(location, 0.001)'),
        purged_at: now.toISOString(),
        version: trx.raw('version + 1'),
        updated_at: now.toISOString(),
        updated_by: 'system',
      })
      .returning('id');
    // Set-based: a first run after a long stop may find thousands, and each row a round trip would stall it.
    for (const { id } of requests) touch('requests', { region, id });
    const ids = idArray(requests.map((r) => r.id));
    const { rows: emptied } = await trx.raw(
      `UPDATE request_updates SET text = NULL WHERE region = ? AND request_id = ANY(?::text[]) AND text IS NOT NULL RETURNING request_id, seq`,
      [region, ids],
    );
    const { rows: noted } = await trx.raw(
      `INSERT INTO request_updates (region, request_id, seq, at, event, status, text, public, actor, version, detail)
       SELECT r.region, r.id, (SELECT coalesce(max(u.seq), 0) + 1 FROM request_updates u WHERE u.region = r.region AND u.request_id = r.id),
              ?, 'purged', r.status, NULL, false, 'system', r.version, ?::jsonb
       FROM requests r WHERE r.region = ? AND r.id = ANY(?::text[])
       RETURNING request_id, seq`,
      [now.toISOString(), JSON.stringify({ days }), region, ids],
    );
    for (const u of [...emptied, ...noted] as Array<{ request_id: string; seq: number }>) touch('request_updates', { region, request_id: u.request_id, seq: Number(u.seq) });
    const visits: Array<{ id: string }> = await trx('visits')
      .where({ region })
      .whereNull('purged_at')
      .where('visited_on', '<', before.slice(0, 10))
      .update({ household: null, heard: null, follow_up: null, purged_at: now.toISOString(), version: trx.raw('version + 1'), updated_at: now.toISOString(), updated_by: 'system' })
      .returning('id');
    for (const { id } of visits) touch('visits', { region, id });
    if (requests.length || visits.length) {
      await audit(
        ctx,
        { action: 'request_purge', actor: 'system', objectType: 'request', detail: { requests: requests.length, visits: visits.length, days } },
        { trx, touch },
      );
    }
    return { requests: requests.length, visits: visits.length };
  });
}

/**
 * Escalates and purges now and every UPKEEP_EVERY_MS until stopped; the timer never keeps the
 * process alive, and `stop` waits for a run under way so the database is not closed beneath it.
 */
export function startRequestUpkeep(ctx: AppContext, settings: RequestSettings, log: (line: string) => void): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = running.then(async () => {
      try {
        const raised = await escalateOverdue(ctx);
        const purged = await purgePersonal(ctx, settings.purgeDays);
        if (raised) log(`requests: ${raised} late request(s) raised to the community or town`);
        if (purged.requests || purged.visits) log(`requests: personal data of ${purged.requests} request(s) and ${purged.visits} visit(s) purged after ${settings.purgeDays} days`);
      } catch (err) {
        log(`requests upkeep failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  };
  run();
  const timer = setInterval(run, UPKEEP_EVERY_MS);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      return running;
    },
  };
}
