import fs from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { type Express } from 'express';
import { readSessionPolicy } from './config';
import type { AppContext } from './context';
import { errorHandler, unknownRoute } from './http/errors';
import { authenticate } from './features/auth/middleware';
import { auditRoutes } from './features/audit/routes';
import { authRoutes } from './features/auth/routes';
import type { SessionPolicy } from './features/auth/service';
import { healthRoutes } from './features/health/routes';
import { layerRoutes } from './features/layers/routes';
import { statsRoutes } from './features/stats/routes';
import { tileRoutes } from './features/tiles/routes';
import { unitRoutes } from './features/units/routes';
import { writeRoutes } from './features/writes/routes';
import { userRoutes } from './features/users/routes';

export function createApp(ctx: AppContext, options: { distDir?: string; sessions?: SessionPolicy } = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // GeoJSON layers are megabytes of repetitive text; gzip makes them a fifth of that.
  app.use(compression());
  app.use(express.json({ limit: '1mb' }));
  const sessions = options.sessions ?? readSessionPolicy();
  app.use('/api', authenticate(ctx, sessions));

  app.use(authRoutes(ctx, sessions), healthRoutes(ctx), statsRoutes(ctx), layerRoutes(ctx), unitRoutes(ctx), tileRoutes(ctx), writeRoutes(ctx));
  app.use(userRoutes(ctx), auditRoutes(ctx));
  app.use(['/api', '/tiles'], unknownRoute);

  const { distDir } = options;
  if (distDir && fs.existsSync(path.join(distDir, 'index.html'))) {
    app.use(
      express.static(distDir, {
        index: 'index.html',
        maxAge: '1h',
        setHeaders: (res, file) => {
          if (file.endsWith('.pbf')) res.type('application/x-protobuf');
        },
      }),
    );
    // The client routes in the browser; any other page path gets the app shell.
    app.get(/^\/(?!api\/|tiles\/).*/, (_req, res) => res.sendFile(path.join(distDir, 'index.html')));
  }
  app.use(unknownRoute);
  app.use(errorHandler);
  return app;
}
