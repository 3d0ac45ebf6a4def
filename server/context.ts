import type { Database } from './db/database';

/** What every service needs: the database and the city (region) this process serves. */
export interface AppContext {
  db: Database;
  region: string;
  /**
   * What time it is for work that keeps deadlines (requests, their escalation and purge): the
   * system clock unless a test sets the hour it needs, so nothing has to sleep.
   */
  clock?: () => Date;
}

/** The context's time now. */
export const nowOf = (ctx: AppContext): Date => ctx.clock?.() ?? new Date();
