// Debian's Chromium driven by playwright-core, as every end-to-end test opens it: software WebGL
// so MapLibre and deck.gl draw headless, no background traffic (the machine has no internet),
// and a record, across all its pages, of what they asked for and what went wrong.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

/** Every page asks who is signed in on load; before anyone is, that answer is a 401. */
const visitorAsksWhoItIs = (status: number, pathname: string) => status === 401 && pathname === '/api/auth/me';

export const ARTIFACTS = path.resolve('test-artifacts/e2e');

export interface OpenBrowser {
  browser: Browser;
  /** The first page: desktop size, Chinese locale. */
  page: Page;
  /** Another page in a context of its own (no shared cookies), recorded like the first. */
  openPage(options?: BrowserContextOptions): Promise<Page>;
  /** Every URL the pages requested. */
  requests: string[];
  /** The requests that left `origin` (data: and blob: URLs stay in the page). */
  foreignRequests(origin: string): string[];
  /** Uncaught errors in the pages. */
  pageErrors: string[];
  /** Content-Security-Policy violations, reported by the DOM event or on the console. */
  cspViolations: string[];
  /** `status pathname` of every response ≥ 400 that `expected` did not excuse. */
  failedResponses: string[];
  /** Saves a screenshot of the first page under test-artifacts/e2e. */
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

export interface BrowserOptions {
  /** Failures the journey causes on purpose (a rate limit's 429, a stale save's 409). */
  expected?: (status: number, pathname: string) => boolean;
}

export async function openBrowser(options: BrowserOptions = {}): Promise<OpenBrowser> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const requests: string[] = [];
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];
  const failedResponses: string[] = [];

  async function openPage(contextOptions: BrowserContextOptions = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', ...contextOptions });
    await context.exposeFunction('__reportCsp', (line: string) => cspViolations.push(line));
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __reportCsp: (line: string) => void }).__reportCsp(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    const page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (/Content[- ]Security[- ]Policy/i.test(m.text())) cspViolations.push(`console: ${m.text()}`);
    });
    page.on('response', (r) => {
      const pathname = new URL(r.url()).pathname;
      if (r.status() >= 400 && !visitorAsksWhoItIs(r.status(), pathname) && !options.expected?.(r.status(), pathname)) failedResponses.push(`${r.status()} ${pathname}`);
    });
    return page;
  }

  const page = await openPage();
  return {
    browser,
    page,
    openPage,
    requests,
    foreignRequests: (origin) => requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:')),
    pageErrors,
    cspViolations,
    failedResponses,
    shot: async (name) => void (await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) })),
    close: () => browser.close(),
  };
}
