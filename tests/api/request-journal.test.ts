// Every write of a request's life names the rows it changed, so the embedded database's journal
// can replay it: filing, each step, the resident's rating and reopening, escalation, a visit and
// its follow-up, and the purge, replayed from the journal onto a copy of the database as it was
// before, leave the same rows. (PostgreSQL needs no journal: this file runs on PGlite.)
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AppContext } from '../../server/context';
import { openDatabase, type Database } from '../../server/db/database';
import { readLogs } from '../../server/db/journal/log';
import { replayEntries } from '../../server/db/journal/replay';
import type { AuthUser } from '../../server/features/auth/service';
import { fileRequest } from '../../server/features/requests/file';
import { rateRequest } from '../../server/features/requests/resident';
import { readRequestSettings } from '../../server/features/requests/settings';
import { takeStep } from '../../server/features/requests/steps';
import { escalateOverdue, purgePersonal } from '../../server/features/requests/upkeep';
import { recordVisit, visitToRequest } from '../../server/features/visits/service';
import { cloneDatabase, TEST_REGION } from '../support/test-database';

const HOUR = 3_600_000;
const settings = readRequestSettings({});
let work: { clone: Awaited<ReturnType<typeof cloneDatabase>>; db: Database };
let copy: { clone: Awaited<ReturnType<typeof cloneDatabase>>; db: Database };
let now = Date.now();

async function userOf(db: Database, username: string): Promise<AuthUser> {
  const u = await db.knex('users').where({ region: TEST_REGION, username }).first();
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role, towns: u.towns, areas: u.areas };
}

/** Each table's rows of these requests and visits, as the database serialises them. */
async function rowsOf(db: Database, requests: string[], visits: string[]): Promise<unknown[]> {
  const k = db.knex;
  const json = (table: string, column: string, ids: string[]) =>
    k.raw(`SELECT to_jsonb(t) AS row FROM ${table} t WHERE region = ? AND ${column} = ANY(?::text[]) ORDER BY 1::text`, [TEST_REGION, `{${ids.join(',')}}`]);
  return Promise.all([json('requests', 'id', requests), json('request_updates', 'request_id', requests), json('visits', 'id', visits)].map(async (q) => (await q).rows));
}

describe.runIf(inject('database').kind === 'pglite')('a request’s life through the journal', () => {
  beforeAll(async () => {
    const clone = await cloneDatabase(inject('database'));
    work = { clone, db: await openDatabase(clone.config) };
    // Cheap purge: the seeded year goes first, outside the journal (the copy below keeps it, and only these writes are compared).
    await work.db.knex('requests').where({ region: TEST_REGION }).delete();
    await work.db.knex('visits').where({ region: TEST_REGION }).delete();
  });
  afterAll(async () => {
    for (const side of [work, copy]) {
      await side?.db.close();
      await side?.clone.drop();
    }
  });

  it('replays filing, steps, rating, escalation, a visit, its request and the purge into the same rows', async () => {
    const ctx: AppContext = { db: work.db, region: TEST_REGION, clock: () => new Date(now) };
    const lead = await userOf(work.db, 'demo-lead');
    const building = await work.db.knex('buildings').where({ area_id: lead.areas[0] }).orderBy('id').first('id', 'address');
    const start = now;

    const first = await fileRequest(ctx, settings, { category: 'repair', text: '灯坏了', address: building.address, phone: '13800006666', consent: true, channel: 'public' }, { id: null, username: null });
    let v = first.version;
    for (const body of [{ step: 'accept' as const }, { step: 'reply' as const, text: '明天上门' }, { step: 'close' as const, text: '已修好' }]) {
      v = (await takeStep(ctx, settings, lead, first.id, { ...body, version: v } as Parameters<typeof takeStep>[4])).version;
    }
    await rateRequest(ctx, settings, first.id, { rating: 1, comment: '没修好', reopen: true });
    const late = await fileRequest(ctx, settings, { category: 'elderly', text: '老人需要帮助', address: building.address, channel: 'public' }, { id: null, username: null });
    now = start + 9 * HOUR;
    await escalateOverdue(ctx);
    const visit = await recordVisit(ctx, lead, { buildingId: building.id, visitedOn: new Date(now).toISOString().slice(0, 10), heard: '反映下水道堵', followUp: '疏通下水道' });
    const made = await visitToRequest(ctx, settings, lead, visit.id, { version: 1, category: 'repair', text: '疏通下水道' });
    v = made.version;
    for (const body of [{ step: 'accept' as const }, { step: 'close' as const, text: '已疏通' }]) {
      v = (await takeStep(ctx, settings, lead, made.id, { ...body, version: v } as Parameters<typeof takeStep>[4])).version;
    }
    now = start + 200 * 24 * HOUR;
    const purged = await purgePersonal(ctx, settings.purgeDays);
    expect(purged).toEqual({ requests: 1, visits: 1 });

    const requests = [first.id, late.id, made.id];
    const after = await rowsOf(work.db, requests, [visit.id]);
    expect((after[0] as unknown[]).length).toBe(3);
    const entries = readLogs(path.join(work.clone.config.dataDir, 'journal')).flatMap((log) => log.entries);
    expect(entries.length).toBeGreaterThan(10);

    const clone = await cloneDatabase(inject('database'));
    copy = { clone, db: await openDatabase(clone.config) };
    expect(await rowsOf(copy.db, requests, [visit.id])).toEqual([[], [], []]);
    await replayEntries(copy.db.knex, entries);
    expect(await rowsOf(copy.db, requests, [visit.id])).toEqual(after);
  });
});
