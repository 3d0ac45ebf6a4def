// What the main thread and the database's worker say to each other over the worker's port.
import type { QueryOptions } from '@electric-sql/pglite';

export type Request = { id: number; sql: string; params?: unknown[]; options?: QueryOptions } | { id: number; close: true };

/** A failure crosses as its own fields: PostgreSQL's `code`, `detail`, `constraint` … are what callers test. */
export interface Failure {
  message: string;
  name: string;
  fields: Record<string, unknown>;
}

export type Reply = { id: number; result: unknown } | { id: number; failure: Failure };

/** The worker's second message (after 'loaded'): PGlite opened on the data directory, or why not. */
export type Opened = { opened: true } | { opened: false; failure: Failure };

export function toFailure(err: unknown): Failure {
  const e = err instanceof Error ? err : new Error(String(err));
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(e)) if (typeof value !== 'function' && typeof value !== 'object') fields[key] = value;
  return { message: e.message, name: e.name, fields };
}

export function fromFailure(failure: Failure): Error {
  const err = Object.assign(new Error(failure.message), failure.fields);
  if (failure.name !== 'Error') err.name = failure.name;
  return err;
}
