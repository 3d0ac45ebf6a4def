// Estates and buildings. Concentrated estates (农民集中居住区 and urban estates) are
// blocks of apartment buildings laid out in rows; scattered housing is rows of farmhouses
// in natural-village groups (村民小组), named after the old village so residents'
// belonging to it stays visible. Buildings sit at interior points of lattice cells, so a
// building always lies inside the area that owns its cell.
import type { Polygon, Position } from 'geojson';
import type { Building, Estate } from '../city.js';
import { apportion, apportionMin } from './apportion.js';
import { CELL_M, cellI, cellJ, cellPoint, neighbours4, toLngLat, type Lattice } from './lattice.js';
import { CITY_NAME, PROVINCE, cnNumber, type NameBook } from './names.js';
import type { Random } from './rng.js';

/** Mean residents per apartment building and per farmhouse row (≈ 39 and ≈ 10 households). */
const APARTMENT_POP = 110;
const FARM_ROW_POP = 29;
const FARM_ROWS_PER_GROUP = 20;
const FARM_ROWS_PER_CELL = 8;

export interface CommunityInput {
  id: string;
  name: string;
  townName: string;
  urban: boolean;
  stem: string;
  cells: number[];
  /** Rural communities: their villages (name and cells). */
  villages: Array<{ name: string; cells: number[] }>;
  conc: number;
  scat: number;
}

export interface Housing {
  estates: Estate[];
  /** Buildings with their cell (for area lookup) still attached. */
  buildings: Array<Building & { cell: number }>;
  /** Per community: a cell at the heart of its main concentrated estate, or null. */
  heart: Array<number | null>;
}

export function buildHousing(L: Lattice, comms: CommunityInput[], areaOf: Int32Array, names: NameBook, rnd: Random): Housing {
  const estates: Estate[] = [];
  const buildings: Array<Building & { cell: number }> = [];
  const heart: Array<number | null> = [];
  // Every contracted area must have residents (its lead "knows every household"), so
  // new estates and farmhouse groups start in areas that have no building yet.
  const covered = new Set<number>();
  const startIn = (pool: readonly number[], used: Set<number>): number | null => {
    const open = pool.filter((c) => !used.has(c) && !covered.has(areaOf[c] as number));
    if (open.length > 0) {
      const a = areaOf[open[0] as number] as number;
      return centralCell(open.filter((c) => areaOf[c] === a));
    }
    return pickFree(pool, used, rnd);
  };
  const areasIn = (cells: readonly number[]): number => new Set(cells.map((c) => areaOf[c] as number)).size;
  const newEstate = (communityId: string, name: string, concentrated: boolean): Estate => {
    const e: Estate = { id: `E${String(estates.length + 1).padStart(4, '0')}`, communityId, name, concentrated };
    estates.push(e);
    return e;
  };
  const addBuilding = (
    e: Estate,
    address: string,
    cell: number,
    point: [number, number],
    footprint: Polygon,
    pop: number,
  ): void => {
    const households = Math.max(1, Math.round(pop / rnd.range(2.6, 3.0)));
    covered.add(areaOf[cell] as number);
    buildings.push({
      id: `B${String(buildings.length + 1).padStart(6, '0')}`,
      areaId: '',
      groupId: '',
      estateId: e.id,
      address,
      point: { type: 'Point', coordinates: toLngLat(point[0], point[1]) },
      footprint,
      households: Math.min(households, pop),
      population: pop,
      partyMembers: Math.round(pop * rnd.range(0.03, 0.055)),
      cell,
    });
  };

  for (const K of comms) {
    const used = new Set<number>();
    const prefix = `${PROVINCE}${CITY_NAME}${K.townName}${K.name}`;
    let heartCell: number | null = null;

    if (K.conc > 0) {
      const nb = Math.max(1, Math.round(K.conc / APARTMENT_POP));
      // Urban communities are built up throughout: at least one estate per area.
      const ne = Math.min(nb, Math.max(Math.min(4, Math.ceil(nb / 45)), K.urban ? areasIn(K.cells) : 1));
      const perEstate = apportionMin(nb, Array.from({ length: ne }, () => rnd.range(0.7, 1.3)), 1);
      const popPerEstate = apportion(K.conc, perEstate);
      // Dense urban communities stack more (taller) buildings per cell.
      const cap = Math.max(6, Math.ceil(nb / (K.cells.length * 0.6)));
      const cols = cap <= 6 ? 2 : 3;
      const rows = Math.ceil(cap / cols);
      const centre = centralCell(K.cells);
      perEstate.forEach((n, ei) => {
        const e = newEstate(K.id, names.estate(ei === 0 ? K.stem : null), true);
        const start = ei === 0 ? centre : startIn(K.cells, used) ?? centre;
        let cells = claimCells(K.cells, start, Math.ceil(n / cap), used, rnd);
        if (cells.length === 0) cells = [start];
        if (ei === 0) heartCell = cells[0] ?? centre;
        const pops = apportion(popPerEstate[ei] as number, Array.from({ length: n }, () => rnd.range(0.6, 1.4)));
        const angle = rnd.range(-0.15, 0.15);
        const perCell = Math.ceil(n / cells.length);
        for (let b = 0; b < n; b++) {
          const cell = cells[Math.floor(b / perCell)] as number;
          const q = b % perCell;
          const u = 0.18 + (0.64 * ((q % cols) + 0.5)) / cols;
          const v = 0.15 + (0.7 * (Math.floor(q / cols) + 0.5)) / rows;
          const p = cellPoint(L, cell, u, v);
          const len = Math.min(60, ((CELL_M * 0.64) / cols) * 0.85);
          const wid = Math.min(14, ((CELL_M * 0.7) / rows) * 0.45);
          addBuilding(e, `${prefix}${e.name}${b + 1}幢`, cell, p, rect(p, len, wid, angle), pops[b] as number);
        }
      });
    }

    if (K.scat > 0) {
      const vpops = apportion(K.scat, K.villages.map((v) => v.cells.length * rnd.range(0.7, 1.3)));
      K.villages.forEach((V, vi) => {
        const p = vpops[vi] as number;
        if (p <= 0) return;
        const nr = Math.max(1, Math.round(p / FARM_ROW_POP));
        const ng = Math.min(nr, Math.max(1, Math.round(nr / FARM_ROWS_PER_GROUP), areasIn(V.cells)));
        const rowsPer = apportionMin(nr, Array.from({ length: ng }, () => rnd.range(0.7, 1.3)), 1);
        const groupPops = apportion(p, rowsPer);
        rowsPer.forEach((n, gi) => {
          const e = newEstate(K.id, `${V.name}${cnNumber(gi + 1)}组`, false);
          const start = startIn(V.cells, used) ?? rnd.pick(V.cells);
          let cells = claimCells(V.cells, start, Math.ceil(n / FARM_ROWS_PER_CELL), used, rnd);
          if (cells.length === 0) cells = [start];
          const pops = apportion(groupPops[gi] as number, Array.from({ length: n }, () => rnd.range(0.7, 1.3)));
          const perCell = Math.ceil(n / cells.length);
          const rows = Math.ceil(perCell / 2);
          const angle = rnd.range(-0.4, 0.4);
          for (let b = 0; b < n; b++) {
            const cell = cells[Math.floor(b / perCell)] as number;
            const q = b % perCell;
            const u = 0.15 + 0.7 * (((q % 2) + 0.5) / 2) + rnd.range(-0.05, 0.05);
            const v = 0.12 + 0.76 * ((Math.floor(q / 2) + 0.5) / rows) + rnd.range(-0.03, 0.03);
            const pt = cellPoint(L, cell, u, v);
            const len = Math.min(70, 8 * Math.max(6, Math.round((pops[b] as number) / 2.8)));
            addBuilding(e, `${prefix}${e.name}${b + 1}号`, cell, pt, rect(pt, len, 10, angle), pops[b] as number);
          }
        });
      });
    }
    heart.push(heartCell);
  }
  return { estates, buildings, heart };
}

