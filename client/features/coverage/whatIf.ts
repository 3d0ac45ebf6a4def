// The leader's what-if as one value: which centres moved, which radii changed (one centre's, or a
// whole kind's), which centres were added or closed. Pure functions from one value to the next, so that a drag that fires a hundred
// times leaves one move, closing a centre that was only imagined drops it, and the list the
// leader reads is the request the server gets.
import { EARTH_RADIUS_M } from '../../../server/domain/earth';
import type { CentreChanges, CentreKind, PlacedCentre } from './api';

export type AddedCentre = NonNullable<CentreChanges['added']>[number] & { name: string };

export interface WhatIf {
  moved: { id: string; lng: number; lat: number }[];
  radius: { id: string; radiusM: number }[];
  added: AddedCentre[];
  closed: string[];
  /** One radius for every centre of a kind as it is; a centre's own radius change still wins. */
  kindRadiusM: Partial<Record<CentreKind, number>>;
}

export const NO_CHANGES: WhatIf = { moved: [], radius: [], added: [], closed: [], kindRadiusM: {} };

/** One line of the change list. */
export type ChangeEntry =
  | { change: 'moved'; id: string; lng: number; lat: number }
  | { change: 'radius'; id: string; radiusM: number }
  | { change: 'added'; id: string; name: string; kind: CentreKind; radiusM: number }
  | { change: 'closed'; id: string }
  | { change: 'kindRadius'; id: CentreKind; radiusM: number };

const isAdded = (w: WhatIf, id: string) => w.added.some((a) => a.id === id);
const without = <T extends { id: string }>(list: T[], id: string) => list.filter((x) => x.id !== id);

/** Puts a centre at a new place; moving it again replaces the earlier move. */
export function moveCentre(w: WhatIf, id: string, lng: number, lat: number): WhatIf {
  if (isAdded(w, id)) return { ...w, added: w.added.map((a) => (a.id === id ? { ...a, lng, lat } : a)) };
  return { ...w, moved: [...without(w.moved, id), { id, lng, lat }] };
}

/** Gives a centre its own radius; back to the radius it has (`originalM`) is no change at all. */
export function setRadius(w: WhatIf, id: string, radiusM: number, originalM?: number): WhatIf {
  if (isAdded(w, id)) return { ...w, added: w.added.map((a) => (a.id === id ? { ...a, radiusM } : a)) };
  const radius = without(w.radius, id);
  return { ...w, radius: radiusM === originalM ? radius : [...radius, { id, radiusM }] };
}

/** The next free id for an imagined centre: `new-1`, `new-2`, … */
export function nextAddedId(w: WhatIf): string {
  const taken = w.added.map((a) => Number(/^new-(\d+)$/.exec(a.id)?.[1] ?? 0));
  return `new-${Math.max(0, ...taken) + 1}`;
}

export function addCentre(w: WhatIf, centre: AddedCentre): WhatIf {
  return { ...w, added: [...without(w.added, centre.id), centre] };
}

/** Closes a centre. An imagined one simply goes; a real one's move and radius no longer matter. */
export function closeCentre(w: WhatIf, id: string): WhatIf {
  if (isAdded(w, id)) return { ...w, added: without(w.added, id) };
  if (w.closed.includes(id)) return w;
  return { ...w, moved: without(w.moved, id), radius: without(w.radius, id), closed: [...w.closed, id] };
}

/** Gives every centre of a kind one radius (the server's `kindRadiusM`); null takes it back. */
export function setKindRadius(w: WhatIf, kind: CentreKind, radiusM: number | null): WhatIf {
  const kindRadiusM = { ...w.kindRadiusM };
  if (radiusM === null) delete kindRadiusM[kind];
  else kindRadiusM[kind] = radiusM;
  return { ...w, kindRadiusM };
}

export function reopenCentre(w: WhatIf, id: string): WhatIf {
  return { ...w, closed: w.closed.filter((c) => c !== id) };
}

/** Takes back one line of the change list. */
export function undoChange(w: WhatIf, entry: ChangeEntry): WhatIf {
  switch (entry.change) {
    case 'moved':
      return { ...w, moved: without(w.moved, entry.id) };
    case 'radius':
      return { ...w, radius: without(w.radius, entry.id) };
    case 'added':
      return { ...w, added: without(w.added, entry.id) };
    case 'closed':
      return reopenCentre(w, entry.id);
    case 'kindRadius':
      return setKindRadius(w, entry.id, null);
  }
}

export function changeList(w: WhatIf): ChangeEntry[] {
  const kindRadius = Object.entries(w.kindRadiusM) as [CentreKind, number][];
  return [
    ...kindRadius.map(([kind, radiusM]): ChangeEntry => ({ change: 'kindRadius', id: kind, radiusM })),
    ...w.added.map((a): ChangeEntry => ({ change: 'added', id: a.id, name: a.name, kind: a.kind, radiusM: a.radiusM })),
    ...w.moved.map((m): ChangeEntry => ({ change: 'moved', ...m })),
    ...w.radius.map((r): ChangeEntry => ({ change: 'radius', ...r })),
    ...w.closed.map((id): ChangeEntry => ({ change: 'closed', id })),
  ];
}

export const isUnchanged = (w: WhatIf) => changeList(w).length === 0;

/**
 * The centres as the what-if leaves them, from the centres as they are: the map follows a drag at
 * once, while the figures wait for the server's answer.
 */
export function placeCentres(original: readonly PlacedCentre[], w: WhatIf): PlacedCentre[] {
  const moved = new Map(w.moved.map((m) => [m.id, m]));
  const radius = new Map(w.radius.map((r) => [r.id, r.radiusM]));
  const closed = new Set(w.closed);
  const placed = original.map((c): PlacedCentre => {
    if (closed.has(c.id)) return { ...c, status: 'closed' };
    const m = moved.get(c.id);
    // As the server does: the kind's radius first, then the centre's own; the same radius is no change.
    const own = radius.get(c.id) ?? w.kindRadiusM[c.kind];
    const r = own === c.radiusM ? undefined : own;
    if (!m && r === undefined) return c;
    return { ...c, lng: m?.lng ?? c.lng, lat: m?.lat ?? c.lat, radiusM: r ?? c.radiusM, status: 'changed' };
  });
  const added = w.added.map(
    (a): PlacedCentre => ({ id: a.id, name: a.name, kind: a.kind, lng: a.lng, lat: a.lat, radiusM: a.radiusM, floorAreaM2: null, communityId: null, status: 'added' }),
  );
  return [...placed, ...added];
}

/** A point `eastM` metres east and `northM` metres north of `[lng, lat]` (small steps, spherical Earth). */
export function offsetMetres([lng, lat]: [number, number], eastM: number, northM: number): [number, number] {
  const dLat = (northM / EARTH_RADIUS_M) * (180 / Math.PI);
  const dLng = (eastM / (EARTH_RADIUS_M * Math.cos((lat * Math.PI) / 180))) * (180 / Math.PI);
  return [lng + dLng, lat + dLat];
}
