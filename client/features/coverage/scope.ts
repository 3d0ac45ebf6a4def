// What the map frames for the scope chosen under 范围: the town's outline box, or for the whole
// city the box around every town.
import type { BBox } from '../../shared/api/types';

export interface Town {
  id: string;
  name: string;
  bbox: BBox;
}

/** null when the towns are not known yet (or the town is not among them): the map stays. */
export function scopeFrame(towns: readonly Town[], town: string | null): BBox | null {
  if (town !== null) {
    const box = towns.find((t) => t.id === town)?.bbox;
    // A new value each time, so that choosing a town again frames it again.
    return box ? [...box] : null;
  }
  if (!towns.length) return null;
  return [Math.min(...towns.map((t) => t.bbox[0])), Math.min(...towns.map((t) => t.bbox[1])), Math.max(...towns.map((t) => t.bbox[2])), Math.max(...towns.map((t) => t.bbox[3]))];
}
