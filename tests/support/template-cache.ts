// The seeded embedded database that test runs copy, kept between runs: `npm test` starts Vitest
// twice on PGlite (unit + API, then the browser journeys), and each start built it again
// (22–40 s). Kept under a hash of everything that shapes it (the server's code, the migrations,
// the demo city's generator, the lockfile, the test settings), so any change to them builds it anew.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../server/config';

const SOURCES = ['server', 'migrations', 'data'];
/** What else decides the template: the packages, the environment the tests set, the region and how it is built. */
const ALSO = ['package-lock.json', 'vite.config.ts', 'tests/support/test-database.ts', 'tests/support/api-global-setup.ts'];
const CACHE = path.join(projectRoot, 'node_modules', '.cache', 'gridmap');
const PREFIX = 'test-template-';
/** A build directory this old belongs to a run that was stopped: a build takes under a minute. */
const STALE_BUILD_MS = 3600_000;

/** The template's directory, built by `build` into an empty directory when none is kept for today's sources. */
export async function keptTemplate(build: (dir: string) => Promise<void>): Promise<{ dir: string; built: boolean }> {
  const dir = path.join(CACHE, `${PREFIX}${sourceHash()}`);
  if (fs.existsSync(dir)) return { dir, built: false };
  fs.mkdirSync(CACHE, { recursive: true });
  const building = fs.mkdtempSync(`${dir}.building-`);
  try {
    await build(building);
    // A run that finished first with the same sources keeps its copy; ours is then dropped.
    try {
      fs.renameSync(building, dir);
    } catch (err) {
      if (!fs.existsSync(dir)) throw err;
    }
  } finally {
    fs.rmSync(building, { recursive: true, force: true });
  }
  for (const old of fs.readdirSync(CACHE)) {
    const other = path.join(CACHE, old);
    if (!old.startsWith(PREFIX) || other === dir) continue;
    // Another run's build in progress is left alone; one stopped midway (a killed run) is not.
    if (old.includes('.building-') && Date.now() - fs.statSync(other).mtimeMs < STALE_BUILD_MS) continue;
    fs.rmSync(other, { recursive: true, force: true });
  }
  return { dir, built: true };
}

function sourceHash(): string {
  const hash = createHash('sha256');
  const files = SOURCES.flatMap((dir) => fs.readdirSync(path.join(projectRoot, dir), { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)));
  for (const file of [...files.sort(), ...ALSO]) {
    const full = path.join(projectRoot, file);
    if (!fs.statSync(full).isFile()) continue;
    hash.update(`${file}\0`).update(fs.readFileSync(full)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}
