// The one way a page makes its MapLibre map: our own style, Chinese labels in the browser's
// fonts, zoom buttons, and a drawing buffer kept so screenshots (tests, users' "save image")
// capture it. The page adds its own deck.gl overlay and pointer handling.
import { Map as MapLibreMap, NavigationControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { BBox } from '../api/types';

// maplibre-gl 6 computes its worker URL at run time, which the bundler cannot see.
setWorkerUrl(workerUrl);

/** The demo city's extent, until the page knows better. */
const CITY: BBox = [120.0, 31.8, 120.4, 32.06];

export function newMap(container: HTMLElement, style: StyleSpecification, bbox: BBox | null, padding: number): MapLibreMap {
  const map = new MapLibreMap({
    container,
    style,
    bounds: bbox ?? CITY,
    fitBoundsOptions: { padding },
    attributionControl: false,
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  return map;
}
