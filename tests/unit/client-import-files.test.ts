// Which layer a chosen file goes to in the import wizard: by its own name (as the CLI reads a
// folder, or by the layer's Chinese name), else a single file to the layer the admin chose;
// files it cannot read, cannot place or that name one layer twice are said, not sent.
import { describe, expect, it } from 'vitest';
import { assignFiles, layerNamedBy, readableFile } from '../../client/features/import/files';

const file = (name: string) => ({ name });

describe('the layer a file is for', () => {
  it('reads the layer from the file name the way the CLI does, and from the layer’s Chinese name', () => {
    expect(layerNamedBy('towns.zip')).toBe('towns');
    expect(layerNamedBy('Village-Communities.XLSX')).toBe('village-communities');
    expect(layerNamedBy('C:\\export\\buildings.geojson')).toBe('buildings');
    expect(layerNamedBy('楼栋.geojson')).toBe('buildings');
    expect(layerNamedBy('行政村.zip')).toBe('villages');
    expect(layerNamedBy('镇街边界2024.zip')).toBeUndefined();
  });

  it('reads only the formats the import reads', () => {
    expect(['a.zip', 'a.geojson', 'a.json', 'a.kml', 'a.XLSX', 'a.csv'].every(readableFile)).toBe(true);
    expect(['a.xls', 'a.shp', 'a.dbf', 'a.txt'].some(readableFile)).toBe(false);
  });
});

describe('assigning files to layers', () => {
  it('sends files named by layer to their layers, several at once', () => {
    const plan = assignFiles([file('towns.zip'), file('aliases.csv')], null);
    expect(plan.assigned.map((a) => [a.file.name, a.layer])).toEqual([['towns.zip', 'towns'], ['aliases.csv', 'aliases']]);
    expect([plan.unreadable, plan.unassigned, plan.twice]).toEqual([[], [], []]);
  });

  it('gives a single file of another name to the chosen layer, and asks for several', () => {
    expect(assignFiles([file('镇街边界.zip')], 'towns').assigned.map((a) => a.layer)).toEqual(['towns']);
    expect(assignFiles([file('镇街边界.zip')], null).unassigned).toEqual(['镇街边界.zip']);
    const two = assignFiles([file('镇街边界.zip'), file('社区.xlsx')], 'towns');
    expect(two.unassigned).toEqual(['镇街边界.zip']);
    expect(two.assigned.map((a) => a.layer)).toEqual(['communities']);
  });

  it('a file’s own name wins over the chosen layer', () => {
    expect(assignFiles([file('buildings.geojson')], 'towns').assigned.map((a) => a.layer)).toEqual(['buildings']);
  });

  it('says which files it cannot read and which layer came twice, keeping the first', () => {
    const plan = assignFiles([file('towns.zip'), file('towns.geojson'), file('towns.xls')], null);
    expect(plan.assigned.map((a) => a.file.name)).toEqual(['towns.zip']);
    expect(plan.twice).toEqual(['towns']);
    expect(plan.unreadable).toEqual(['towns.xls']);
  });
});
