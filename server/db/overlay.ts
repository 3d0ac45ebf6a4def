// Overlays (union, intersection, difference) run at a fixed precision of 1e-9° (about 0.1 mm):
// floating overlays of nearly coincident edges raise topology errors, and PGlite's PostGIS then
// answers no rows instead of an error (seen with an outline widened by a buffer, and with a
// town less its communities when one has a hole). Every overlay of shared edges passes it as
// GEOS's grid size, and a query that must answer one row per unit checks that it did.
export const GRID = '1e-9';

/** Fails loudly when a query answered fewer rows than the units it judged: a missing row must never read as "no problem". */
export function everyRow<T>(rows: T[], expected: number, what: string): T[] {
  if (rows.length !== expected) throw new Error(`${what}: the database answered ${rows.length} rows for ${expected} units (an overlay failed)`);
  return rows;
}
