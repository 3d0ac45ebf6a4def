// Generated demand for the coverage tests and bench: residents in clustered settlements across
// a county-sized box on the Yangtze's north bank (≈ 60 × 45 km), with seeded randomness.
import { seededRandom } from './districting-community';

export interface Demand {
  lng: Float64Array;
  lat: Float64Array;
}

export const BOX = { west: 119.9, east: 120.55, south: 31.95, north: 32.35 };

/** n points in `clusters` settlements (Gaussian, σ ≈ 400 m) plus 10 % scattered. */
export function clusteredDemand(n: number, clusters: number, seed: number): Demand {
  const rnd = seededRandom(seed);
  const centres = Array.from({ length: clusters }, () => [BOX.west + rnd() * (BOX.east - BOX.west), BOX.south + rnd() * (BOX.north - BOX.south)] as const);
  const lng = new Float64Array(n);
  const lat = new Float64Array(n);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  for (let i = 0; i < n; i++) {
    if (rnd() < 0.1) {
      lng[i] = BOX.west + rnd() * (BOX.east - BOX.west);
      lat[i] = BOX.south + rnd() * (BOX.north - BOX.south);
    } else {
      const [x, y] = centres[Math.floor(rnd() * clusters)]!;
      lng[i] = x + (gauss() * 400) / 94_400; // metres per degree of longitude at 32°N
      lat[i] = y + (gauss() * 400) / 111_320;
    }
  }
  return { lng, lat };
}
