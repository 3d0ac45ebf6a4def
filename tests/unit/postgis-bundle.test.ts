// The slim PostGIS bundle keeps PostGIS's own files byte for byte and drops the other
// extensions', in archives made by GNU tar in both of its formats, long names included.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { slimBundle, withoutUnused } from '../../server/db/pglite/postgis-bundle';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridmap-bundle-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const deep = `share/postgresql/extension/${'a-very-long-folder-name-that-passes-one-hundred-characters/'.repeat(2)}postgis--3.6.2.sql`;
const files: Record<string, string> = {
  'lib/postgresql/postgis-3.so': 'the library'.repeat(100),
  'lib/postgresql/postgis_raster-3.so': 'raster',
  'lib/postgresql/postgis_topology-3.so': 'topology',
  'share/postgresql/extension/postgis.control': 'control',
  'share/postgresql/extension/postgis_tiger_geocoder--3.6.2.sql': 'tiger',
  'share/postgresql/contrib/postgis-3.6/spatial_ref_sys.sql': 'legacy',
  'share/proj/proj.db': 'proj',
  [deep]: 'long name',
  [deep.replace('postgis--', 'postgis_raster--')]: 'raster, by a long name',
};

function makeTar(format: 'gnu' | 'posix'): Buffer {
  const src = fs.mkdtempSync(path.join(dir, 'src-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(src, name)), { recursive: true });
    fs.writeFileSync(path.join(src, name), text);
  }
  const tar = path.join(dir, `${format}.tar`);
  execFileSync('tar', ['-cf', tar, `--format=${format}`, '-C', src, 'lib', 'share']);
  return fs.readFileSync(tar);
}

/** What GNU tar reads in an archive: each regular file's name and content. */
function readBack(tar: Buffer): Record<string, string> {
  const file = path.join(dir, 'read.tar');
  fs.writeFileSync(file, tar);
  const out = fs.mkdtempSync(path.join(dir, 'out-'));
  execFileSync('tar', ['-xf', file, '-C', out]);
  const found: Record<string, string> = {};
  const walk = (at: string) => {
    for (const e of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, e.name);
      if (e.isDirectory()) walk(full);
      else found[path.relative(out, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(out);
  return found;
}

const wanted = Object.fromEntries(Object.entries(files).filter(([name]) => !/raster|topology|tiger|contrib/.test(name)));

describe('the slim PostGIS bundle', () => {
  for (const format of ['gnu', 'posix'] as const) {
    it(`keeps PostGIS's files whole and drops the other extensions' (${format} tar)`, () => {
      expect(readBack(withoutUnused(makeTar(format)))).toEqual(wanted);
    });
  }

  it("is made once from the installed bundle, in the install's own cache, and found again", () => {
    const installed = path.join(dir, 'node_modules', '@electric-sql', 'pglite-postgis', 'dist', 'postgis.tar.gz');
    fs.mkdirSync(path.dirname(installed), { recursive: true });
    fs.writeFileSync(installed, zlib.gzipSync(makeTar('gnu')));
    const slim = slimBundle(installed);
    expect(path.dirname(slim)).toBe(path.join(dir, 'node_modules', '.cache', 'gridmap'));
    expect(readBack(zlib.gunzipSync(fs.readFileSync(slim)))).toEqual(wanted);
    const made = fs.statSync(slim).mtimeMs;
    expect(slimBundle(installed)).toBe(slim);
    expect(fs.statSync(slim).mtimeMs).toBe(made);
    fs.rmSync(slim);
  });

  it('falls back to the installed bundle when it cannot make one, or it is not in node_modules', () => {
    const missing = path.join(dir, 'node_modules', 'missing', 'postgis.tar.gz');
    expect(slimBundle(missing)).toBe(missing);
    const loose = path.join(dir, 'postgis.tar.gz');
    fs.writeFileSync(loose, zlib.gzipSync(makeTar('gnu')));
    expect(slimBundle(loose)).toBe(loose);
  });
});
