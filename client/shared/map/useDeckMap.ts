// The one map host: a MapLibre map from newMap with the deck.gl overlay interleaved in it,
// made when the component mounts and removed with it. The grid, the plan editor and the
// scenario comparison draw with it; each adds only its own pointer handling and camera moves.
// Call it in setup before the page's own onMounted, which then finds `map` made.
// Resizing is MapLibre's: it watches its container (trackResize) and deck.gl follows it.
import { onBeforeUnmount, onMounted, ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { MapLibreOverlay, type MapLibreOverlayProps } from '@deck.gl/maplibre';
import type { Layer } from '@deck.gl/core';
import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { BBox } from '../api/types';
import { exposeMapHandle } from './handle';
import { newMap } from './newMap';

export interface DeckMapOptions {
  style: StyleSpecification;
  /** Where the map opens. */
  bbox: BBox | null;
  padding: number;
  /** The overlay's layers, followed as they change. */
  layers: () => Layer[];
  /** The page's own deck.gl handlers. */
  onHover?: MapLibreOverlayProps['onHover'];
  /** Once the style and the overlay are in, before `loaded` turns true: the page's sources, its first fit. */
  onLoad?: (map: MapLibreMap) => void;
  /** Put this map on `window.__gridmap` for tests; a function names the labels it shows. */
  handle?: boolean | ((map: MapLibreMap) => string[]);
}

export interface DeckMap {
  map: ShallowRef<MapLibreMap | null>;
  /** True once the style and the overlay are in. */
  loaded: Ref<boolean>;
}

export function useDeckMap(container: Ref<HTMLElement | null>, options: DeckMapOptions): DeckMap {
  const map = shallowRef<MapLibreMap | null>(null);
  const loaded = ref(false);
  let overlay: MapLibreOverlay | null = null;

  onMounted(() => {
    if (!container.value) return;
    const m = newMap(container.value, options.style, options.bbox, options.padding);
    map.value = m;
    m.on('load', () => {
      overlay = new MapLibreOverlay({
        interleaved: true,
        layers: options.layers(),
        // deck.gl picks on pointerdown and times the press by when events are handled, not when
        // they happened: a pick that takes a few hundred ms (software WebGL, a weak office GPU, a
        // busy machine) would otherwise turn the click into nothing.
        eventRecognizerOptions: { click: { time: 1500 } },
        // deck.gl follows the camera by the map's 'move' events only once it has initialised: a
        // move before that (a fit when the page's box is known at load) leaves its picking on
        // the old view, so clicks land on the wrong object. One no-op move after it is ready
        // brings it up to date.
        onLoad: () => requestAnimationFrame(() => m.jumpTo({ center: m.getCenter() })),
        ...(options.onHover ? { onHover: options.onHover } : {}),
      });
      m.addControl(overlay);
      options.onLoad?.(m);
      loaded.value = true;
    });
    const { handle } = options;
    if (handle) exposeMapHandle(m, typeof handle === 'function' ? () => handle(m) : undefined);
  });

  watch(options.layers, (layers) => overlay?.setProps({ layers }));

  onBeforeUnmount(() => {
    overlay?.finalize();
    map.value?.remove();
    if (options.handle) delete window.__gridmap;
  });

  return { map, loaded };
}
