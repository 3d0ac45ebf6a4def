// Where the basemap comes from. Default: drawn from the city's own data by our server, so
// nothing leaves the machine; VITE_BASEMAP_URL switches to an XYZ raster source (e.g. Tianditu).
export type BasemapConfig = { kind: 'own' } | { kind: 'xyz'; url: string; attribution: string };

export interface ClientConfig {
  basemap: BasemapConfig;
}

export function configFromEnv(env: Record<string, string | undefined>): ClientConfig {
  const url = env.VITE_BASEMAP_URL?.trim();
  if (!url) return { basemap: { kind: 'own' } };
  return { basemap: { kind: 'xyz', url, attribution: env.VITE_BASEMAP_ATTRIBUTION ?? '' } };
}

export const config: ClientConfig = configFromEnv(import.meta.env as Record<string, string | undefined>);
