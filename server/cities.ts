// One process serving several cities of one database (GRIDMAP_REGION=a,b,…). Each city gets an
// app of its own (server/app.ts over its own AppContext): its look-up memory, tile cache,
// sessions and background upkeep stay the city's, and every query inside names that region, as
// with one city. This file only decides which city's app answers a request:
//   1. `?city=CODE` in the address (a QR card's link, the page's city switch): that city, and the
//      browser remembers it in a cookie; the parameter is taken out before the city's app sees
//      the query, so no route learns a parameter of its own;
//   2. else the city the cookie names, while this process still serves it;
//   3. else the first city.
// A city named in the address that this process does not serve is a 404 saying so: showing
// another city's data under a link meant for a different one would be worse than nothing.
import express, { type Express } from 'express';
import type { City } from './config';
import { readCookie } from './features/auth/cookies';
import { errorHandler, HttpError } from './http/errors';

export const CITY_COOKIE = 'gridmap_city';
export const CITY_PARAMETER = 'city';

/** What the page shows in its city switch (`GET /api/cities`). */
export interface CityChoice {
  current: string;
  cities: Array<{ code: string; name: string | null }>;
}

/**
 * The cookie that carries a city's sessions: the first city keeps `gridmap_session` (a process
 * serving one city is unchanged); each further one has its own, so signing in to one city
 * neither signs the user out of another nor carries its session there.
 */
export const sessionCookieOf = (cities: readonly City[], code: string): string | undefined =>
  cities[0]?.code === code ? undefined : `gridmap_session_${code}`;

/** The address without `?city=` (and what it named), as the city's app must see it. */
function takeCity(url: string): { url: string; asked: string | null } {
  const q = url.indexOf('?');
  if (q < 0) return { url, asked: null };
  const params = new URLSearchParams(url.slice(q + 1));
  const asked = params.get(CITY_PARAMETER);
  if (asked === null) return { url, asked: null };
  params.delete(CITY_PARAMETER);
  const rest = params.toString();
  return { url: url.slice(0, q) + (rest ? `?${rest}` : ''), asked };
}

/** A preference, not a credential: readable by the page, sent on a QR link's first visit (Lax). */
const cityCookie = (code: string) => `${CITY_COOKIE}=${encodeURIComponent(code)}; Path=/; Max-Age=${365 * 24 * 3600}; SameSite=Lax`;

/**
 * The process's app: `appOf` makes each city's (given what its city switch shows); a request is
 * handed to the one its city names. With one city too, so a link naming another city is refused
 * the same way.
 */
export function serveCities(cities: readonly City[], appOf: (city: City, choice: (current: string) => CityChoice) => Express): Express {
  const listed = cities.map(({ code, name }) => ({ code, name }));
  const choice = (current: string): CityChoice => ({ current, cities: listed });
  const apps = new Map(cities.map((city) => [city.code, appOf(city, choice)]));
  const first = apps.get(cities[0]!.code)!;

  const top = express();
  top.disable('x-powered-by');
  top.use((req, res, next) => {
    const { url, asked } = takeCity(req.url);
    if (asked !== null) {
      const app = apps.get(asked);
      if (!app) {
        // Answered here, before any city's app and its security headers: the echo is kept short
        // and the JSON is never sniffed as a page.
        res.set('X-Content-Type-Options', 'nosniff');
        return next(new HttpError(404, 'city_unknown', { code: asked.length > 40 ? `${asked.slice(0, 40)}…` : asked }));
      }
      req.url = url;
      res.append('Set-Cookie', cityCookie(asked));
      return app(req, res, next);
    }
    const remembered = readCookie(req.headers.cookie, CITY_COOKIE);
    return (apps.get(remembered ?? '') ?? first)(req, res, next);
  });
  top.use(errorHandler);
  return top;
}
