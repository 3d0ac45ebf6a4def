// Reading a QR code off a screenshot in an end-to-end test: the page's own canvas turns the PNG
// into pixels, jsQR reads the code from them.
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';

export async function decodeQr(page: Page, png: Buffer): Promise<string | undefined> {
  const { width, height, data } = await page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const g = canvas.getContext('2d')!;
    g.drawImage(img, 0, 0);
    return { width: img.width, height: img.height, data: Array.from(g.getImageData(0, 0, img.width, img.height).data) };
  }, `data:image/png;base64,${png.toString('base64')}`);
  return jsQR(Uint8ClampedArray.from(data), width, height)?.data;
}
