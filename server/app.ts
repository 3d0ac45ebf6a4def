import fs from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { type Express } from 'express';
import { readPublicUrl, readSessionPolicy } from './config';
import type { AppContext } from './context';
import { errorHandler, unknownRoute } from './http/errors';
import { DEFAULT_RATE_LIMITS, readGuardConfig, type GuardConfig } from './http/guard-config';
import { jsonBody } from './http/json-body';
import { readFromReplica, readOthersWrites, rememberWrites } from './http/read-routing';
import { bucketsIn, loginRateLimit, publicRateLimit, requestFloodLimit, residentRateLimit } from './http/rate-limits';
import { securityHeaders } from './http/security-headers';
import { jobOwner } from './runtime/owner';
import { authenticate } from './features/auth/middleware';
import { auditRoutes } from './features/audit/routes';
import { cardRoutes } from './features/cards/routes';
import { planIoRoutes } from './features/plan-io/routes';
import { planRoutes } from './features/plans/routes';
import { groupRoutes } from './features/groups/routes';
import { coverageRoutes } from './features/coverage/routes';
import { pairingRoutes } from './features/pairings/routes';
import { dashboardRoutes } from './features/dashboard/routes';
import { proposalRoutes } from './features/proposals/routes';
import { scenarioRoutes } from './features/scenarios/routes';
import { publicRoutes } from './features/public/routes';
import { registerRoutes } from './features/registers/routes';
import { authRoutes } from './features/auth/routes';
import { batchRoutes } from './features/batch/routes';
import type { SessionPolicy } from './features/auth/service';
import { healthRoutes } from './features/health/routes';
import { layerRoutes } from './features/layers/routes';
import { lookupRoutes } from './features/lookup/routes';
import { statsRoutes } from './features/stats/routes';
import { tileRoutes } from './features/tiles/routes';
import { unitRoutes } from './features/units/routes';
import { writeRoutes } from './features/writes/routes';
import { exportRoutes } from './features/export/routes';
import { importFileRoutes, importRoutes } from './features/import/routes';
import { userRoutes } from './features/users/routes';
import { requestRoutes } from './features/requests/routes';
import { readRequestSettings, type RequestSettings } from './features/requests/settings';
import { visitRoutes } from './features/visits/routes';
import { cityRoutes } from './features/cities/routes';
import type { CityChoice } from './cities';

export function createApp(
  ctx: AppContext,
  options: { distDir?: string; sessions?: SessionPolicy; guard?: GuardConfig; requests?: RequestSettings; publicUrl?: string; cities?: CityChoice } = {},
): Express {
  const app = express();
  const guard = options.guard ?? readGuardConfig();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  if (guard.trustProxy !== undefined) app.set('trust proxy', guard.trustProxy);
  app.use(securityHeaders(guard));
  // GeoJSON layers are megabytes of repetitive text; gzip makes them a fifth of that.
  app.use(compression());
  // Ahead of the limiters and sessions: a balancer polls it, and it must say the database is
  // away without first waiting on the database for a count.
  app.use(healthRoutes(ctx));
  const sessions = options.sessions ?? readSessionPolicy();
  // Tiles too, so a signed-in user's map is not counted as the anonymous public's.
  app.use(['/api', '/tiles'], authenticate(ctx, sessions), jobOwner());
  // Limited before any body is read, so a flood costs no parsing.
  const buckets = bucketsIn(ctx.db);
  app.use(['/api', '/tiles'], publicRateLimit(buckets, guard.rateLimits.publicPerIp));
  app.use('/api/public', residentRateLimit(buckets, guard.rateLimits.residentPerIp ?? DEFAULT_RATE_LIMITS.residentPerIp));
  app.use(rememberWrites(ctx.db));
  app.use(readFromReplica(ctx.db));
  app.use(['/api', '/tiles'], readOthersWrites(ctx.db));
  app.post('/api/public/requests', requestFloodLimit(buckets, guard.rateLimits.requestsPerIpHour ?? DEFAULT_RATE_LIMITS.requestsPerIpHour));
  // The batch look-up's upload is a file, not JSON: its route reads its own body, ahead of the JSON parser.
  app.use(batchRoutes(ctx));
  // So is the import of a community's areas (a GeoJSON, KML or zip file).
  app.use(planIoRoutes(ctx));
  // And a layer's file of a city's import.
  app.use(importFileRoutes(ctx));
  app.use(jsonBody(), jobOwner());
  app.post('/api/auth/login', loginRateLimit(buckets, guard.rateLimits));

  app.use(cityRoutes(options.cities ?? { current: ctx.region, cities: [{ code: ctx.region, name: null }] }));
  app.use(authRoutes(ctx, sessions), statsRoutes(ctx), layerRoutes(ctx), unitRoutes(ctx), tileRoutes(ctx), writeRoutes(ctx));
  app.use(userRoutes(ctx), auditRoutes(ctx));
  app.use(lookupRoutes(ctx));
  app.use(cardRoutes(ctx, options.publicUrl ?? readPublicUrl()), publicRoutes(ctx));
  app.use(proposalRoutes(ctx), planRoutes(ctx), groupRoutes(ctx), coverageRoutes(ctx), scenarioRoutes(ctx));
  app.use(pairingRoutes(ctx), registerRoutes(ctx));
  app.use(dashboardRoutes(ctx));
  app.use(importRoutes(ctx), exportRoutes(ctx));
  const requests = options.requests ?? readRequestSettings();
  app.use(requestRoutes(ctx, requests), visitRoutes(ctx, requests));
  app.use(['/api', '/tiles'], unknownRoute);

  const { distDir } = options;
  if (distDir && fs.existsSync(path.join(distDir, 'index.html'))) {
    app.use(
      express.static(distDir, {
        index: 'index.html',
        maxAge: '1h',
        setHeaders: (res, file) => {
          if (file.endsWith('.pbf')) res.type('application/x-protobuf');
          // The shell is asked for every time: its `?city=` must reach the server (server/cities.ts)
          // and a new build must show; the scripts it names carry their hash and stay cached.
          if (path.basename(file) === 'index.html') res.set('Cache-Control', 'no-store');
        },
      }),
    );
    // The client routes in the browser; any other page path gets the app shell.
    app.get(/^\/(?!api\/|tiles\/).*/, (_req, res) => res.set('Cache-Control', 'no-store').sendFile(path.join(distDir, 'index.html')));
  }
  app.use(unknownRoute);
  app.use(errorHandler);
  return app;
}
