// A small handle on the live map for end-to-end tests (and the console): projecting a place to
// a pixel lets a test click a unit on the canvas the way a user would.
import type { Map as MapLibreMap } from 'maplibre-gl';

export interface MapHandle {
  project(lngLat: [number, number]): [number, number];
  /** Resolves once the camera has stopped and all tiles and layers have drawn. */
  whenIdle(): Promise<void>;
  bounds(): [number, number, number, number];
  /** The `name` of every label MapLibre has placed on screen. */
  labels(): string[];
}

declare global {
  interface Window {
    __gridmap?: MapHandle;
  }
}

/** Puts the handle for this map on `window.__gridmap`; `labels` lists what the page labels. */
export function exposeMapHandle(m: MapLibreMap, labels: () => string[] = () => []): void {
  window.__gridmap = {
    project: (lngLat) => {
      const p = m.project(lngLat);
      const r = m.getCanvas().getBoundingClientRect();
      return [p.x + r.left, p.y + r.top];
    },
    whenIdle: () =>
      new Promise<void>((resolve) => {
        if (m.loaded() && !m.isMoving()) resolve();
        else m.once('idle', () => resolve());
      }),
    bounds: () => m.getBounds().toArray().flat() as [number, number, number, number],
    labels,
  };
}
