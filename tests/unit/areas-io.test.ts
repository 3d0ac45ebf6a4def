// The pure pieces of area import / export: which coordinate system a .prj or an EPSG code names
// (and which are refused by name), and that our shapefile writer's output reads back through an
// independent reader with holes, multipolygons, Chinese text and ten-character fields intact.
import { unzipSync } from 'fflate';
import type { MultiPolygon, Polygon } from 'geojson';
import { read } from 'shapefile';
import { describe, expect, it } from 'vitest';
import { toAreaFeatures } from '../../server/analysis/areas-io/features';
import { FileProblem } from '../../server/analysis/areas-io/problem';
import { say } from '../../server/domain/messages';
import { crsFromChoice, crsFromPrj, positionConverter } from '../../server/analysis/areas-io/projections';
import { writeShapefileZip, type DbfField } from '../../server/analysis/areas-io/shapefile-write';

const GK_ZONE_40 =
  'PROJCS["CGCS2000_3_Degree_GK_Zone_40",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",40500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

describe('coordinate systems', () => {
  it('maps CGCS2000 Gauss-Krüger .prj files to their EPSG codes, with and without the zone prefix', () => {
    expect(crsFromPrj(GK_ZONE_40).label).toBe('EPSG:4528');
    expect(crsFromPrj(GK_ZONE_40.replace('40500000.0', '500000.0').replace('Zone_40', 'CM_120E')).label).toBe('EPSG:4549');
    expect(crsFromPrj(GK_ZONE_40.replace(/120\.0/, '117.0').replace('40500000.0', '500000.0')).label).toBe('EPSG:4548');
  });

  it('puts a point of zone 40 and of CM 120°E in the same place (the zone prefix is only a label)', () => {
    const zone40 = positionConverter(crsFromChoice('4528')!)([40_520_000, 3_550_000]);
    const cm120 = positionConverter(crsFromChoice('EPSG:4549')!)([520_000, 3_550_000]);
    expect(zone40[0]).toBeCloseTo(cm120[0], 9);
    expect(zone40[1]).toBeCloseTo(cm120[1], 9);
    // 20 km east of the central meridian, about 32° N.
    expect(zone40[0]).toBeGreaterThan(120.2);
    expect(zone40[0]).toBeLessThan(120.22);
  });

  it('refuses by name what it cannot convert: another ellipsoid, another projection, feet', () => {
    const refusal = (wkt: string) => {
      try {
        crsFromPrj(wkt);
        return 'accepted';
      } catch (err) {
        expect(err).toBeInstanceOf(FileProblem);
        expect((err as FileProblem).code).toBe('import_prj_unknown');
        return (err as Error).message;
      }
    };
    expect(refusal(GK_ZONE_40.replace('6378137.0,298.257222101', '6378140.0,298.257').replace('Zone_40', 'Xian_1980_Zone_40'))).toMatch(/"CGCS2000_3_Degree_GK_Xian_1980_Zone_40".*ellipsoid/);
    expect(refusal(GK_ZONE_40.replace('Gauss_Kruger', 'Lambert_Conformal_Conic'))).toMatch(/projection Lambert_Conformal_Conic/);
    expect(refusal(GK_ZONE_40.replace('UNIT["Meter",1.0]]', 'UNIT["Foot_US",0.3048006096012192]]'))).toMatch(/not the metre/);
    expect(refusal('LOCAL_CS["site grid"]')).toMatch(/not a WKT PROJCS or GEOGCS/);
    expect(crsFromChoice('2385')).toBeUndefined();
  });
});

describe('toAreaFeatures', () => {
  const square: Polygon = { type: 'Polygon', coordinates: [[[120, 32], [120.01, 32], [120.01, 32.01], [120, 32.01], [120, 32]]] };

  it('asks for the system of a file that does not declare one and has no default', () => {
    expect(() => toAreaFeatures({ features: [{ properties: {}, geometry: square }], undeclared: true }, undefined)).toThrow(/no \.prj: choose/);
  });

  it("refuses a feature's bad outline with its number, its name and the geometry check's own code", () => {
    const open: Polygon = { type: 'Polygon', coordinates: [square.coordinates[0]!.slice(0, 4)] };
    const refusal = (() => {
      try {
        return toAreaFeatures({ features: [{ properties: {}, geometry: square }, { properties: { name: '东片' }, geometry: open }] }, crsFromChoice('wgs84'));
      } catch (err) {
        return err as FileProblem;
      }
    })() as FileProblem;
    expect(refusal).toBeInstanceOf(FileProblem);
    expect(refusal).toMatchObject({ status: 422, code: 'import_feature_problem', params: { number: 2, name: '东片', problemCode: 'geometry_ring_not_closed' }, extra: { feature: 1 } });
    expect(say(refusal, 'zh')).toMatch(/^第 2 个要素“东片”：环 0：环没有闭合/);
  });

  it('finds names under Chinese field names and names the unnamed', () => {
    const preview = toAreaFeatures({ features: [{ properties: { 片区名称: '东片' }, geometry: square }, { properties: {}, geometry: square }] }, crsFromChoice('wgs84'));
    expect(preview.features.map((f) => f.name)).toEqual(['东片', '片区2']);
    expect(preview.warnings.map((w) => w.code)).toEqual(['import_unnamed']);
    expect(preview.warnings[0]!.message).toMatch(/没有名称/);
  });
});

describe('writeShapefileZip', () => {
  it('writes polygons with holes and multipolygons that an independent reader reads back, names in UTF-8', async () => {
    const withHole: Polygon = {
      type: 'Polygon',
      coordinates: [
        [[120, 32], [120.01, 32], [120.01, 32.01], [120, 32.01], [120, 32]],
        [[120.004, 32.004], [120.004, 32.006], [120.006, 32.006], [120.006, 32.004], [120.004, 32.004]],
      ],
    };
    const twoParts: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [
        [[[120.02, 32], [120.03, 32], [120.03, 32.01], [120.02, 32]]],
        [[[120.04, 32], [120.05, 32], [120.05, 32.01], [120.04, 32]]],
      ],
    };
    const fields: DbfField[] = [
      { name: 'NAME', type: 'C', length: 20 },
      { name: 'POPULATION', type: 'N', length: 10, decimals: 0 },
      { name: 'DEV_PCT', type: 'N', length: 10, decimals: 2 },
      { name: 'CONTIGUOUS', type: 'L' },
    ];
    const zip = unzipSync(
      writeShapefileZip('areas', fields, [
        // Eight three-byte characters in a 20-byte field: six whole ones are kept, no half character.
        { geometry: withHole, values: { NAME: '桃平社区第一片区', POPULATION: 1234, DEV_PCT: -3.456, CONTIGUOUS: true } },
        { geometry: twoParts, values: { NAME: 'Area 2', POPULATION: 0, DEV_PCT: 12, CONTIGUOUS: false } },
      ]),
    );
    const back = await read(zip['areas.shp']!, zip['areas.dbf']!, { encoding: 'utf-8' });
    expect(back.features.map((f) => f.properties)).toEqual([
      { NAME: '桃平社区第一', POPULATION: 1234, DEV_PCT: -3.46, CONTIGUOUS: true },
      { NAME: 'Area 2', POPULATION: 0, DEV_PCT: 12, CONTIGUOUS: false },
    ]);
    const first = back.features[0]!.geometry as Polygon;
    expect(first.type).toBe('Polygon');
    expect(first.coordinates).toHaveLength(2);
    const second = back.features[1]!.geometry as MultiPolygon;
    expect(second.type).toBe('MultiPolygon');
    expect(second.coordinates).toHaveLength(2);
  });
});
