// The service card's little map as plain SVG geometry, from the area's GeoJSON alone: no tiles,
// so it prints crisply and works offline. A local equirectangular projection in metres is exact
// enough over an area a few hundred metres across, and keeps the scale bar honest.
import type { MultiPolygon, Position } from 'geojson';
import { boxOf, type Box } from '../../../server/domain/box';
import { METRES_PER_DEGREE } from '../../../server/domain/earth';

export interface CardMapInput {
  outline: MultiPolygon;
  buildings: Array<[number, number]>;
  /** The service centre; drawn only when it is near enough not to shrink the area to a speck. */
  centre: [number, number] | null;
  width: number;
  height: number;
  padding: number;
}

export interface CardMap {
  width: number;
  height: number;
  /** One SVG path for all rings (even-odd fill keeps holes open). */
  outlinePath: string;
  buildings: Array<{ x: number; y: number }>;
  centre: { x: number; y: number } | null;
  scaleBar: { x: number; y: number; length: number; metres: number; label: string };
}

/** The centre joins the frame only if the frame then spans at most this many times the area. */
const CENTRE_REACH = 3;

const span = (b: Box) => Math.max(b[2] - b[0], b[3] - b[1]);

/** 1, 2 or 5 × 10ⁿ metres, the longest not over `max`. */
export function roundMetres(max: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(max, 1)));
  return [5, 2, 1].map((m) => m * power).find((m) => m <= max) ?? power;
}

export function buildCardMap({ outline, buildings, centre, width, height, padding }: CardMapInput): CardMap {
  const rings = outline.coordinates.flat();
  const areaBox = boxOf(rings.flat());
  const lat0 = (areaBox[1] + areaBox[3]) / 2;
  const cos = Math.cos((lat0 * Math.PI) / 180);
  // Lng/lat to metres east/north of the area's south-west corner.
  const toMetres = ([lng, lat]: Position): [number, number] => [
    (lng! - areaBox[0]) * cos * METRES_PER_DEGREE,
    (lat! - areaBox[1]) * METRES_PER_DEGREE,
  ];
  const areaM = boxOf(rings.flat().map(toMetres));
  const centreM = centre && toMetres(centre);
  const withCentre = centreM && boxOf([...[[areaM[0], areaM[1]], [areaM[2], areaM[3]]], centreM]);
  const showCentre = withCentre !== null && span(withCentre) <= CENTRE_REACH * Math.max(span(areaM), 1);
  const frame = showCentre ? withCentre : areaM;

  // Pixels per metre: fit the frame into the drawing area, same scale both ways, centred.
  const innerW = width - 2 * padding;
  const innerH = height - 2 * padding;
  const scale = Math.min(innerW / Math.max(frame[2] - frame[0], 1), innerH / Math.max(frame[3] - frame[1], 1));
  const offsetX = padding + (innerW - (frame[2] - frame[0]) * scale) / 2;
  const offsetY = padding + (innerH - (frame[3] - frame[1]) * scale) / 2;
  const round = (v: number) => Math.round(v * 10) / 10;
  const toPixel = (p: Position) => {
    const [x, y] = toMetres(p);
    return { x: round(offsetX + (x - frame[0]) * scale), y: round(height - offsetY - (y - frame[1]) * scale) };
  };

  const outlinePath = rings
    .map((ring) => ring.map((p, i) => {
      const { x, y } = toPixel(p);
      return `${i ? 'L' : 'M'}${x} ${y}`;
    }).join('') + 'Z')
    .join('');
  const metres = roundMetres(innerW / 3 / scale);
  return {
    width,
    height,
    outlinePath,
    buildings: buildings.map(toPixel),
    centre: showCentre && centre ? toPixel(centre) : null,
    scaleBar: {
      x: padding,
      y: height - padding / 2,
      length: round(metres * scale),
      metres,
      label: metres >= 1000 ? `${metres / 1000} km` : `${metres} m`,
    },
  };
}
