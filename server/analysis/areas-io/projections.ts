// The coordinate systems an imported file may be in, from a .prj, a GeoJSON "crs" member or the
// user's choice: longitude/latitude on WGS84 or CGCS2000 (the same to centimetres), Web
// Mercator, the CGCS2000 3-degree Gauss-Krüger zones surveyors in Jiangsu deliver, and the
// offset systems of Chinese web maps (GCJ-02, BD-09). Anything else is refused by name rather
// than guessed: Beijing 1954 or Xi'an 1980 need datum parameters a file does not carry.
import type { Position } from 'geojson';
import proj4 from 'proj4';
import { positionToWgs84, type InputCrs } from '../crs';
import { FileProblem } from './problem';

export interface SourceCrs {
  /** What the user sees: an EPSG code where we know it, else the .prj's own name. */
  label: string;
  /** Into longitude/latitude; undefined for systems already in degrees. */
  proj?: string;
  /** The offset or datum of the degrees (after `proj`). */
  degrees: InputCrs;
  /** The file writes Y (northing, latitude) before X, as some surveyors do; the label ends in ":yx". */
  swapAxes?: boolean;
}

export const CHOOSABLE_CRS = ['wgs84', 'cgcs2000', 'gcj02', 'bd09'] as const;

const WEB_MERCATOR = '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +no_defs';
const gaussKruger = (centralMeridian: number, falseEasting: number) =>
  `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian} +k=1 +x_0=${falseEasting} +y_0=0 +ellps=GRS80 +units=m +no_defs`;

/**
 * EPSG 4513–4533: CGCS2000 3-degree zones 25–45 with the zone number in front of the false
 * easting (zone 40 → 40,500,000 m); 4534–4554: the same central meridians 75°E–135°E without it.
 */
function gaussKrugerEpsg(code: number): SourceCrs | undefined {
  if (code >= 4513 && code <= 4533) {
    const zone = code - 4488;
    return { label: `EPSG:${code}`, proj: gaussKruger(zone * 3, zone * 1_000_000 + 500_000), degrees: 'CGCS2000' };
  }
  if (code >= 4534 && code <= 4554) return { label: `EPSG:${code}`, proj: gaussKruger(75 + (code - 4534) * 3, 500_000), degrees: 'CGCS2000' };
  return undefined;
}

/** The same system with Y written before X: what a ":yx" label names. */
export const withSwappedAxes = (crs: SourceCrs): SourceCrs => ({ ...crs, label: `${crs.label}:yx`, swapAxes: true });

/**
 * The `crs` a client may send: one of CHOOSABLE_CRS or an EPSG code ("4549", "EPSG:4549"),
 * either followed by ":yx" when the file writes Y first.
 */
export function crsFromChoice(choice: string): SourceCrs | undefined {
  const yx = /^(.+):yx$/i.exec(choice);
  if (yx) {
    const crs = crsFromChoice(yx[1]!);
    return crs && !crs.swapAxes ? withSwappedAxes(crs) : undefined;
  }
  switch (choice.toLowerCase()) {
    case 'wgs84': return { label: 'EPSG:4326', degrees: 'WGS84' };
    case 'cgcs2000': return { label: 'EPSG:4490', degrees: 'CGCS2000' };
    case 'gcj02': return { label: 'GCJ-02', degrees: 'GCJ02' };
    case 'bd09': return { label: 'BD-09', degrees: 'BD09' };
  }
  const code = /^(?:epsg:)?(\d{4,6})$/i.exec(choice)?.[1];
  if (!code) return undefined;
  const n = Number(code);
  if (n === 4326 || n === 4490) return { label: `EPSG:${n}`, degrees: n === 4326 ? 'WGS84' : 'CGCS2000' };
  if (n === 3857 || n === 900913) return { label: 'EPSG:3857', proj: WEB_MERCATOR, degrees: 'WGS84' };
  return gaussKrugerEpsg(n);
}

const number = (wkt: string, pattern: RegExp) => {
  const m = pattern.exec(wkt);
  return m ? Number(m[1]) : undefined;
};
const parameter = (wkt: string, name: string) => number(wkt, new RegExp(`PARAMETER\\["${name}",\\s*(-?[\\d.eE+-]+)\\]`, 'i'));

/** WGS84, GRS80 and CGCS2000 share the semi-major axis and (to 1e-9) the flattening. */
const onModernEllipsoid = (wkt: string) => {
  const m = /SPHEROID\["[^"]*",\s*([\d.]+),\s*([\d.]+)/i.exec(wkt);
  return !!m && Number(m[1]) === 6378137 && Math.abs(Number(m[2]) - 298.2572) < 0.001;
};

/** A .prj (ESRI WKT1, as GDAL and ArcGIS write it) to a system we can convert, or 422 naming it. */
export function crsFromPrj(wkt: string): SourceCrs {
  const text = wkt.trim();
  const head = /^(PROJCS|GEOGCS)\["([^"]*)"/i.exec(text);
  const name = head?.[2] ?? text.slice(0, 80);
  const unknown = (why: string, projection?: string) => new FileProblem(422, 'import_prj_unknown', { name, why, projection }, { prj: name });
  if (!head) throw unknown('not_wkt');
  if (!onModernEllipsoid(text)) throw unknown('ellipsoid');
  const cgcs = /China|CGCS|2000/i.test(text);
  if (head[1]!.toUpperCase() === 'GEOGCS') return { label: cgcs ? 'EPSG:4490' : 'EPSG:4326', degrees: cgcs ? 'CGCS2000' : 'WGS84' };
  // The projected system's own unit is its last one; the first belongs to its GEOGCS.
  const unit = [...text.matchAll(/UNIT\["[^"]*",\s*([\d.]+)/gi)].at(-1)?.[1];
  if (Number(unit) !== 1) throw unknown('unit');
  const projection = /PROJECTION\["([^"]+)"/i.exec(text)?.[1] ?? '';
  if (/Mercator_Auxiliary_Sphere|Pseudo_Mercator/i.test(projection) || /Web_Mercator/i.test(name)) return { label: 'EPSG:3857', proj: WEB_MERCATOR, degrees: 'WGS84' };
  if (/^(Transverse_Mercator|Gauss_Kruger)$/i.test(projection)) {
    const centralMeridian = parameter(text, 'Central_Meridian');
    const falseEasting = parameter(text, 'False_Easting');
    const ok = parameter(text, 'Scale_Factor') === 1 && (parameter(text, 'Latitude_Of_Origin') ?? 0) === 0 && (parameter(text, 'False_Northing') ?? 0) === 0;
    if (centralMeridian === undefined || falseEasting === undefined || !ok) throw unknown('not_gauss_kruger');
    const known = [...Array(42).keys()].map((i) => gaussKrugerEpsg(4513 + i)!).find((c) => c.proj === gaussKruger(centralMeridian, falseEasting));
    return known ?? { label: name, proj: gaussKruger(centralMeridian, falseEasting), degrees: 'CGCS2000' };
  }
  throw unknown('projection', projection);
}

/** One position of the file into WGS84 longitude/latitude (altitude dropped). */
export function positionConverter(crs: SourceCrs): (p: Position) => [number, number] {
  const inverse = crs.proj ? proj4(crs.proj, 'WGS84') : undefined;
  return (p) => {
    const xy: [number, number] = crs.swapAxes ? [p[1]!, p[0]!] : [p[0]!, p[1]!];
    const degrees = inverse ? inverse.forward(xy) : xy;
    return positionToWgs84(degrees, crs.degrees);
  };
}
