// Just enough of a TrueType reader to get outlines and advances for a few hundred codepoints:
// cmap format 4, loca/glyf (simple and composite glyphs), hmtx. Quadratic outlines only (TTF),
// which is what DejaVu / Liberation ship.

export interface Contour {
  points: { x: number; y: number; on: boolean }[];
}

export interface GlyphOutline {
  contours: Contour[];
  advance: number;
  bounds: { xMin: number; yMin: number; xMax: number; yMax: number } | null;
}

export class TrueTypeFont {
  private readonly view: DataView;
  private readonly tables = new Map<string, number>();
  readonly unitsPerEm: number;
  private readonly longLoca: boolean;
  private readonly numGlyphs: number;
  private readonly numHMetrics: number;
  private readonly cmap = new Map<number, number>();

  constructor(bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const numTables = this.view.getUint16(4);
    for (let i = 0; i < numTables; i++) {
      const rec = 12 + i * 16;
      const tag = String.fromCharCode(...bytes.subarray(rec, rec + 4));
      this.tables.set(tag, this.view.getUint32(rec + 8));
    }
    const head = this.table('head');
    this.unitsPerEm = this.view.getUint16(head + 18);
    this.longLoca = this.view.getInt16(head + 50) === 1;
    this.numGlyphs = this.view.getUint16(this.table('maxp') + 4);
    this.numHMetrics = this.view.getUint16(this.table('hhea') + 34);
    this.readCmap();
  }

  private table(tag: string): number {
    const offset = this.tables.get(tag);
    if (offset === undefined) throw new Error(`font has no ${tag} table`);
    return offset;
  }

  private readCmap() {
    const v = this.view;
    const cmap = this.table('cmap');
    const count = v.getUint16(cmap + 2);
    for (let i = 0; i < count; i++) {
      const platform = v.getUint16(cmap + 4 + i * 8);
      const encoding = v.getUint16(cmap + 6 + i * 8);
      const sub = cmap + v.getUint32(cmap + 8 + i * 8);
      if (platform === 3 && encoding === 1 && v.getUint16(sub) === 4) return this.readFormat4(sub);
    }
    throw new Error('font has no Unicode BMP (3,1) cmap in format 4');
  }

