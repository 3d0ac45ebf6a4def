// The shape of one problem in a refused write (422) or an import report: what rule, about
// which objects, where on the map, and whether the user may accept it (a warning) or must fix it.
import type { Geometry } from 'geojson';
import type { MessageCode, MessageParams } from './messages';

export interface Problem {
  code: MessageCode;
  params?: MessageParams;
  /** The sentence in Chinese and in English, filled in by the server from the catalogue. */
  message: string;
  messageEn: string;
  /** An error must be fixed; a warning may be accepted by name (see `acceptKey`). */
  severity: 'error' | 'warning';
  /** The objects concerned (area ids, "#<index>" for a new one, building ids, …). */
  ids?: string[];
  geometry?: Geometry;
  location?: [number, number];
}

/** How a planner names a warning when accepting it: the rule and the object, e.g. "split:A0012". */
export const acceptKey = (p: Pick<Problem, 'code' | 'ids'>): string => `${p.code}:${(p.ids ?? []).join(',')}`;

/** The warnings a request accepts by key (see `acceptKey`); the rest are open and refuse the write. */
export function splitAccepted(warnings: Problem[], accepted: readonly string[] = []): { accepted: Problem[]; open: Problem[] } {
  const keys = new Set(accepted);
  return { accepted: warnings.filter((w) => keys.has(acceptKey(w))), open: warnings.filter((w) => !keys.has(acceptKey(w))) };
}

/** The accepted warnings as an audit row keeps them: key, code and figures. */
export const auditedWarnings = (warnings: Problem[]) => warnings.map((w) => ({ key: acceptKey(w), code: w.code, params: w.params }));
