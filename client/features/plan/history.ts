// Undo/redo of the session's edits: a stack of immutable values. A brush stroke is one step:
// its first change that changes anything commits the step, and its later changes amend it, so a
// stroke that starts on empty ground and then crosses buildings is still one step.
export interface History<T> {
  past: readonly T[];
  present: T;
  future: readonly T[];
  /** A stroke in progress has made its step: its further changes amend it. */
  stroking?: boolean;
}

/** Enough for a long session; the oldest steps fall off. */
export const HISTORY_LIMIT = 200;

export const startHistory = <T>(present: T): History<T> => ({ past: [], present, future: [] });

export function commit<T>(h: History<T>, next: T): History<T> {
  if (next === h.present) return h;
  return { past: [...h.past, h.present].slice(-HISTORY_LIMIT), present: next, future: [] };
}

/** A change within a stroke: a new step for the stroke's first change, the same step after. */
export function stroke<T>(h: History<T>, next: T): History<T> {
  if (next === h.present) return h;
  return h.stroking ? { ...h, present: next } : { ...commit(h, next), stroking: true };
}

/** The stroke is over: the next change is a step of its own. */
export const endStroke = <T>(h: History<T>): History<T> => (h.stroking ? { past: h.past, present: h.present, future: h.future } : h);

export function undo<T>(h: History<T>): History<T> {
  if (!h.past.length) return h;
  return { past: h.past.slice(0, -1), present: h.past[h.past.length - 1]!, future: [h.present, ...h.future] };
}

export function redo<T>(h: History<T>): History<T> {
  if (!h.future.length) return h;
  return { past: [...h.past, h.present], present: h.future[0]!, future: h.future.slice(1) };
}
