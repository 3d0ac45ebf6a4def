// Debian's Chromium driven by playwright-core, as every end-to-end test opens it: software WebGL
// so MapLibre and deck.gl draw headless, no background traffic (the machine has no internet),
// and a record of what the page asked for and what went wrong, for the tests to check.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export const ARTIFACTS = path.resolve('test-artifacts/e2e');

export interface OpenBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every URL the page requested. */
  requests: string[];
  /** The requests that left `origin` (data: and blob: URLs stay in the page). */
  foreignRequests(origin: string): string[];
  /** Uncaught errors in the page. */
  pageErrors: string[];
  /** Content-Security-Policy violations, reported by the DOM event or on the console. */
  cspViolations: string[];
  /** `status pathname` of every response ≥ 400 that `expected` did not excuse. */
  failedResponses: string[];
  /** Saves a screenshot of the page under test-artifacts/e2e. */
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

export interface BrowserOptions {
  /** Failures the journey causes on purpose (a visitor's 401 on /api/auth/me, a rate limit's 429). */
  expected?: (status: number, pathname: string) => boolean;
  viewport?: { width: number; height: number };
}

export async function openBrowser(options: BrowserOptions = {}): Promise<OpenBrowser> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const requests: string[] = [];
  const pageErrors: string[] = [];
  const failedResponses: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('response', (r) => {
    const pathname = new URL(r.url()).pathname;
    if (r.status() >= 400 && !options.expected?.(r.status(), pathname)) failedResponses.push(`${r.status()} ${pathname}`);
  });
  const cspViolations: string[] = [];
  await context.exposeFunction('__reportCsp', (line: string) => cspViolations.push(line));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCsp: (line: string) => void }).__reportCsp(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) cspViolations.push(`console: ${m.text()}`);
  });
  return {
    browser,
    context,
    page,
    requests,
    foreignRequests: (origin) => requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:')),
    pageErrors,
    cspViolations,
    failedResponses,
    shot: async (name) => void (await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) })),
    close: () => browser.close(),
  };
}
