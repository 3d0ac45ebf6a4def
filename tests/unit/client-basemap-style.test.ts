import { describe, expect, it } from 'vitest';
import { buildBasemapStyle, LABEL_FONTS, LABEL_LAYERS, labelTextField } from '../../client/shared/map/basemapStyle';

const origin = 'http://127.0.0.1:3000';

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

describe('buildBasemapStyle (own basemap)', () => {
  const style = buildBasemapStyle({ basemap: { kind: 'own' }, origin, locale: 'zh' });

  it('loads nothing from outside its own origin', () => {
    const urls = strings(style).filter((s) => s.includes('://'));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url.startsWith(`${origin}/`)).toBe(true);
  });

  it('has no glyphs URL, so MapLibre draws every label in the browser\'s fonts and fetches no glyph files', () => {
    expect(style).not.toHaveProperty('glyphs');
  });

  it('draws water, roads and both boundary levels from our vector tiles', () => {
    for (const layer of ['water', 'roads', 'towns', 'communities']) {
      const source = style.sources[layer];
      expect(source?.type).toBe('vector');
      expect(source && 'tiles' in source ? source.tiles : []).toEqual([`${origin}/tiles/${layer}/{z}/{x}/{y}.pbf`]);
    }
  });

  it('refers only to sources it defines and names the same local fonts for every label', () => {
    for (const layer of style.layers) {
      if ('source' in layer) expect(style.sources).toHaveProperty(layer.source);
    }
    const labels = style.layers.filter((l) => l.type === 'symbol');
    expect(labels.map((l) => l.id).sort()).toEqual([...LABEL_LAYERS].sort());
    for (const l of labels) expect(l.type === 'symbol' && l.layout?.['text-font']).toEqual(LABEL_FONTS);
  });

  it('labels in Chinese by default and in pinyin in English', () => {
    const town = style.layers.find((l) => l.id === 'labels-town');
    expect(town?.type === 'symbol' && town.layout?.['text-field']).toEqual(['get', 'name']);
    expect(JSON.stringify(labelTextField('en'))).toContain('nameEn');
  });
});

describe('buildBasemapStyle (configured XYZ basemap)', () => {
  it('replaces the drawn basemap by the raster source and keeps the grid boundaries', () => {
    const url = 'https://t0.example.cn/img_w/{z}/{x}/{y}';
    const style = buildBasemapStyle({ basemap: { kind: 'xyz', url, attribution: '天地图' }, origin, locale: 'zh' });
    expect(style.sources.raster).toMatchObject({ type: 'raster', tiles: [url], attribution: '天地图' });
    expect(style.sources.water).toBeUndefined();
    expect(style.layers.some((l) => l.id === 'town-line')).toBe(true);
  });
});
