// The request guard's settings from the environment: rate limits, proxy trust, HSTS, and the
// external basemap origin the CSP must allow. Kept apart from server/config.ts so each can grow
// without the other.

export interface RateLimits {
  /** Login attempts per client address per minute (0 = no limit). */
  loginPerIp: number;
  /** Login attempts per username per minute, whatever the address (0 = no limit). */
  loginPerUser: number;
  /** Requests to /api and /tiles per client address per minute by anyone not signed in (0 = no limit). */
  publicPerIp: number;
  /**
   * Requests to the resident page's /api/public per client address per minute, signed in or not
   * (0 = no limit). Optional so code that spells out its own limits (the benches) keeps the default.
   */
  residentPerIp?: number;
  /** Requests (社情民意) filed from the resident page per client address per hour (0 = no limit). */
  requestsPerIpHour?: number;
}

export interface GuardConfig {
  rateLimits: RateLimits;
  /** Express's `trust proxy` value, so req.ip is the client's and not the proxy's; undefined = direct. */
  trustProxy: string | number | undefined;
  /** HSTS max-age in seconds; only set when browsers reach the server over HTTPS. */
  hstsMaxAge: number | undefined;
  /** An external raster basemap (build-time VITE_BASEMAP_URL): its origin joins img-src and connect-src. */
  basemapOrigin: string | undefined;
}

// High enough that an office behind one NAT address and the test suite never meet them; low
// enough that a single client cannot grind passwords or scrape the city tile by tile. The
// resident page answers with leads' phones, so it is far stricter: a resident needs a few
// searches, a scraper thousands.
// A household files a request or two; a flood from one address is someone else. Hall staff file
// signed in, through their own route, and are not counted.
export const DEFAULT_RATE_LIMITS: Required<RateLimits> = { loginPerIp: 100, loginPerUser: 30, publicPerIp: 3000, residentPerIp: 20, requestsPerIpHour: 10 };

export function readGuardConfig(env: NodeJS.ProcessEnv = process.env): GuardConfig {
  const count = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number ≥ 0 (0 = no limit), got "${raw}"`);
    return value;
  };
  const trust = env.GRIDMAP_TRUST_PROXY || undefined;
  const hsts = env.GRIDMAP_HSTS_MAX_AGE || undefined;
  if (hsts !== undefined && !(Number.isInteger(Number(hsts)) && Number(hsts) > 0)) {
    throw new Error(`GRIDMAP_HSTS_MAX_AGE must be a number of seconds, got "${hsts}"`);
  }
  return {
    rateLimits: {
      loginPerIp: count('GRIDMAP_RATE_LOGIN_PER_IP', DEFAULT_RATE_LIMITS.loginPerIp),
      loginPerUser: count('GRIDMAP_RATE_LOGIN_PER_USER', DEFAULT_RATE_LIMITS.loginPerUser),
      publicPerIp: count('GRIDMAP_RATE_PUBLIC_PER_IP', DEFAULT_RATE_LIMITS.publicPerIp),
      residentPerIp: count('GRIDMAP_RATE_RESIDENT_PER_IP', DEFAULT_RATE_LIMITS.residentPerIp),
      requestsPerIpHour: count('GRIDMAP_RATE_REQUESTS_PER_IP_HOUR', DEFAULT_RATE_LIMITS.requestsPerIpHour),
    },
    // A hop count ("1") or Express's names and subnets ("loopback", "10.0.0.0/8").
    trustProxy: trust !== undefined && /^\d+$/.test(trust) ? Number(trust) : trust,
    hstsMaxAge: hsts === undefined ? undefined : Number(hsts),
    basemapOrigin: originOf(env.VITE_BASEMAP_URL),
  };
}

/** The origin of an absolute tile URL template; a relative one is our own origin ('self'). */
function originOf(template: string | undefined): string | undefined {
  if (!template?.trim()) return undefined;
  try {
    return new URL(template.trim().replace(/[{}]/g, '')).origin;
  } catch {
    return undefined;
  }
}
