// The KML we write is read back by our own KML reader as the same areas: names (XML-special
// characters included), metrics, holes and multi-part areas; a missing figure is left out.
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { readKml, writeKml } from '../../server/analysis/areas-io/kml-file';

const square = (x: number, y: number, d: number): Position[] => [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]];
const features: Feature<Polygon | MultiPolygon>[] = [
  { type: 'Feature', properties: { id: 'A1', name: '第一片区 <&>"\'', population: 1234, lead: null }, geometry: { type: 'Polygon', coordinates: [square(120, 31, 0.01), square(120.002, 31.002, 0.001)] } },
  { type: 'Feature', properties: { id: 'A2', name: '第二片区', population: 5, lead: '张三' }, geometry: { type: 'MultiPolygon', coordinates: [[square(121, 31, 0.01)], [square(121.1, 31, 0.01)]] } },
];

describe('writeKml', () => {
  const text = writeKml('城南社区片区', features, (f) => String(f.properties!.name));
  const back = readKml(new TextEncoder().encode(text));

  it('writes a Placemark per area that the reader takes back with its name, figures and shape', () => {
    expect(back.features.map((f) => f.properties)).toEqual([
      { name: '第一片区 <&>"\'', id: 'A1', population: '1234' },
      { name: '第二片区', id: 'A2', population: '5', lead: '张三' },
    ]);
    expect(back.features.map((f) => f.geometry)).toEqual(features.map((f) => f.geometry));
  });

  it('names the document, declares UTF-8 and writes no "null" for a missing figure', () => {
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">')).toBe(true);
    expect(text).toContain('<name>城南社区片区</name>');
    expect(text).not.toContain('null');
  });
});
