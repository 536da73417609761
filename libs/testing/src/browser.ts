/// <reference types="jest" />
import { AppConfig } from '@loopwright/core';
import { chromiumArgs, chromiumEnv, resolveChromium } from '@loopwright/packets';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Role } from '@loopwright/identity';
import { createTeam, TEST_PASSWORD, type TestTeam } from './factories.js';
import { createTestApp, type TestApp } from './test-app.js';

/** The rules axe runs: WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Where `screenshot()` writes; SCREENSHOT_DIR overrides. */
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? '/tmp/shots';

export interface WebTestApp extends TestApp {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  baseUrl: string;
}

/** The real app (createTestApp) listening on a free port of 127.0.0.1, for a browser. */
export async function startWebApp(environment: Record<string, string> = {}): Promise<WebTestApp> {
  const testApp = await createTestApp(environment);
  await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  const address = testApp.app.getHttpServer().address();
  if (!address || typeof address === 'string') throw new Error('the test app is not listening on a TCP port');
  return { ...testApp, baseUrl: `http://127.0.0.1:${address.port}` };
}

/**
 * Headless Chromium found the way the PDF renderer finds it (CHROMIUM_PATH, else the one shipped in npm), so browser
 * tests run on a machine with only Node and npm.
 */
export async function launchBrowser(testApp: TestApp): Promise<Browser> {
  const resolved = await resolveChromium({ chromiumPath: testApp.app.get(AppConfig).chromiumPath });
  return chromium.launch({
    executablePath: resolved.executablePath,
    args: chromiumArgs(resolved.bundled),
    env: chromiumEnv(resolved.env),
    headless: true,
  });
}

export interface BrowserSuite {
  web: WebTestApp;
  browser: Browser;
  /** Made only when `team` is given. */
  team: TestTeam;
  /** Another organization, made only when `other` is given: what the team must never see or touch. */
  other: TestTeam;
}

export interface BrowserSuiteOptions {
  /** Environment of the app (see `createTestApp`). */
  environment?: Record<string, string>;
  /** Members of the team (`suite.team`). */
  team?: Record<string, Role[]>;
  /** Members of a second organization (`suite.other`). */
  other?: Record<string, Role[]>;
}

/**
 * A browser test file's app (listening) and Chromium, and teams when asked: started in a `beforeAll` (registered
 * first, so the file's own `beforeAll` can use them), closed in an `afterAll` (the file's own `afterAll` runs after
 * it). Read the fields inside hooks and tests.
 */
export function browserSuite(options: BrowserSuiteOptions = {}): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    suite.web = await startWebApp(options.environment);
    suite.browser = await launchBrowser(suite.web);
    const [team, other] = await Promise.all([
      options.team ? createTeam(suite.web, options.team) : undefined,
      options.other ? createTeam(suite.web, options.other) : undefined,
    ]);
    if (team) suite.team = team;
    if (other) suite.other = other;
  }, 120_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.web?.close();
  });
  return suite;
}

export interface PageOptions {
  /** Default 1280 (desktop); 320 for the narrowest phone WCAG asks for. */
  width?: number;
  javaScriptEnabled?: boolean;
  /** Needed to inject axe into a page whose CSP forbids inline scripts; leave off to test the CSP itself. */
  bypassCSP?: boolean;
}

/** A page in a fresh context (its own cookies), at the given width. */
export async function openPage(browser: Browser, options: PageOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    bypassCSP: options.bypassCSP ?? false,
    serviceWorkers: 'block',
  });
  return { context, page: await context.newPage() };
}

/** Signs in through the login form, as a person would, and waits for the page it leads to. */
export async function signIn(
  page: Page,
  baseUrl: string,
  user: { email: string },
  password = TEST_PASSWORD,
  path = '/login',
): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForURL((url) => url.pathname !== '/login'), page.getByRole('button', { name: 'Sign in' }).click()]);
}

/**
 * Signs the team's admin in on a fresh page (CSP bypassed for axe) and follows the admin menu's `link` to `pathname`,
 * whose heading is the link's name.
 */
export async function openAdminSection(suite: BrowserSuite, link: string, pathname: string): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await openPage(suite.browser, { bypassCSP: true });
  await signIn(page, suite.web.baseUrl, suite.team.users.admin!, undefined, '/login?next=/app/admin');
  await page.getByRole('link', { name: link }).click();
  await page.waitForURL((url) => url.pathname === pathname);
  const heading = await page.getByRole('heading', { level: 1 }).innerText();
  if (heading !== link) throw new Error(`${pathname} is headed "${heading}", not "${link}"`);
  return { context, page };
}

let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core's violations of the WCAG A/AA rules on the page as it is now (its context needs `bypassCSP`). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (tags) => {
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> } })
      .axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target, failureSummary: node.failureSummary })),
    }));
  }, AXE_TAGS);
}

/** One line per violation and element, for a failing expectation's message. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id} (${violation.impact}): ${violation.help} at ${node.target.join(' ')}`),
    )
    .join('\n');
}

/** How wide the document is: more than the viewport means horizontal scrolling. */
export function scrollWidth(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth');
}

/**
 * What is wrong with the page as it is now at `width` (axe's WCAG violations, a document wider than the viewport), one
 * line each prefixed by `where` and the width; empty when nothing is. Collect them over pages and widths, then expect
 * the list to be empty, so that one failure names every page that is off.
 */
export async function pageProblems(page: Page, where: string, width: number): Promise<string[]> {
  const at = `${where} @${width}`.trim();
  const problems: string[] = [];
  const violations = describeViolations(await axeViolations(page));
  if (violations) problems.push(`${at}: ${violations}`);
  const wide = await scrollWidth(page);
  if (wide > width) problems.push(`${at}: scrollWidth ${wide}`);
  return problems;
}

/** A full-page PNG in SCREENSHOT_DIR, to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
