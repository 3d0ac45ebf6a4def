// The cities this server serves (GET /api/cities) and the address that switches to one.
import type { CityChoice } from '../../../server/cities';
import { requestJson } from './client';

export type { CityChoice };

export const fetchCities = () => requestJson<CityChoice>('GET', '/api/cities');

/** The server remembers the city a `?city=` address names (server/cities.ts); the map starts over there. */
export const cityAddress = (code: string) => `/?city=${encodeURIComponent(code)}`;
