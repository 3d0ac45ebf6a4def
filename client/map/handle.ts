// A small handle on the live map for end-to-end tests (and the console): projecting a place to
// a pixel lets a test click a unit on the canvas the way a user would.
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