  private readFormat4(sub: number) {
    const v = this.view;
    const segX2 = v.getUint16(sub + 6);
    const ends = sub + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const rangeOffsets = deltas + segX2;
    for (let s = 0; s < segX2 / 2; s++) {
      const end = v.getUint16(ends + s * 2);
      const start = v.getUint16(starts + s * 2);
      const delta = v.getInt16(deltas + s * 2);
      const rangeAt = rangeOffsets + s * 2;
      const rangeOffset = v.getUint16(rangeAt);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let glyph: number;
        if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
        else {
          glyph = v.getUint16(rangeAt + rangeOffset + (c - start) * 2);
          if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
        }
        if (glyph !== 0) this.cmap.set(c, glyph);
      }
    }
  }

  glyphIndex(codePoint: number): number | undefined {
    return this.cmap.get(codePoint);
  }

  private advanceOf(glyph: number): number {
    const hmtx = this.table('hmtx');
    const i = Math.min(glyph, this.numHMetrics - 1);
    return this.view.getUint16(hmtx + i * 4);
  }

  private glyphRange(glyph: number): [number, number] {
    const loca = this.table('loca');
    const at = (i: number) => (this.longLoca ? this.view.getUint32(loca + i * 4) : this.view.getUint16(loca + i * 2) * 2);
    return [at(glyph), at(glyph + 1)];
  }

  outline(codePoint: number): GlyphOutline | null {
    const glyph = this.glyphIndex(codePoint);
    if (glyph === undefined) return null;
    const contours = this.contours(glyph, 0);
    let bounds: GlyphOutline['bounds'] = null;
    for (const c of contours)
      for (const p of c.points) {
        bounds ??= { xMin: p.x, yMin: p.y, xMax: p.x, yMax: p.y };
        bounds.xMin = Math.min(bounds.xMin, p.x);
        bounds.yMin = Math.min(bounds.yMin, p.y);
        bounds.xMax = Math.max(bounds.xMax, p.x);
        bounds.yMax = Math.max(bounds.yMax, p.y);
      }
    return { contours, advance: this.advanceOf(glyph), bounds };
  }

  private contours(glyph: number, depth: number): Contour[] {
    if (glyph >= this.numGlyphs || depth > 8) return [];
    const [from, to] = this.glyphRange(glyph);
    if (to <= from) return []; // empty glyph, e.g. space
    const at = this.table('glyf') + from;
    const numContours = this.view.getInt16(at);
    return numContours >= 0 ? this.simple(at, numContours) : this.composite(at, depth);
  }

  private simple(at: number, numContours: number): Contour[] {
    const v = this.view;
    const endPts: number[] = [];
    for (let i = 0; i < numContours; i++) endPts.push(v.getUint16(at + 10 + i * 2));
    const numPoints = numContours ? endPts[numContours - 1] + 1 : 0;
    let p = at + 10 + numContours * 2;
    p += 2 + v.getUint16(p); // skip instructions
    const flags: number[] = [];
    while (flags.length < numPoints) {
      const flag = v.getUint8(p++);
      flags.push(flag);
      if (flag & 8) {
        const repeat = v.getUint8(p++);
        for (let r = 0; r < repeat; r++) flags.push(flag);
      }
    }
    const readCoords = (shortBit: number, sameBit: number): number[] => {
      const out: number[] = [];
      let value = 0;
      for (const flag of flags) {
        if (flag & shortBit) {
          const d = v.getUint8(p++);
          value += flag & sameBit ? d : -d;
        } else if (!(flag & sameBit)) {
          value += v.getInt16(p);
          p += 2;
        }
        out.push(value);
      }
      return out;
    };
    const xs = readCoords(2, 16);
    const ys = readCoords(4, 32);
    const contours: Contour[] = [];
    let start = 0;
    for (const end of endPts) {
      const points = [];
      for (let i = start; i <= end; i++) points.push({ x: xs[i], y: ys[i], on: (flags[i] & 1) === 1 });
      contours.push({ points });
      start = end + 1;
    }
    return contours;
  }

  private composite(at: number, depth: number): Contour[] {
    const v = this.view;
    const out: Contour[] = [];
    let p = at + 10;
    for (;;) {
      const flags = v.getUint16(p);
      const component = v.getUint16(p + 2);
      p += 4;
      let dx: number;
      let dy: number;
      if (flags & 1) {
        dx = v.getInt16(p);
        dy = v.getInt16(p + 2);
        p += 4;
      } else {
        dx = v.getInt8(p);
        dy = v.getInt8(p + 1);
        p += 2;
      }
      let [a, b, c, d] = [1, 0, 0, 1];
      const f2dot14 = (o: number) => v.getInt16(o) / 16384;
      if (flags & 8) {
        a = d = f2dot14(p);
        p += 2;
      } else if (flags & 0x40) {
        a = f2dot14(p);
        d = f2dot14(p + 2);
        p += 4;
      } else if (flags & 0x80) {
        [a, b, c, d] = [f2dot14(p), f2dot14(p + 2), f2dot14(p + 4), f2dot14(p + 6)];
        p += 8;
      }
      // Flag 2 unset means the arguments are point numbers to match up; rare in Latin, ignored.
      if (!(flags & 2)) dx = dy = 0;
      for (const contour of this.contours(component, depth + 1)) {
        out.push({
          points: contour.points.map((q) => ({ x: a * q.x + c * q.y + dx, y: b * q.x + d * q.y + dy, on: q.on })),
        });
      }
      if (!(flags & 0x20)) break;
    }
    return out;
  }
}
