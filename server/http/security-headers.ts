// Security headers on every response, with a Content-Security-Policy the built page passes as it
// is: it loads only its own scripts, styles, tiles, glyphs and worker, and runs no inline code.
import type { RequestHandler } from 'express';
import type { GuardConfig } from './guard-config';

export function contentSecurityPolicy(basemapOrigin?: string): string {
  const external = basemapOrigin ? ` ${basemapOrigin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    // data: for the favicon placeholder and the SVG icons in MapLibre's control CSS.
    `img-src 'self' data:${external}`,
    `connect-src 'self'${external}`,
    // MapLibre's worker is our own file (setWorkerUrl in GridMap.vue), not a blob: URL.
    "worker-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

export function securityHeaders({ hstsMaxAge, basemapOrigin }: Pick<GuardConfig, 'hstsMaxAge' | 'basemapOrigin'>): RequestHandler {
  const headers: Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy(basemapOrigin),
    'X-Content-Type-Options': 'nosniff',
    // For browsers that predate frame-ancestors.
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    // Our own pages may ask for the phone's location (a resident's request places itself); no frame may.
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(self), payment=(), usb=()',
    // Only when a TLS proxy is in front: over plain HTTP a browser ignores it, and promising
    // HTTPS that isn't there would lock users out for max-age.
    ...(hstsMaxAge ? { 'Strict-Transport-Security': `max-age=${hstsMaxAge}` } : {}),
  };
  return (_req, res, next) => {
    res.set(headers);
    next();
  };
}
