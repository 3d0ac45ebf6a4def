// The charts as one PNG: each chart's SVG, as drawn on the page, becomes an image (a data: URL, which
// the page's CSP allows for images) and is painted onto one canvas, top to bottom, at twice the size
// for print. Browser-only; the charts themselves come from the pure builders in charts.ts.
const SCALE = 2;
const MARGIN = 16;
const GAP = 24;

async function imageOf(svg: SVGSVGElement): Promise<HTMLImageElement> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
  await image.decode();
  return image;
}

export async function chartsPng(svgs: SVGSVGElement[]): Promise<Blob> {
  const images = await Promise.all(svgs.map(imageOf));
  const size = (svg: SVGSVGElement) => ({ width: svg.width.baseVal.value, height: svg.height.baseVal.value });
  const width = Math.max(...svgs.map((s) => size(s).width)) + 2 * MARGIN;
  const height = svgs.reduce((h, s) => h + size(s).height, 0) + GAP * (svgs.length - 1) + 2 * MARGIN;
  const canvas = document.createElement('canvas');
  canvas.width = width * SCALE;
  canvas.height = height * SCALE;
  const g = canvas.getContext('2d')!;
  g.scale(SCALE, SCALE);
  g.fillStyle = '#fff';
  g.fillRect(0, 0, width, height);
  let y = MARGIN;
  images.forEach((image, i) => {
    const { width: w, height: h } = size(svgs[i]!);
    g.drawImage(image, MARGIN, y, w, h);
    y += h + GAP;
  });
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas gave no PNG'))), 'image/png'));
}

export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The download has started by then; the URL is only needed for it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
