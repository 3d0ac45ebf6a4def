// A leader's "what if": centres moved, radii changed, new centres added, some closed, and radii
// set for a whole kind — applied to the centres as they are, without touching the database.
import type { CentreKind } from '../../domain/kinds';
import type { MessageParams } from '../../domain/messages';

export interface PlacedCentre {
  id: string;
  name: string;
  kind: CentreKind;
  lng: number;
  lat: number;
  radiusM: number;
  floorAreaM2: number | null;
  communityId: string | null;
  /** How the what-if left it. */
  status: 'as_is' | 'changed' | 'added' | 'closed';
}

export interface CentreChanges {
  moved?: { id: string; lng: number; lat: number }[];
  radius?: { id: string; radiusM: number }[];
  added?: { id: string; name?: string; kind: CentreKind; lng: number; lat: number; radiusM: number }[];
  closed?: string[];
  /** One radius for every centre of a kind (after which a centre's own radius change still wins). */
  kindRadiusM?: Partial<Record<CentreKind, number>>;
}

/** A change the centres cannot take; `code` is the catalogue's, for the leader to read. */
export class WhatIfError extends Error {
  constructor(
    readonly code: 'coverage_unknown_centre' | 'coverage_id_taken',
    readonly params: MessageParams,
  ) {
    super(`${code}: ${JSON.stringify(params)}`);
  }
}

export function applyChanges(centres: readonly PlacedCentre[], changes: CentreChanges): PlacedCentre[] {
  const byId = new Map(centres.map((c) => [c.id, { ...c }]));
  const known = (id: string, change: 'moved' | 'radius' | 'closed') => {
    const c = byId.get(id);
    if (!c || c.status === 'added') throw new WhatIfError('coverage_unknown_centre', { id, change });
    return c;
  };
  for (const [kind, radiusM] of Object.entries(changes.kindRadiusM ?? {}))
    for (const c of byId.values()) if (c.kind === kind && c.radiusM !== radiusM) Object.assign(c, { radiusM, status: 'changed' });
  for (const m of changes.moved ?? []) Object.assign(known(m.id, 'moved'), { lng: m.lng, lat: m.lat, status: 'changed' });
  for (const r of changes.radius ?? []) Object.assign(known(r.id, 'radius'), { radiusM: r.radiusM, status: 'changed' });
  for (const a of changes.added ?? []) {
    if (byId.has(a.id)) throw new WhatIfError('coverage_id_taken', { id: a.id });
    byId.set(a.id, { id: a.id, name: a.name ?? a.id, kind: a.kind, lng: a.lng, lat: a.lat, radiusM: a.radiusM, floorAreaM2: null, communityId: null, status: 'added' });
  }
  for (const id of changes.closed ?? []) known(id, 'closed').status = 'closed';
  return [...byId.values()];
}

/** The centres that serve residents: the kinds asked for, not closed. */
export const serving = (centres: readonly PlacedCentre[], kinds: readonly CentreKind[]) => centres.filter((c) => c.status !== 'closed' && kinds.includes(c.kind));
