import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { buildQr, residentUrl } from '../../client/features/cards/qrCode';

/** Paints the path's squares into RGBA pixels, `scale` per module, the way a screen would. */
function paint(path: string, size: number, scale: number): Uint8ClampedArray {
  const side = size * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const [, x, y] of path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    for (let dy = 0; dy < scale; dy++) {
      for (let dx = 0; dx < scale; dx++) {
        const at = ((Number(y) * scale + dy) * side + Number(x) * scale + dx) * 4;
        pixels.fill(0, at, at + 3);
      }
    }
  }
  return pixels;
}

describe('buildQr', () => {
  it('draws a code that a QR reader decodes back to the resident page URL', () => {
    const url = residentUrl('http://127.0.0.1:3000', 'A0001');
    expect(url).toBe('http://127.0.0.1:3000/resident?area=A0001');
    const qr = buildQr(url);
    const decoded = jsQR(paint(qr.path, qr.size, 4), qr.size * 4, qr.size * 4);
    expect(decoded?.data).toBe(url);
  });

  it("names the city in the resident page's address when the server serves several", () => {
    expect(residentUrl('http://10.1.2.3', 'A 1', '320582')).toBe('http://10.1.2.3/resident?area=A%201&city=320582');
  });

  it('draws one square per dark module, inside a 4-module quiet zone', () => {
    const qr = buildQr('http://gridmap.example/resident?area=A1155');
    const dark = qr.modules.flat().filter(Boolean).length;
    expect(qr.path.match(/M/g)).toHaveLength(dark);
    for (const edge of [qr.modules.slice(0, 4), qr.modules.slice(-4), qr.modules.map((row) => row.slice(0, 4))]) {
      expect(edge.flat().some(Boolean)).toBe(false);
    }
  });
});
