// The check's report as the wizard reads it: problems in layer order, filtered by severity,
// layer and words; counted per layer; and where on the map each one is — its own geometry or
// point (an overlap, a gap, an invalid vertex), else the staged row it is about.
import type { Geometry, Position } from 'geojson';
import { LAYER_ORDER, type ImportLayer } from '../../../server/domain/layers';
import type { ImportProblem, PreviewCollection, TownTotals } from '../../../server/features/import/types';
import type { BBox } from '../../shared/api/types';

export interface ProblemFilter {
  severity: 'all' | 'error' | 'warning';
  layer: ImportLayer | 'all';
  /** Words the problem's sentence, code, unit or row must contain. */
  text: string;
}

export const NO_FILTER: ProblemFilter = { severity: 'all', layer: 'all', text: '' };

const order = (p: ImportProblem) => LAYER_ORDER.indexOf(p.layer);

/** Errors before warnings, then by layer in the order they are read, then by row. */
export function sortProblems(problems: readonly ImportProblem[]): ImportProblem[] {
  const rank = (p: ImportProblem) => (p.severity === 'error' ? 0 : 1);
  return [...problems].sort((a, b) => rank(a) - rank(b) || order(a) - order(b) || (a.row ?? 0) - (b.row ?? 0));
}

/** The problems the filter keeps; `describe` gives the sentence in the reader's language. */
export function filterProblems(problems: readonly ImportProblem[], filter: ProblemFilter, describe: (p: ImportProblem) => string): ImportProblem[] {
  const words = filter.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return problems.filter((p) => {
    if (filter.severity !== 'all' && p.severity !== filter.severity) return false;
    if (filter.layer !== 'all' && p.layer !== filter.layer) return false;
    const haystack = [describe(p), p.code, p.id ?? '', p.row === undefined ? '' : String(p.row)].join(' ').toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

export interface LayerCount {
  layer: ImportLayer;
  errors: number;
  warnings: number;
}

/** Errors and warnings per layer that has any, in layer order. */
export function countByLayer(problems: readonly ImportProblem[]): LayerCount[] {
  const counts = new Map<ImportLayer, LayerCount>();
  for (const p of problems) {
    const c = counts.get(p.layer) ?? { layer: p.layer, errors: 0, warnings: 0 };
    if (p.severity === 'error') c.errors++;
    else c.warnings++;
    counts.set(p.layer, c);
  }
  return LAYER_ORDER.flatMap((l) => (counts.has(l) ? [counts.get(l)!] : []));
}

/** Where the problem is: its own geometry or point, else its row's place in the staged layer. */
export function problemPlace(p: ImportProblem, staged: Partial<Record<ImportLayer, PreviewCollection>>): Geometry | null {
  if (p.geometry) return p.geometry;
  if (p.location) return { type: 'Point', coordinates: p.location };
  if (p.row === undefined) return null;
  return staged[p.layer]?.features.find((f) => f.properties.line === p.row)?.geometry ?? null;
}

/** The box around geometries, or null when there is nothing to frame. */
export function boxOf(geometries: ReadonlyArray<Geometry | null>): BBox | null {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') {
      const [x, y] = c as Position;
      box[0] = Math.min(box[0], x!);
      box[1] = Math.min(box[1], y!);
      box[2] = Math.max(box[2], x!);
      box[3] = Math.max(box[3], y!);
    } else c.forEach(visit);
  };
  const walk = (g: Geometry): void => (g.type === 'GeometryCollection' ? g.geometries.forEach(walk) : visit(g.coordinates));
  for (const g of geometries) if (g) walk(g);
  return Number.isFinite(box[0]) ? box : null;
}

type Figures = Omit<TownTotals, 'id' | 'name'>;

/** The towns' figures added up: the city as the import would leave it. */
export function cityTotals(towns: readonly TownTotals[]): Figures {
  const sum: Figures = { communities: 0, villages: 0, areas: 0, buildings: 0, households: 0, population: 0, partyMembers: 0, centres: 0, organisations: 0 };
  for (const t of towns) for (const key of Object.keys(sum) as Array<keyof Figures>) sum[key] += t[key];
  return sum;
}
