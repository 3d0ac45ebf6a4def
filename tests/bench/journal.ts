// Figures for the embedded database's journal: what a write pays for being durable (the same
// audit insert with and without the journal, sequential and 8 in flight), and how long an
// open takes that replays the journal or rebuilds a damaged directory from the snapshot.
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../server/context';
import { openDatabase, type Database } from '../../server/db/database';
import { audit, type AuditEntry } from '../../server/features/audit/service';

const WRITES = 200;
const IN_FLIGHT = 8;
const REPLAYED = 500;

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const fmt = (x: number) => x.toFixed(1).padStart(8);

const entry = (i: number): AuditEntry => ({ action: 'login', actor: 'bench', detail: { i } });

/** Latencies of `n` writes, `inFlight` at a time. */
async function latencies(n: number, inFlight: number, write: (i: number) => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < n; i = next++) {
      const t0 = process.hrtime.bigint();
      await write(i);
      times.push(ms(t0));
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return times;
}

export async function benchJournal(config: { databaseUrl: undefined; dataDir: string }, region: string): Promise<void> {
  let db: Database = await openDatabase(config);
  const ctx = (): AppContext => ({ db, region });
  // The same insert through a bare transaction: what a write cost before the journal.
  const bare = (i: number) => db.knex.transaction((trx) => audit(ctx(), entry(i), { trx, touch: () => {} }));
  const journaled = (i: number) => audit(ctx(), entry(i));

  console.log(`\n## PGlite: write latency, one audit row per write (${WRITES} writes)`);
  console.log('                              p50      p99');
  for (const inFlight of [1, IN_FLIGHT]) {
    const without = await latencies(WRITES, inFlight, bare);
    const withJournal = await latencies(WRITES, inFlight, journaled);
    console.log(`${inFlight} in flight, no journal ${fmt(pct(without, 50))} ${fmt(pct(without, 99))} ms`);
    console.log(`${inFlight} in flight, journal    ${fmt(pct(withJournal, 50))} ${fmt(pct(withJournal, 99))} ms`);
    console.log(`ratio                      ${fmt(pct(withJournal, 50) / pct(without, 50))} ${fmt(pct(withJournal, 99) / pct(without, 99))}`);
  }

  // Recovery: the database files as they were before REPLAYED writes, the journal with them.
  await db.close();
  const journalDir = path.join(config.dataDir, 'journal');
  const stale = `${config.dataDir}-stale`;
  const own = (name: string) => name === 'journal' || name === 'gridmap.lock';
  fs.cpSync(config.dataDir, stale, { recursive: true, filter: (src) => src === config.dataDir || !own(path.relative(config.dataDir, src).split(path.sep)[0]!) });
  db = await openDatabase(config);
  await latencies(REPLAYED, IN_FLIGHT, journaled);
  // As kill -9 leaves it: no snapshot on the way out.
  await db.knex.destroy();
  await db.close();
  for (const name of fs.readdirSync(config.dataDir)) if (!own(name)) fs.rmSync(path.join(config.dataDir, name), { recursive: true, force: true });
  fs.cpSync(stale, config.dataDir, { recursive: true });
  fs.rmSync(stale, { recursive: true, force: true });
  let t0 = process.hrtime.bigint();
  db = await openDatabase(config);
  const replayMs = ms(t0);
  await db.knex.destroy();
  await db.close();

  fs.writeFileSync(path.join(config.dataDir, 'global', 'pg_control'), Buffer.alloc(8192, 0x5a));
  t0 = process.hrtime.bigint();
  db = await openDatabase(config);
  const rebuildMs = ms(t0);
  const snapshotBytes = fs.readdirSync(journalDir).filter((n) => n.endsWith('.pack')).reduce((sum, n) => sum + fs.statSync(path.join(journalDir, n)).size, 0);
  await db.close();
  console.log('\n## PGlite: recovery on open');
  console.log(`replay ${REPLAYED} journal entries (+ snapshot)        ${fmt(replayMs)} ms`);
  console.log(`rebuild damaged directory from snapshot + journal ${fmt(rebuildMs)} ms   (snapshot ${(snapshotBytes / 2 ** 20).toFixed(0)} MB)`);
}
