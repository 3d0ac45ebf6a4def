// Signed distance field of a glyph outline, in the layout MapLibre expects from a glyph PBF:
// rendered at 24 px, 3 px border, edge at 192/255, 8 px falloff (radius 8, cutoff 0.25).
import type { Contour, GlyphOutline } from './ttf';

export const SIZE = 24;
export const BORDER = 3;
const RADIUS = 8;
const CUTOFF = 0.25;
/** Server glyph tops are measured from above the em box; this matches MapLibre's local glyphs. */
const TOP_ADJUST = 27;

export interface SdfGlyph {
  id: number;
  width: number;
  height: number;
  left: number;
  top: number;
  advance: number;
  bitmap: Uint8Array;
}

type Segment = [number, number, number, number];

/** Flattens quadratic contours (implied on-curve midpoints included) into line segments. */
export function flatten(contours: Contour[], scale: number): Segment[] {
  const segments: Segment[] = [];
  for (const { points } of contours) {
    if (points.length < 2) continue;
    // Start at an on-curve point; if there is none, at the midpoint of the first two.
    const n = points.length;
    const startIndex = points.findIndex((p) => p.on);
    const pts = startIndex >= 0 ? [...points.slice(startIndex), ...points.slice(0, startIndex)] : points;
    const first = pts[0].on ? pts[0] : { x: (pts[0].x + pts[n - 1].x) / 2, y: (pts[0].y + pts[n - 1].y) / 2, on: true };
    let cx = first.x;
    let cy = first.y;
    const lineTo = (x: number, y: number) => {
      segments.push([cx * scale, cy * scale, x * scale, y * scale]);
      cx = x;
      cy = y;
    };
    const quadTo = (qx: number, qy: number, x: number, y: number) => {
      const steps = 8;
      const [x0, y0] = [cx, cy];
      for (let s = 1; s <= steps; s++) {
        const t = s / steps;
        const u = 1 - t;
        lineTo(u * u * x0 + 2 * u * t * qx + t * t * x, u * u * y0 + 2 * u * t * qy + t * t * y);
      }
    };
    let control: { x: number; y: number } | null = null;
    for (let i = 1; i <= n; i++) {
      const p = i === n ? first : pts[i];
      if (p.on) {
        if (control) quadTo(control.x, control.y, p.x, p.y);
        else lineTo(p.x, p.y);
        control = null;
      } else if (control) {
        const mx = (control.x + p.x) / 2;
        const my = (control.y + p.y) / 2;
        quadTo(control.x, control.y, mx, my);
        control = p;
      } else control = p;
    }
    if (control) quadTo(control.x, control.y, first.x, first.y);
  }
  return segments;
}

function distanceToSegment(px: number, py: number, [x1, y1, x2, y2]: Segment): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len = dx * dx + dy * dy;
  const t = len ? Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / len)) : 0;
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}

/** Non-zero winding: TrueType fills by the direction of its contours. */
function inside(px: number, py: number, segments: Segment[]): boolean {
  let winding = 0;
  for (const [x1, y1, x2, y2] of segments) {
    if (y1 <= py !== y2 <= py) {
      const x = x1 + ((py - y1) * (x2 - x1)) / (y2 - y1);
      if (x > px) winding += y2 > y1 ? 1 : -1;
    }
  }
  return winding !== 0;
}

export function renderSdf(id: number, outline: GlyphOutline, unitsPerEm: number): SdfGlyph {
  const scale = SIZE / unitsPerEm;
  const advance = Math.round(outline.advance * scale);
  const b = outline.bounds;
  if (!b || outline.contours.length === 0) {
    return { id, width: 0, height: 0, left: 0, top: -TOP_ADJUST, advance, bitmap: new Uint8Array(0) };
  }
  const left = Math.floor(b.xMin * scale);
  const bottom = Math.floor(b.yMin * scale);
  const right = Math.ceil(b.xMax * scale);
  const top = Math.ceil(b.yMax * scale);
  const width = right - left;
  const height = top - bottom;
  const w = width + 2 * BORDER;
  const h = height + 2 * BORDER;
  const segments = flatten(outline.contours, scale);
  const bitmap = new Uint8Array(w * h);
  for (let row = 0; row < h; row++) {
    const y = top + BORDER - row - 0.5;
    for (let col = 0; col < w; col++) {
      const x = left - BORDER + col + 0.5;
      let d = Infinity;
      for (const s of segments) d = Math.min(d, distanceToSegment(x, y, s));
      const signed = inside(x, y, segments) ? -d : d;
      bitmap[row * w + col] = Math.max(0, Math.min(255, Math.round(255 - 255 * (signed / RADIUS + CUTOFF))));
    }
  }
  return { id, width, height, left, top: top - TOP_ADJUST, advance, bitmap };
}
