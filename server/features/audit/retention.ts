// Audit rows older than the retention period are deleted on start and then once a day; each
// purge leaves its own row with the count, so the log says what it no longer holds.
import type { AppContext } from '../../context';
import { audit } from './service';

const DAY_MS = 24 * 3600_000;

export async function purgeAudit(ctx: AppContext, retentionDays: number): Promise<number> {
  const { db, region } = ctx;
  return db.write(async (trx, touch) => {
    const gone: Array<{ id: string }> = await trx('audit_log')
      .where({ region })
      .andWhereRaw('at < now() - make_interval(secs => ?::double precision)', [retentionDays * 86400])
      .delete()
      .returning('id');
    for (const row of gone) touch('audit_log', { id: Number(row.id) });
    await audit(
      ctx,
      { action: 'audit_purge', actor: 'system', objectType: 'audit_log', detail: { deleted: gone.length, retentionDays } },
      { trx, touch },
    );
    return gone.length;
  });
}

/**
 * Purges now and every day until stopped; the timer never keeps the process alive, and
 * `stop` waits for a purge under way so the database is not closed beneath it.
 */
export function startAuditRetention(ctx: AppContext, retentionDays: number, log: (line: string) => void): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = purgeAudit(ctx, retentionDays).then(
      (n) => void (n && log(`audit log: ${n} row(s) older than ${retentionDays} days purged`)),
      (err: unknown) => log(`audit log purge failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  };
  run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      return running;
    },
  };
}
