// The routes the app answers, read from Express's own routing table, so a table-driven test
// cannot miss a route that was added without it.
import { createApp } from '../../server/app';

type RouteLayer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: RouteLayer[] } };

/** Every `METHOD /path/:param` the app answers, sorted. */
export function registeredRoutes(): string[] {
  const app = createApp({ db: {} as never, region: 'none' }) as unknown as { router: { stack: RouteLayer[] } };
  const walk = (stack: RouteLayer[]): string[] =>
    stack.flatMap((layer) =>
      layer.route
        ? Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path}`)
        : layer.handle?.stack
          ? walk(layer.handle.stack)
          : [],
    );
  return [...new Set(walk(app.router.stack))].sort();
}

/** The `:name` parameters of a route's path, in order. */
export const routeParams = (route: string): string[] => [...route.matchAll(/:(\w+)/g)].map((m) => m[1]!);