/** The community cell closest to the mean of its cells: where the main estate goes. */
export function centralCell(cells: readonly number[]): number {
  let si = 0;
  let sj = 0;
  for (const c of cells) {
    si += cellI(c);
    sj += cellJ(c);
  }
  si /= cells.length;
  sj /= cells.length;
  let best = cells[0] as number;
  let bd = Infinity;
  for (const c of cells) {
    const d = (cellI(c) - si) ** 2 + (cellJ(c) - sj) ** 2;
    if (d < bd) {
      bd = d;
      best = c;
    }
  }
  return best;
}

function pickFree(cells: readonly number[], used: Set<number>, rnd: Random): number | null {
  const free = cells.filter((c) => !used.has(c));
  return free.length > 0 ? rnd.pick(free) : null;
}

/**
 * A compact block of `n` free cells grown breadth-first from `start`; if the block runs
 * into used land it restarts from another free cell, and if the community is full it
 * returns what it has (the caller then packs more per cell).
 */
function claimCells(pool: readonly number[], start: number, n: number, used: Set<number>, rnd: Random): number[] {
  const inPool = new Set(pool);
  const out: number[] = [];
  let queue: number[] = used.has(start) ? [] : [start];
  const seen = new Set<number>(queue);
  while (out.length < n) {
    if (queue.length === 0) {
      const f = pool.find((c) => !used.has(c) && !seen.has(c));
      if (f === undefined) break;
      queue = [f];
      seen.add(f);
    }
    const c = queue.shift() as number;
    if (used.has(c)) continue;
    used.add(c);
    out.push(c);
    for (const m of rnd.shuffle(neighbours4(c))) {
      if (inPool.has(m) && !used.has(m) && !seen.has(m)) {
        seen.add(m);
        queue.push(m);
      }
    }
  }
  return out;
}

function rect(centre: [number, number], len: number, wid: number, angle: number): Polygon {
  const [cx, cy] = centre;
  const ca = Math.cos(angle);
  const sa = Math.sin(angle);
  const corner = (dx: number, dy: number): Position => toLngLat(cx + dx * ca - dy * sa, cy + dx * sa + dy * ca);
  const h = len / 2;
  const w = wid / 2;
  // Counter-clockwise, closed.
  const ring = [corner(-h, -w), corner(h, -w), corner(h, w), corner(-h, w)];
  ring.push([...(ring[0] as Position)]);
  return { type: 'Polygon', coordinates: [ring] };
}
