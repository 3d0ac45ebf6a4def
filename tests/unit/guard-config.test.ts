import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS, readGuardConfig } from '../../server/http/guard-config';

describe('readGuardConfig', () => {
  it('has the documented defaults: limits on, no proxy trusted, no HSTS, no external origin', () => {
    expect(readGuardConfig({})).toEqual({ rateLimits: DEFAULT_RATE_LIMITS, trustProxy: undefined, hstsMaxAge: undefined, basemapOrigin: undefined });
  });

  it('reads limits (0 turns one off), a hop count or a named proxy, and HSTS', () => {
    const c = readGuardConfig({ GRIDMAP_RATE_LOGIN_PER_IP: '0', GRIDMAP_RATE_PUBLIC_PER_IP: '50', GRIDMAP_TRUST_PROXY: '1', GRIDMAP_HSTS_MAX_AGE: '600' });
    expect(c.rateLimits).toEqual({ ...DEFAULT_RATE_LIMITS, loginPerIp: 0, publicPerIp: 50 });
    expect(c.trustProxy).toBe(1);
    expect(c.hstsMaxAge).toBe(600);
    expect(readGuardConfig({ GRIDMAP_TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
  });

  it('takes an absolute basemap URL template to its origin and ignores a relative one', () => {
    expect(readGuardConfig({ VITE_BASEMAP_URL: 'http://tiles.local:8080/{z}/{x}/{y}.png' }).basemapOrigin).toBe('http://tiles.local:8080');
    expect(readGuardConfig({ VITE_BASEMAP_URL: '/raster/{z}/{x}/{y}.png' }).basemapOrigin).toBeUndefined();
  });

  it.each([
    ['GRIDMAP_RATE_LOGIN_PER_USER', '-1'],
    ['GRIDMAP_RATE_PUBLIC_PER_IP', 'lots'],
    ['GRIDMAP_RATE_LOGIN_PER_IP', '2.5'],
    ['GRIDMAP_HSTS_MAX_AGE', 'yes'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => readGuardConfig({ [name]: value })).toThrow(name);
  });
});
