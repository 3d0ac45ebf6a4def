import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PbfReader } from 'pbf';
import { encodeGlyphRange } from '../../client/tools/glyphs/pbf';
import { BORDER, renderSdf, type SdfGlyph } from '../../client/tools/glyphs/sdf';
import { TrueTypeFont } from '../../client/tools/glyphs/ttf';

type Decoded = { name?: string; range?: string; glyphs: Partial<SdfGlyph>[] };

// Decodes with the same protobuf reader MapLibre uses, so the format is checked independently.
function decode(bytes: Uint8Array): Decoded[] {
  const readGlyph = (tag: number, g: Partial<SdfGlyph>, pbf: PbfReader) => {
    if (tag === 1) g.id = pbf.readVarint();
    else if (tag === 2) g.bitmap = pbf.readBytes();
    else if (tag === 3) g.width = pbf.readVarint();
    else if (tag === 4) g.height = pbf.readVarint();
    else if (tag === 5) g.left = pbf.readSVarint();
    else if (tag === 6) g.top = pbf.readSVarint();
    else if (tag === 7) g.advance = pbf.readVarint();
  };
  const readStack = (tag: number, s: Decoded, pbf: PbfReader) => {
    if (tag === 1) s.name = pbf.readString();
    else if (tag === 2) s.range = pbf.readString();
    else if (tag === 3) s.glyphs.push(pbf.readMessage(readGlyph, {}));
  };
  return new PbfReader(bytes).readFields((tag: number, out: Decoded[], pbf: PbfReader) => {
    if (tag === 1) out.push(pbf.readMessage(readStack, { glyphs: [] }));
  }, []);
}

describe('glyph PBF encoder', () => {
  it('round-trips through a protobuf reader, negative offsets included', () => {
    const glyph: SdfGlyph = { id: 65, width: 2, height: 1, left: -3, top: -20, advance: 14, bitmap: new Uint8Array(8 * 7).fill(7) };
    const space: SdfGlyph = { id: 32, width: 0, height: 0, left: 0, top: -27, advance: 6, bitmap: new Uint8Array(0) };
    const [stack] = decode(encodeGlyphRange('GridMapSans', 0, [space, glyph]));
    expect(stack.name).toBe('GridMapSans');
    expect(stack.range).toBe('0-255');
    expect(stack.glyphs[0]).toMatchObject({ id: 32, width: 0, advance: 6, top: -27 });
    expect(stack.glyphs[1]).toMatchObject({ id: 65, width: 2, height: 1, left: -3, top: -20, advance: 14 });
    expect(stack.glyphs[1].bitmap?.length).toBe(56);
  });
});

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

describe.skipIf(!existsSync(FONT))('SDF glyphs from a TrueType font', () => {
  const font = new TrueTypeFont(readFileSync(FONT));

  it('renders "O" with an inside above the edge value and a hole below it', () => {
    const g = renderSdf(79, font.outline(79)!, font.unitsPerEm);
    const w = g.width + 2 * BORDER;
    expect(g.bitmap.length).toBe(w * (g.height + 2 * BORDER));
    const row = Math.floor((g.height + 2 * BORDER) / 2);
    const at = (col: number) => g.bitmap[row * w + col];
    expect(at(0)).toBeLessThan(150); // outside, left of the ring
    expect(at(Math.floor(w / 2))).toBeLessThan(192); // the counter of the O
    const ring = Array.from({ length: w }, (_, c) => at(c));
    expect(Math.max(...ring)).toBeGreaterThan(192); // the stroke itself
    expect(g.advance).toBeGreaterThan(10);
  });

  it('has an advance but no bitmap for the space, and draws composite glyphs (é)', () => {
    const space = renderSdf(32, font.outline(32)!, font.unitsPerEm);
    expect(space.bitmap.length).toBe(0);
    expect(space.advance).toBeGreaterThan(0);
    const e = font.outline(0x65)!;
    const eAcute = font.outline(0xe9)!;
    expect(eAcute.contours.length).toBeGreaterThan(e.contours.length);
  });
});
