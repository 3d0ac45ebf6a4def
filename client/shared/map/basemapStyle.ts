// The MapLibre style: a basemap drawn from the city's own vector tiles (water, roads, town and
// community boundaries) or an external XYZ raster, plus labels. Pure: config in, style out.
import type {
  DataDrivenPropertyValueSpecification,
  FilterSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import type { BasemapConfig } from '../config';
import type { Locale } from '../i18n';
import { basemap as c } from './colors';

/**
 * The fonts every label is drawn in, by the browser: the style has no glyphs URL, so MapLibre
 * (GL JS ≥ 5.11) draws each glyph locally from this list (then sans-serif), Chinese and pinyin
 * alike, and fetches no glyph files.
 */
export const LABEL_FONTS = ['Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC'];
export const LABEL_LAYERS = ['labels-unit', 'labels-community', 'labels-town'] as const;
/** deck.gl layers go right below this one, under all labels. */
export const FIRST_LABEL_LAYER = LABEL_LAYERS[0];

export interface BasemapOptions {
  basemap: BasemapConfig;
  /** Page origin; the style spec wants absolute URLs for tiles. */
  origin: string;
  locale: Locale;
}

export function labelTextField(locale: Locale): DataDrivenPropertyValueSpecification<string> {
  return locale === 'en' ? ['coalesce', ['get', 'nameEn'], ['get', 'name']] : ['get', 'name'];
}

function tiles(origin: string, layer: string, minzoom = 0): SourceSpecification {
  return { type: 'vector', tiles: [`${origin}/tiles/${layer}/{z}/{x}/{y}.pbf`], minzoom, maxzoom: 14 };
}

function ownLayers(): LayerSpecification[] {
  const polygon: FilterSpecification = ['==', ['geometry-type'], 'Polygon'];
  const line: FilterSpecification = ['==', ['geometry-type'], 'LineString'];
  const roadWidth = (base: number): DataDrivenPropertyValueSpecification<number> => [
    'interpolate', ['exponential', 1.6], ['zoom'], 9, base * 0.4, 14, base * 2.5, 17, base * 8,
  ];
  return [
    { id: 'water-fill', type: 'fill', source: 'water', 'source-layer': 'water', filter: polygon, paint: { 'fill-color': c.water } },
    { id: 'water-line', type: 'line', source: 'water', 'source-layer': 'water', filter: line, paint: { 'line-color': c.waterLine, 'line-width': roadWidth(2) } },
    { id: 'road-minor', type: 'line', source: 'roads', 'source-layer': 'roads', filter: ['==', ['get', 'kind'], 'road'], minzoom: 11, paint: { 'line-color': c.road, 'line-width': roadWidth(1) } },
    { id: 'road-main', type: 'line', source: 'roads', 'source-layer': 'roads', filter: ['==', ['get', 'kind'], 'main_road'], paint: { 'line-color': c.mainRoad, 'line-width': roadWidth(1.6) } },
    { id: 'road-expressway', type: 'line', source: 'roads', 'source-layer': 'roads', filter: ['==', ['get', 'kind'], 'expressway'], paint: { 'line-color': c.expressway, 'line-width': roadWidth(2.2) } },
  ];
}

function boundaryLayers(): LayerSpecification[] {
  return [
    { id: 'community-line', type: 'line', source: 'communities', 'source-layer': 'communities', minzoom: 10, paint: { 'line-color': c.communityLine, 'line-width': 0.8, 'line-dasharray': [3, 2] } },
    { id: 'town-line', type: 'line', source: 'towns', 'source-layer': 'towns', paint: { 'line-color': c.townLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1.2, 14, 3] } },
  ];
}

function labelLayers(locale: Locale): LayerSpecification[] {
  const common = {
    'text-field': labelTextField(locale),
    'text-font': LABEL_FONTS,
    'text-max-width': 8,
  };
  const paint = { 'text-color': c.labelText, 'text-halo-color': c.labelHalo, 'text-halo-width': 1.6 };
  return [
    { id: 'labels-unit', type: 'symbol', source: 'labels', filter: ['==', ['get', 'rank'], 'unit'], layout: { ...common, 'text-size': 12 }, paint },
    { id: 'labels-community', type: 'symbol', source: 'labels', filter: ['==', ['get', 'rank'], 'community'], minzoom: 11, layout: { ...common, 'text-size': 12 }, paint },
    { id: 'labels-town', type: 'symbol', source: 'labels', filter: ['==', ['get', 'rank'], 'town'], layout: { ...common, 'text-size': ['interpolate', ['linear'], ['zoom'], 9, 13, 13, 18] }, paint: { ...paint, 'text-halo-width': 2 } },
  ];
}

export function buildBasemapStyle(options: BasemapOptions): StyleSpecification {
  const { origin, basemap } = options;
  const sources: Record<string, SourceSpecification> = {
    towns: tiles(origin, 'towns'),
    communities: tiles(origin, 'communities', 8),
    // Label points are computed in the client from the units' shapes (see labelPoints.ts).
    labels: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
  };
  const layers: LayerSpecification[] = [{ id: 'background', type: 'background', paint: { 'background-color': c.background } }];
  if (basemap.kind === 'xyz') {
    sources.raster = { type: 'raster', tiles: [basemap.url], tileSize: 256, attribution: basemap.attribution };
    layers.push({ id: 'raster', type: 'raster', source: 'raster' });
  } else {
    sources.water = tiles(origin, 'water');
    sources.roads = tiles(origin, 'roads');
    layers.push(...ownLayers());
  }
  layers.push(...boundaryLayers(), ...labelLayers(options.locale));
  return {
    version: 8,
    name: 'GridMap',
    sources,
    layers,
  };
}
