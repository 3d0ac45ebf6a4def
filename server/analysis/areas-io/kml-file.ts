// KML in and out. KML is WGS84 by its specification, so a KML upload never asks for a system.
// Reading is @tmcw/togeojson over @xmldom/xmldom (strict: broken XML is refused with its line);
// writing is its sibling @placemarkio/tokml, a Placemark per area with its metrics as ExtendedData,
// so what we write is what we read back.
import { foldersToKML } from '@placemarkio/tokml';
import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';
import { decodeText } from '../decode-text';
import { FileProblem } from './problem';
import { crsFromChoice } from './projections';
import type { RawFile } from './raw';

/** A MultiGeometry of polygons comes out of togeojson as a GeometryCollection: one MultiPolygon again. */
function polygonsTogether(geometry: Geometry | null): unknown {
  if (geometry?.type !== 'GeometryCollection') return geometry;
  const parts = geometry.geometries;
  if (!parts.every((g) => g.type === 'Polygon' || g.type === 'MultiPolygon')) return geometry;
  return { type: 'MultiPolygon', coordinates: parts.flatMap((g) => (g.type === 'Polygon' ? [g.coordinates] : (g as MultiPolygon).coordinates)) };
}

export function readKml(bytes: Uint8Array): RawFile {
  // xmldom wraps whatever onError throws in its own ParseError; the first message is kept.
  let broken: string | undefined;
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level === 'warning') return;
      broken ??= message.replace(/\s+/g, ' ').trim();
      throw new Error(broken);
    },
  });
  let doc;
  try {
    doc = parser.parseFromString(decodeText(bytes).text, 'text/xml');
  } catch (err) {
    throw new FileProblem(400, 'import_broken_xml', { detail: broken ?? (err as Error).message });
  }
  if (doc.documentElement?.localName !== 'kml') throw new FileProblem(400, 'import_not_kml', { root: doc.documentElement?.localName ?? 'none' });
  const collection = kml(doc as unknown as Document);
  return {
    declared: crsFromChoice('wgs84'),
    features: collection.features.map((f) => ({ properties: f.properties, geometry: polygonsTogether(f.geometry) })),
  };
}

/**
 * One folder named for the document (Google Earth lists it by that name) holding a Placemark per
 * feature, named by `nameOf`; empty properties are left out rather than written as "null".
 */
export function writeKml(documentName: string, features: Feature<Polygon | MultiPolygon>[], nameOf: (f: Feature) => string): string {
  const placemarks = features.map((f) => ({
    ...f,
    properties: { ...Object.fromEntries(Object.entries(f.properties ?? {}).filter(([, v]) => v !== null && v !== undefined)), name: nameOf(f) },
  }));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${foldersToKML({ type: 'root', children: [{ type: 'folder', meta: { name: documentName }, children: placemarks }] })}\n`;
}
