// A QR code as SVG geometry, encoded in the page (uqr): the card's link to the resident page
// needs no network and prints as sharp vectors.
import { encode } from 'uqr';

export interface QrSvg {
  /** Modules across, the 4-module quiet zone included. */
  size: number;
  /** One path: a 1×1 square per dark module. */
  path: string;
  modules: boolean[][];
}

/** Medium error correction: a card may get creased or smudged. */
export function buildQr(text: string): QrSvg {
  const { data } = encode(text, { ecc: 'M', border: 4 });
  const path = data.flatMap((row, y) => row.flatMap((dark, x) => (dark ? [`M${x} ${y}h1v1h-1z`] : []))).join('');
  return { size: data.length, path, modules: data };
}

/** The public resident page that shows one area's card (in `city`, when the server serves several). */
export const residentUrl = (origin: string, areaId: string, city?: string) =>
  `${origin}/resident?area=${encodeURIComponent(areaId)}${city ? `&city=${encodeURIComponent(city)}` : ''}`;
