// Colours shared by the MapLibre basemap (CSS strings) and deck.gl layers (RGBA arrays).
export type RGBA = [number, number, number, number];

/** Pastel fills so that neighbouring units stay distinguishable; chosen by id, so stable. */
const PALETTE: RGBA[] = [
  [99, 155, 255, 110],
  [255, 159, 90, 110],
  [120, 200, 120, 110],
  [200, 120, 220, 110],
  [250, 210, 80, 110],
  [90, 200, 200, 110],
  [240, 120, 140, 110],
  [160, 170, 90, 110],
];

export function fillFor(id: string): RGBA {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) | 0;
  return PALETTE[Math.abs(hash) % PALETTE.length];
}

export const SELECTED_FILL: RGBA = [214, 40, 40, 170];
export const SELECTED_LINE: RGBA = [160, 20, 20, 255];
export const HOVER_FILL: RGBA = [255, 255, 255, 90];
export const UNIT_LINE: RGBA = [255, 255, 255, 230];
export const OUTLINE: RGBA = [200, 30, 30, 255];
export const VILLAGE_FILL: RGBA = [230, 140, 30, 25];
export const VILLAGE_LINE: RGBA = [200, 100, 0, 255];
export const BUILDING_FILL: RGBA = [60, 60, 80, 220];

export const basemap = {
  background: '#f3f1ea',
  land: '#eef0e6',
  water: '#a8cbe8',
  waterLine: '#7fb0da',
  expressway: '#f0a35e',
  mainRoad: '#f7cf7a',
  road: '#ffffff',
  roadCasing: '#c9c4b8',
  townLine: '#6b5b95',
  communityLine: '#9a8fb8',
  labelText: '#2d2a3e',
  labelHalo: '#ffffff',
} as const;

// A look-up answer: its area in blue, distinct from the red selection of the drill-down.
export const LOOKUP_AREA_FILL: RGBA = [31, 111, 235, 28];
export const LOOKUP_AREA_LINE: RGBA = [31, 111, 235, 255];
export const LOOKUP_MARKER: RGBA = [31, 111, 235, 255];
export const LOOKUP_MARKER_LINE: RGBA = [255, 255, 255, 255];

// The history view's comparison: version A in blue, B in orange, land gained green, land lost red.
export const HISTORY_A_FILL: RGBA = [31, 111, 235, 40];
export const HISTORY_A_LINE: RGBA = [31, 111, 235, 255];
export const HISTORY_B_FILL: RGBA = [230, 120, 20, 40];
export const HISTORY_B_LINE: RGBA = [200, 95, 0, 255];
export const HISTORY_ADDED: RGBA = [40, 160, 70, 170];
export const HISTORY_REMOVED: RGBA = [214, 40, 40, 170];

/** The same colour for a legend swatch in CSS. */
export const cssColor = ([r, g, b, a]: RGBA) => `rgba(${r}, ${g}, ${b}, ${(a / 255).toFixed(2)})`;
