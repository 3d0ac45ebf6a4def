// Coordinates typed into the look-up box ("120.28, 31.91"): staff copy them from other systems,
// phones and web maps, so full-width digits and commas, spaces and a swapped order are all read.

export type LngLat = [number, number];

/** Full-width digits, point, comma, minus and space → ASCII (U+FF01…FF5E sit 0xFEE0 above ASCII). */
function toHalfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

// Two decimal numbers (a point in each, so a house number pair like "5 12" stays an address),
// split by a comma, semicolon, slash or spaces.
const PAIR = /^\s*(-?\d{1,3}\.\d+)\s*(?:[,;/、，]\s*|\s+)(-?\d{1,3}\.\d+)\s*$/;

const isLat = (v: number) => Math.abs(v) <= 90;
const isLng = (v: number) => Math.abs(v) <= 180;

/**
 * `[lng, lat]` when the text is a coordinate pair, else null. Longitude comes first (GeoJSON,
 * our API); a pair whose second number is too large for a latitude, e.g. "31.91, 120.28", is
 * read latitude first, the order web maps copy.
 */
export function parseCoordinates(text: string): LngLat | null {
  const match = PAIR.exec(toHalfWidth(text));
  if (!match) return null;
  const a = Number(match[1]);
  const b = Number(match[2]);
  if (isLng(a) && isLat(b)) return [a, b];
  if (isLat(a) && isLng(b)) return [b, a];
  return null;
}
