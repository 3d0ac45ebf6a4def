// The one database handle's shape, apart from how it is opened (database.ts), so the wrappers
// around it (the replica's routing, the write counting) can name it without an import circle.
import type { Knex } from 'knex';
import type { Touch } from './write';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  knex: Knex;
  /**
   * Runs one write as one transaction. Every write path goes through here and calls `touch`
   * for each row it changed, so the embedded database can make the write durable before
   * the caller answers the client.
   */
  write<T>(fn: (trx: Knex.Transaction, touch: Touch) => Promise<T>): Promise<T>;
  /**
   * A write too large for the journal's row images (an import's commit or its undo): one
   * transaction, made durable on the embedded database by a snapshot taken before it returns.
   */
  writeBulk<T>(fn: (trx: Knex.Transaction) => Promise<T>): Promise<T>;
  /**
   * Drafts nobody was told are kept (an import's files and rows before it is committed): one
   * transaction outside the journal, so a crash of the embedded database may lose them.
   */
  scratch<T>(fn: (trx: Knex.Transaction) => Promise<T>): Promise<T>;
  /**
   * Makes writes that bypassed `write` (migrations, seeding, restore) durable too: on PGlite
   * a snapshot if anything changed since the last; PostgreSQL needs nothing. Whoever writes
   * outside `write` calls it when done.
   */
  checkpoint(): Promise<void>;
  close(): Promise<void>;
  /** The read replica (DATABASE_READ_URL), when there is one: `knex` reads from it where the request's route says so. */
  replica?: Replica;
}

/** A streaming replica behind `Database.knex` (server/db/replica.ts). */
export interface Replica {
  /** Whether the replica answered its last probe. */
  up(): boolean;
  /** Whether the replica has replayed the primary up to `lsn` (a writer's last write); no lsn: yes. */
  caughtUp(lsn: string | undefined): Promise<boolean>;
}
