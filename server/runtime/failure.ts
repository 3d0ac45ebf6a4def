// An error crossing from a worker to the main thread: structured cloning keeps an Error's
// message but not its class, so the refusals a person reads (FileProblem, HttpError) travel as
// their code and parameters and are rebuilt on this side; anything else is a fault (500).
import { FileProblem } from '../analysis/areas-io/problem';
import type { MessageCode, MessageParams } from '../domain/messages';
import { HttpError } from '../http/errors';

export type JobFailure =
  | { kind: 'file' | 'http'; status: number; code: MessageCode; params: MessageParams; extra: Record<string, unknown> }
  | { kind: 'fault'; message: string; stack?: string };

export function failureOf(err: unknown): JobFailure {
  if (err instanceof FileProblem) return { kind: 'file', status: err.status, code: err.code, params: err.params, extra: err.extra };
  if (err instanceof HttpError) return { kind: 'http', status: err.status, code: err.code, params: err.params, extra: err.extra };
  const e = err instanceof Error ? err : new Error(String(err));
  return { kind: 'fault', message: e.message, ...(e.stack ? { stack: e.stack } : {}) };
}

export function errorOf(failure: JobFailure): Error {
  switch (failure.kind) {
    case 'file': return new FileProblem(failure.status as 400 | 422, failure.code, failure.params, failure.extra);
    case 'http': return new HttpError(failure.status, failure.code, failure.params, failure.extra);
    case 'fault': return Object.assign(new Error(failure.message), failure.stack ? { stack: failure.stack } : {});
  }
}
