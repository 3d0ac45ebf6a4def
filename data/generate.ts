// CLI: npx tsx data/generate.ts [--scale N] [--seed S] [--out file]
// Writes the generated city as JSON and prints the counts that the report's figures
// must be checked against.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_CITY_OPTIONS, generateCity } from './generator/index.js';
import { isRural } from '../server/domain/kinds.js';
import type { City } from './city.js';

function parseArgs(argv: string[]): { seed: number; scale: number; out: string } {
  const here = dirname(fileURLToPath(import.meta.url));
  const opts = { seed: DEMO_CITY_OPTIONS.seed, scale: DEMO_CITY_OPTIONS.scale, out: resolve(here, 'out/demo-city.json') };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--help' || flag === '-h') {
      console.log('usage: npx tsx data/generate.ts [--scale N] [--seed S] [--out file]');
      process.exit(0);
    }
    if (value === undefined) throw new Error(`missing value for ${flag}`);
    if (flag === '--scale') opts.scale = Number(value);
    else if (flag === '--seed') opts.seed = Number(value);
    else if (flag === '--out') opts.out = resolve(value);
    else throw new Error(`unknown option ${flag}`);
    i++;
  }
  if (!Number.isInteger(opts.seed)) throw new Error('--seed must be an integer');
  if (!(opts.scale > 0)) throw new Error('--scale must be positive');
  return opts;
}

function tally<T>(items: readonly T[], key: (t: T) => string): string {
  const m = new Map<string, number>();
  for (const t of items) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
  return [...m].map(([k, v]) => `${k} ${v}`).join(', ');
}

export function summarise(city: City): string[] {
  const pop = city.buildings.reduce((s, b) => s + b.population, 0);
  const hh = city.buildings.reduce((s, b) => s + b.households, 0);
  const concentrated = new Set(city.estates.filter((e) => e.concentrated).map((e) => e.id));
  const concPop = city.buildings.filter((b) => concentrated.has(b.estateId)).reduce((s, b) => s + b.population, 0);
  const kindOf = new Map(city.communities.map((c) => [c.id, c.kind]));
  const rural = (id: string): boolean => isRural(kindOf.get(id)!);
  const l2 = city.partyOrgs.filter((o) => o.level === 2);
  const party = city.centres.filter((c) => c.kind === 'party_service');
  return [
    `${city.name} (${city.region})`,
    `towns: ${city.towns.length} (${tally(city.towns, (t) => t.kind)})`,
    `villages: ${city.villages.length}`,
    `communities: ${city.communities.length} (${tally(city.communities, (c) => c.kind)})`,
    `areas: ${city.areas.length}, party groups: ${city.groups.length}`,
    `estates: ${city.estates.length} (concentrated ${concentrated.size}, scattered ${city.estates.length - concentrated.size})`,
    `buildings: ${city.buildings.length}`,
    `population: ${pop}, households: ${hh} (${(pop / hh).toFixed(2)} per household)`,
    `concentrated residents: ${concPop} (rate ${(concPop / pop).toFixed(3)})`,
    `party members in buildings: ${city.buildings.reduce((s, b) => s + b.partyMembers, 0)}`,
    `party orgs: ${tally(city.partyOrgs, (o) => `L${o.level}`)}`,
    `  village (rural) level 2: ${l2.filter((o) => rural(o.unitId)).length} (${tally(l2.filter((o) => rural(o.unitId)), (o) => o.form)})`,
    `  community level 2: ${l2.filter((o) => !rural(o.unitId)).length} (${tally(l2.filter((o) => !rural(o.unitId)), (o) => o.form)})`,
    `  volunteers: ${city.partyOrgs.reduce((s, o) => s + o.volunteers, 0)}`,
    `centres: ${tally(city.centres, (c) => c.kind)}`,
    `  party_service rural: ${party.filter((c) => rural(c.communityId)).length} (≥1000 m² ${party.filter((c) => rural(c.communityId) && c.floorArea >= 1000).length})`,
    `  party_service urban: ${party.filter((c) => !rural(c.communityId)).length} (≥1000 m² ${party.filter((c) => !rural(c.communityId) && c.floorArea >= 1000).length})`,
    `pairings: ${tally(city.pairings, (p) => p.orgKind)}`,
    `aliases: ${city.aliases.length}`,
    `basemap: ${tally(city.basemap, (f) => f.kind)}`,
  ];
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const opts = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const city = generateCity({ seed: opts.seed, scale: opts.scale });
  const ms = performance.now() - t0;
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, JSON.stringify(city));
  for (const line of summarise(city)) console.log(line);
  console.log(`generated in ${(ms / 1000).toFixed(2)} s (seed ${opts.seed}, scale ${opts.scale}) → ${opts.out}`);
}
