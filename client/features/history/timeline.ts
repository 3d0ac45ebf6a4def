// The timeline's rows from the API's version list: newest first, each with what kind of write
// made it and what it changed, and the pair the comparison starts with.
import type { Version } from './api';

/** `first`: the oldest version history knows; `other`: a kind of write this page does not know. */
export type VersionKind = 'first' | 'update' | 'restore' | 'other';

export interface TimelineRow {
  version: number;
  changedAt: string;
  changedBy: string;
  kind: VersionKind;
  /** The server's own word for an `other` write, shown as it is. */
  rawKind: string | null;
  restoredFrom: number | null;
  /** Attribute names changed from the version before (geometry not among them). */
  attributes: string[];
  geometryChanged: boolean;
  /** False when the API could not say what changed (the first version). */
  changesKnown: boolean;
  current: boolean;
}

const KNOWN = new Set(['update', 'restore']);

function kindOf(change: string | null): VersionKind {
  if (change === null) return 'first';
  return KNOWN.has(change) ? (change as VersionKind) : 'other';
}

export function buildTimeline(versions: Version[]): TimelineRow[] {
  return [...versions]
    .sort((x, y) => y.version - x.version)
    .map((v) => ({
      version: v.version,
      changedAt: v.changedAt,
      changedBy: v.changedBy,
      kind: kindOf(v.change),
      rawKind: v.change,
      restoredFrom: v.restoredFrom ?? null,
      attributes: (v.changed ?? []).filter((f) => f !== 'geometry'),
      geometryChanged: (v.changed ?? []).includes('geometry'),
      changesKnown: v.changed !== undefined,
      current: v.current,
    }));
}

/** A = the version before the current one, B = the current one: "what did the last change do". */
export function initialPair(rows: TimelineRow[]): { a: number; b: number } | null {
  if (rows.length < 2) return null;
  return { a: rows[1]!.version, b: rows[0]!.version };
}
