// Writes the SDF glyph PBFs MapLibre fetches for Latin text (pinyin names, digits) into
// client/public/glyphs/, so the map needs no glyph server on the internet. CJK is drawn in the
// browser (localIdeographFontFamily). Run: npx tsx client/tools/make-glyphs.ts [font.ttf]
// The output is committed, so a build does not depend on fonts installed on the build machine.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FONT_STACK } from '../map/basemapStyle';
import { encodeGlyphRange } from './glyphs/pbf';
import { renderSdf, type SdfGlyph } from './glyphs/sdf';
import { TrueTypeFont } from './glyphs/ttf';

const fontPath = process.argv[2] ?? '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
// Basic Latin + Latin-1, Latin Extended-A/B (pinyin tone marks), general punctuation.
const RANGES = [0, 256, 512, 8192];

const font = new TrueTypeFont(readFileSync(fontPath));
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'glyphs', FONT_STACK);
mkdirSync(outDir, { recursive: true });
for (const start of RANGES) {
  const glyphs: SdfGlyph[] = [];
  for (let cp = start; cp < start + 256; cp++) {
    const outline = font.outline(cp);
    if (outline) glyphs.push(renderSdf(cp, outline, font.unitsPerEm));
  }
  const file = join(outDir, `${start}-${start + 255}.pbf`);
  writeFileSync(file, encodeGlyphRange(FONT_STACK, start, glyphs));
  console.log(`${file}: ${glyphs.length} glyphs`);
}
