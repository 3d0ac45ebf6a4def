// Which database a request reads from, carried through its async work (knex's promises included)
// without threading it through every service: the routing middleware sets it, `Database.knex`
// reads it, and a write records there what the writer must read back.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface ReadRoute {
  /** Reads may go to the replica (when it is up). */
  replica: boolean;
  /**
   * Told after each write of this request, with the primary's WAL position when a replica is in
   * use, so the writer's next reads wait for the replica and read the other processes' changes.
   */
  wrote?(lsn?: string): void;
}

export const readRoute = new AsyncLocalStorage<ReadRoute>();

/**
 * The database handle's knex as outside any request: the primary's. For what is kept for every
 * reader (the look-up's index): filled from a replica that has not replayed a write yet, it would
 * stay behind after the replica caught up.
 */
export const onPrimary = <T>(fn: () => T): T => readRoute.exit(fn);
