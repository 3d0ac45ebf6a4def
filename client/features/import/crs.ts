// The coordinate systems the wizard offers for one layer's file, in the order to read them.
// Nothing is chosen silently: an ambiguous file offers its candidates with the suggested one
// first and no default; a file in degrees (read as CGCS2000) offers GCJ-02 and BD-09 only as
// an explicit choice, since a web map's offset cannot be told from the numbers.
import type { LayerCrs } from '../../../server/features/import/types';

/**
 * suggested: the candidate that lands in the region; candidate: another possible one; current:
 * what the file is read in now; webmap: GCJ-02 / BD-09; degrees: back to plain CGCS2000.
 */
export type CrsOptionKind = 'suggested' | 'candidate' | 'current' | 'webmap' | 'degrees';

export interface CrsOption {
  /** What the server's `crs` takes (wgs84 | cgcs2000 | gcj02 | bd09 | EPSG:n, ":yx" when Y first). */
  value: string;
  /** The system's label as the server reports it (EPSG:4549, GCJ-02). */
  label: string;
  kind: CrsOptionKind;
}

const WEB_MAPS = ['GCJ-02', 'BD-09'];
const DEGREES = ['EPSG:4326', 'EPSG:4490', ...WEB_MAPS];

const axes = (label: string) => (label.endsWith(':yx') ? { base: label.slice(0, -3), yx: ':yx' } : { base: label, yx: '' });

/** The server's choice for a label it reported: GCJ-02 → gcj02, EPSG:4549:yx stays. */
export function choiceOf(label: string): string {
  const { base, yx } = axes(label);
  const value = base === 'GCJ-02' ? 'gcj02' : base === 'BD-09' ? 'bd09' : base;
  return value + yx;
}

/** Whether the system is longitude and latitude (any datum or web-map offset). */
export const inDegrees = (label: string | null): boolean => !!label && DEGREES.includes(axes(label).base);

/** The label a typed system would be reported under, or null when it is not one the server reads. */
export function typedCrs(text: string): string | null {
  const m = /^\s*(?:epsg\s*:?\s*)?(\d{4,6})(:yx)?\s*$/i.exec(text);
  return m ? `EPSG:${m[1]}${m[2] ? ':yx' : ''}` : null;
}

export function crsOptions(crs: LayerCrs): CrsOption[] {
  if (crs.status === 'ambiguous') {
    const first = crs.suggested ? [crs.suggested] : [];
    return [...first, ...crs.candidates.filter((c) => c !== crs.suggested)].map((label) => ({
      value: choiceOf(label),
      label,
      kind: label === crs.suggested ? 'suggested' : 'candidate',
    }));
  }
  if (!crs.used) return [];
  const current: CrsOption = { value: choiceOf(crs.used), label: crs.used, kind: 'current' };
  if (!inDegrees(crs.used)) return [current];
  const { yx } = axes(crs.used);
  const others = [...WEB_MAPS, 'EPSG:4490'].map((base) => base + yx).filter((label) => label !== crs.used);
  return [current, ...others.map((label): CrsOption => ({ value: choiceOf(label), label, kind: WEB_MAPS.includes(axes(label).base) ? 'webmap' : 'degrees' }))];
}
