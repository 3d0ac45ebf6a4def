// Automatic building party groups: time to group the demo city's largest contracted area (by
// buildings) at several target sizes and measures, with the groups' size range and contiguity.
// Pure: the demo city is generated, no database. `npx tsx tests/bench/groups.ts` runs it alone.
import { pathToFileURL } from 'node:url';
import { DEMO_CITY_OPTIONS, generateCity } from '../../data/generator';
import { proposeGroups, type GroupingBuilding, type GroupMeasure } from '../../server/analysis/grouping/propose';

const CASES: [GroupMeasure, number[]][] = [
  ['partyMembers', [8, 15, 30]],
  ['buildings', [4, 6, 10]],
  ['households', [150, 300]],
];
const RUNS = 20;

export function benchGroups(): void {
  const city = generateCity(DEMO_CITY_OPTIONS);
  const byArea = new Map<string, GroupingBuilding[]>();
  for (const b of city.buildings) {
    const list = byArea.get(b.areaId) ?? byArea.set(b.areaId, []).get(b.areaId)!;
    list.push({ id: b.id, point: b.point.coordinates as [number, number], partyMembers: b.partyMembers, households: b.households, population: b.population, estateId: b.estateId });
  }
  const [areaId, buildings] = [...byArea.entries()].reduce((a, b) => (b[1].length > a[1].length ? b : a));
  console.log(`\n## Automatic building party groups (pure, the demo city's largest area: ${areaId}, ${buildings.length} buildings)`);
  console.log('measure        target   k   ms (median of 20)  min size  max size  contiguous');
  for (const [by, targets] of CASES) {
    for (const target of targets) {
      const times: number[] = [];
      let proposal = proposeGroups(buildings, target, by);
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        proposal = proposeGroups(buildings, target, by);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const { k, summary } = proposal;
      console.log(
        `${by.padEnd(13)} ${String(target).padStart(7)} ${String(k).padStart(3)} ${times[RUNS >> 1]!.toFixed(2).padStart(18)} ${String(summary.minSize).padStart(9)} ${String(summary.maxSize).padStart(9)}  ${summary.contiguous}`,
      );
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) benchGroups();
