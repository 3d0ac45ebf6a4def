// Which coordinate system a file's numbers are in, said only where the numbers make it clear.
// A declared system (.prj, EPSG) wins. Degrees are CGCS2000 (WGS84 to the centimetre): the
// offsets of Chinese web maps (GCJ-02, BD-09) move points by a few hundred metres, which no
// sample can tell from a real place, so they come only from the user. A Gauss-Krüger X with
// its zone in front (40,5xx,xxx) names the zone; without it, the zone is a question, with the
// one that lands in the region as the suggestion. Y written before X is noticed and said.
import type { Position } from 'geojson';
import type { Box } from '../../domain/box';
import type { Message } from '../../domain/messages';
import { crsFromChoice, positionConverter, withSwappedAxes, type SourceCrs } from '../areas-io/projections';

export type CrsDetection =
  | { status: 'declared'; crs: SourceCrs }
  | { status: 'detected'; crs: SourceCrs; reason: Message }
  | { status: 'ambiguous'; candidates: SourceCrs[]; suggested?: SourceCrs; reason: Message };

/** China's extent in degrees: where a file of a Chinese county can be, whichever way round. */
const CHINA: Box = [73, 3, 136, 54];
/** The share of a sample that must agree: a few mistyped rows do not make a file ambiguous. */
const AGREE = 0.9;

type Kind = 'degrees' | 'zone' | 'zone_yx' | 'gauss_kruger' | 'gauss_kruger_yx' | 'mercator' | 'unknown';

const within = (v: number, low: number, high: number) => v >= low && v < high;
/** 25,000,000–45,999,999: a 3-degree zone number (25–45) before a six-digit easting. */
const zoned = (v: number) => within(v, 25e6, 46e6);
const easting = (v: number) => within(v, 1e5, 1e6);
const northing = (v: number) => within(v, 0, 1e7);

function kindOf([x, y]: Position): Kind {
  if (Math.abs(x!) <= 180 && Math.abs(y!) <= 180) return 'degrees';
  if (zoned(x!) && northing(y!)) return 'zone';
  if (zoned(y!) && northing(x!)) return 'zone_yx';
  if (easting(x!) && within(y!, 1e6, 1e7)) return 'gauss_kruger';
  if (easting(y!) && within(x!, 1e6, 1e7)) return 'gauss_kruger_yx';
  // Web Mercator metres of China's longitudes and latitudes.
  if (within(x!, 8.1e6, 15.2e6) && within(y!, 3e5, 7.2e6)) return 'mercator';
  return 'unknown';
}

/** The value most of the items have, if at least AGREE of them do. */
function agreed<T>(items: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  const [value, count] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [];
  return count !== undefined && count >= items.length * AGREE ? value : undefined;
}

const inBox = ([x, y]: Position, box: Box) => x! >= box[0] && x! <= box[2] && y! >= box[1] && y! <= box[3];

/** Does the sample land in the box (AGREE of it) when read in `crs`? */
function lands(sample: Position[], crs: SourceCrs, box: Box): boolean {
  const toWgs84 = positionConverter(crs);
  const inside = sample.filter((p) => inBox(toWgs84(p), box)).length;
  return sample.length > 0 && inside >= sample.length * AGREE;
}

const GAUSS_KRUGER_ZONED = Array.from({ length: 21 }, (_, i) => crsFromChoice(String(4513 + i))!);
const GAUSS_KRUGER_PLAIN = Array.from({ length: 21 }, (_, i) => crsFromChoice(String(4534 + i))!);
const DEGREES = ['cgcs2000', 'gcj02', 'bd09'].map((c) => crsFromChoice(c)!);
const MERCATOR = crsFromChoice('3857')!;

export function detectCrs(sample: Position[], declared?: SourceCrs, regionBox?: Box): CrsDetection {
  if (declared) return { status: 'declared', crs: declared };
  if (sample.length === 0) return { status: 'ambiguous', candidates: [], reason: { code: 'crs_no_positions' } };
  const kind = agreed(sample.map(kindOf));
  const cgcs2000 = crsFromChoice('cgcs2000')!;
  switch (kind) {
    case undefined:
      return { status: 'ambiguous', candidates: [], reason: { code: 'crs_mixed' } };
    case 'degrees': {
      const box = regionBox ?? CHINA;
      const swapped = withSwappedAxes(cgcs2000);
      const count = (crs: SourceCrs) => sample.filter((p) => inBox(positionConverter(crs)(p), box)).length;
      return count(swapped) > count(cgcs2000)
        ? { status: 'detected', crs: swapped, reason: { code: 'crs_degrees_swapped' } }
        : { status: 'detected', crs: cgcs2000, reason: { code: 'crs_degrees' } };
    }
    case 'zone':
    case 'zone_yx': {
      const yx = kind === 'zone_yx';
      const zone = agreed(sample.map((p) => Math.floor((yx ? p[1]! : p[0]!) / 1e6)));
      if (zone === undefined) return { status: 'ambiguous', candidates: [], reason: { code: 'crs_mixed' } };
      const crs = crsFromChoice(String(4488 + zone))!;
      return yx
        ? { status: 'detected', crs: withSwappedAxes(crs), reason: { code: 'crs_zone_prefix_swapped', params: { zone, label: crs.label } } }
        : { status: 'detected', crs, reason: { code: 'crs_zone_prefix', params: { zone, label: crs.label } } };
    }
    case 'gauss_kruger':
    case 'gauss_kruger_yx': {
      const yx = kind === 'gauss_kruger_yx';
      const candidates = GAUSS_KRUGER_PLAIN.map((c) => (yx ? withSwappedAxes(c) : c));
      const fitting = regionBox ? candidates.filter((c) => lands(sample, c, regionBox)) : [];
      const suggested = fitting.length === 1 ? fitting[0] : undefined;
      return {
        status: 'ambiguous',
        candidates,
        ...(suggested ? { suggested } : {}),
        reason: { code: 'crs_no_zone', params: { suggested: suggested?.label, swapped: yx } },
      };
    }
    case 'mercator':
      return { status: 'detected', crs: MERCATOR, reason: { code: 'crs_mercator' } };
    case 'unknown':
      return { status: 'ambiguous', candidates: [], reason: { code: 'crs_unrecognised', params: { sample: sample[0]!.slice(0, 2) } } };
  }
}

/**
 * The systems under which the sample lands in the region: what the report offers for
 * "coordinates outside the region" (degrees and the web maps' offsets, every Gauss-Krüger
 * zone with and without its number, Web Mercator, each also with Y first).
 */
export function fittingCrs(sample: Position[], regionBox: Box): SourceCrs[] {
  const systems = [...DEGREES, ...GAUSS_KRUGER_PLAIN, ...GAUSS_KRUGER_ZONED, MERCATOR];
  return [...systems, ...systems.map(withSwappedAxes)].filter((crs) => lands(sample, crs, regionBox));
}
