import type { Database } from './db/database';

/** What every service needs: the database and the city (region) this process serves. */
export interface AppContext {
  db: Database;
  region: string;
}
