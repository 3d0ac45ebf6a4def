// The vocabulary of one write, below both the database handle that runs it and the journal that
// makes it durable, so neither has to import the other for it.
import type { Knex } from 'knex';

/** Names a row that a write changed: its table and primary-key values. */
export type Touch = (table: string, key: Record<string, string | number>) => void;

/** The transaction a write joins, with the journal's `touch`: what `Database.write` hands its callback. */
export interface Within {
  trx: Knex.Transaction;
  touch: Touch;
}
