// KML in and out. KML is WGS84 by its specification, so a KML upload never asks for a system.
// Reading is @tmcw/togeojson over @xmldom/xmldom (strict: broken XML is refused with its line);
// writing is a few lines of our own, a Placemark per area with its metrics as ExtendedData.
import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
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
    throw new FileProblem(400, `broken XML: ${broken ?? (err as Error).message}`);
  }
  if (doc.documentElement?.localName !== 'kml') throw new FileProblem(400, `not KML: the root element is <${doc.documentElement?.localName ?? 'none'}>, not <kml>`);
  const collection = kml(doc as unknown as Document);
  return {
    declared: crsFromChoice('wgs84'),
    features: collection.features.map((f) => ({ properties: f.properties, geometry: polygonsTogether(f.geometry) })),
  };
}

const escape = (text: string) => text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
const coordinates = (ring: Position[]) => ring.map((p) => `${p[0]},${p[1]}`).join(' ');
const polygon = (rings: Position[][]) =>
  `<Polygon><outerBoundaryIs><LinearRing><coordinates>${coordinates(rings[0]!)}</coordinates></LinearRing></outerBoundaryIs>` +
  rings.slice(1).map((r) => `<innerBoundaryIs><LinearRing><coordinates>${coordinates(r)}</coordinates></LinearRing></innerBoundaryIs>`).join('') +
  '</Polygon>';

export function writeKml(documentName: string, features: Feature<Polygon | MultiPolygon>[], nameOf: (f: Feature) => string): string {
  const placemarks = features.map((f) => {
    const data = Object.entries(f.properties ?? {})
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => `<Data name="${escape(k)}"><value>${escape(String(v))}</value></Data>`)
      .join('');
    const g = f.geometry;
    const shape = g.type === 'Polygon' ? polygon(g.coordinates) : `<MultiGeometry>${g.coordinates.map(polygon).join('')}</MultiGeometry>`;
    return `<Placemark><name>${escape(nameOf(f))}</name><ExtendedData>${data}</ExtendedData>${shape}</Placemark>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>${escape(documentName)}</name>\n${placemarks.join('\n')}\n</Document></kml>\n`;
}
