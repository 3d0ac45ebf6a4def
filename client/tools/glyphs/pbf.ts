// Encoder for the glyph PBF format (glyphs.proto from Mapbox/MapLibre):
//   glyphs { repeated fontstack stacks = 1 }
//   fontstack { string name = 1; string range = 2; repeated glyph glyphs = 3 }
//   glyph { uint32 id = 1; bytes bitmap = 2; uint32 width = 3; uint32 height = 4;
//           sint32 left = 5; sint32 top = 6; uint32 advance = 7 }
import type { SdfGlyph } from './sdf';

class Writer {
  private bytes: number[] = [];

  varint(value: number): this {
    let v = value >>> 0;
    while (v >= 0x80) {
      this.bytes.push((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    this.bytes.push(v);
    return this;
  }

  tag(field: number, wireType: 0 | 2): this {
    return this.varint((field << 3) | wireType);
  }

  uint(field: number, value: number): this {
    return this.tag(field, 0).varint(value);
  }

  sint(field: number, value: number): this {
    return this.tag(field, 0).varint((value << 1) ^ (value >> 31)); // zig-zag
  }

  bytesField(field: number, data: Uint8Array | number[]): this {
    this.tag(field, 2).varint(data.length);
    for (const b of data) this.bytes.push(b);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytesField(field, new TextEncoder().encode(value));
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

export function encodeGlyph(g: SdfGlyph): Uint8Array {
  const w = new Writer().uint(1, g.id);
  if (g.bitmap.length) w.bytesField(2, g.bitmap);
  return w.uint(3, g.width).uint(4, g.height).sint(5, g.left).sint(6, g.top).uint(7, g.advance).finish();
}

export function encodeGlyphRange(fontstack: string, start: number, glyphs: SdfGlyph[]): Uint8Array {
  const stack = new Writer().string(1, fontstack).string(2, `${start}-${start + 255}`);
  for (const g of glyphs) stack.bytesField(3, encodeGlyph(g));
  return new Writer().bytesField(1, stack.finish()).finish();
}
