// The headers every response carries, and the settings that change them: HSTS behind TLS, an
// external basemap's origin in the CSP, and the client address taken from a trusted proxy.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { readGuardConfig } from '../../server/http/guard-config';
import { startTestApi, type TestApi } from '../support/api-client';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

/** A second server over the same database, configured by `env`; runs `use` and closes it. */
async function withServer(env: Record<string, string>, use: (url: string) => Promise<void>) {
  const server = createApp(api.ctx, { guard: readGuardConfig(env) }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('security headers', () => {
  it.each(['/api/stats', '/api/units/planet/X', '/api/nothing-here', '/tiles/towns/8/213/105.pbf'])('are on %s', async (path) => {
    const res = await api.get(path);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp.split('; ')).toEqual(
      expect.arrayContaining(["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'"]),
    );
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    // Only our own pages may ask for the location (the resident page's request), never a frame.
    expect(res.headers.get('permissions-policy')).toContain('geolocation=(self)');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('add HSTS only when configured behind TLS', async () => {
    await withServer({ GRIDMAP_HSTS_MAX_AGE: '31536000' }, async (url) => {
      expect((await fetch(`${url}/api/stats`)).headers.get('strict-transport-security')).toBe('max-age=31536000');
    });
  });

  it("let the page load an external raster basemap's tiles, and nothing else from outside", async () => {
    await withServer({ VITE_BASEMAP_URL: 'https://t0.tianditu.gov.cn/img_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}' }, async (url) => {
      const csp = (await fetch(`${url}/api/stats`)).headers.get('content-security-policy')!;
      expect(csp).toContain("img-src 'self' data: https://t0.tianditu.gov.cn");
      expect(csp).toContain("connect-src 'self' https://t0.tianditu.gov.cn");
      expect(csp).toContain("script-src 'self';");
    });
  });
});

describe('behind a proxy', () => {
  it('counts each forwarded client address on its own only when the proxy is trusted', async () => {
    const from = (url: string, ip: string) => fetch(`${url}/api/stats`, { headers: { 'x-forwarded-for': ip } });
    await withServer({ GRIDMAP_RATE_PUBLIC_PER_IP: '1', GRIDMAP_TRUST_PROXY: 'loopback' }, async (url) => {
      expect((await from(url, '203.0.113.1')).status).toBe(200);
      expect((await from(url, '203.0.113.2')).status).toBe(200);
      expect((await from(url, '203.0.113.1')).status).toBe(429);
    });
    // Untrusted, the header is anyone's to write: every request is the proxy's (loopback) own.
    await withServer({ GRIDMAP_RATE_PUBLIC_PER_IP: '1' }, async (url) => {
      expect((await from(url, '203.0.113.1')).status).toBe(200);
      expect((await from(url, '203.0.113.2')).status).toBe(429);
    });
  });
});
