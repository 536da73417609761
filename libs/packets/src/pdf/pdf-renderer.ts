import { existsSync } from 'node:fs';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { AppError } from '@loopwright/core';
import Handlebars from 'handlebars';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { pdfUnavailable } from '../packets.errors.js';
import { bundledChromium } from './bundled-chromium.js';
import { childPidsNamed, processTreeRss } from './process-tree-rss.js';

/** The flags verified with Debian's Chromium (STACK.md). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Which Chromium prints: `system` only `chromiumPath`; `bundled` only the one inside the `@sparticuz/chromium`
 * npm package; `auto` (default) `chromiumPath` when that file exists, else the bundled one.
 */
export type PdfBrowser = 'auto' | 'system' | 'bundled';

export interface PdfRendererOptions {
  /** AppConfig.chromiumPath (CHROMIUM_PATH, default /usr/bin/chromium). */
  chromiumPath: string;
  /** Default `auto`; the PDF_BROWSER environment variable when set. */
  browser?: PdfBrowser;
  /** Where the bundled Chromium is unpacked; default the OS temporary folder. */
  bundledCacheDir?: string;
  /** Pages printing at once; default 2 (PDF printing is CPU-bound). */
  concurrency?: number;
  /** Launch, load and print time limit in ms; default 30 s. */
  timeoutMs?: number;
  /** PDF_MEMORY_LIMIT_MB: while the browser's RSS is above it, no further page is opened; default 1536. */
  memoryLimitMb?: number;
  /** The browser's resident memory in bytes; default its process tree's VmRSS from /proc. Injected by tests. */
  browserRss?: () => Promise<number>;
}

/** RSS of the Chromium processes this process started (with all their helpers). */
export async function chromiumTreeRss(): Promise<number> {
  let total = 0;
  for (const pid of await childPidsNamed(process.pid, ['chrom', 'headless'])) total += await processTreeRss(pid);
  return total;
}

/** Extra flags for the bundled (headless-shell) build: it has no zygote helper. */
const BUNDLED_ARGS: readonly string[] = ['--no-zygote', '--font-render-hinting=none'];

/** The launch flags for the resolved Chromium. */
export const chromiumArgs = (bundled: boolean): string[] => [...CHROMIUM_ARGS, ...(bundled ? BUNDLED_ARGS : [])];

/** The process environment with Chromium's extra variables (the bundled build's fonts and libraries). */
export function chromiumEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { ...Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined)), ...extra };
}

export function pdfBrowserFromEnv(): PdfBrowser {
  const value = process.env.PDF_BROWSER;
  return value === 'system' || value === 'bundled' ? value : 'auto';
}

export interface ResolvedChromium {
  executablePath: string;
  env: Record<string, string>;
  bundled: boolean;
}

/**
 * Which Chromium to start (see PdfBrowser): the PDF renderer and the browser tests find it the same way, so both work
 * on a machine with only Node and npm. Without one: 503 PDF_UNAVAILABLE saying what was tried.
 */
export async function resolveChromium(options: { chromiumPath: string; browser?: PdfBrowser; bundledCacheDir?: string }): Promise<ResolvedChromium> {
  const browser = options.browser ?? pdfBrowserFromEnv();
  const systemPath = options.chromiumPath;
  if (browser !== 'bundled' && systemPath && existsSync(systemPath)) return { executablePath: systemPath, env: {}, bundled: false };
  if (browser === 'system') throw pdfUnavailable(`no Chromium at ${systemPath || '(CHROMIUM_PATH is empty)'}`);
  try {
    return { ...(await bundledChromium(options.bundledCacheDir)), bundled: true };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw pdfUnavailable(`no Chromium at ${systemPath || '(CHROMIUM_PATH is empty)'} and the bundled one is unusable (${reason})`);
  }
}

export interface PdfRenderOptions {
  /** Shown at the top of every page (the candidate's name); escaped here. */
  headerTitle: string;
  paper?: 'A4' | 'Letter';
}

const MARGIN = { top: '20mm', bottom: '18mm', left: '14mm', right: '14mm' };
const FOOTER =
  '<div style="font-size:8px;width:100%;text-align:center;color:#555;font-family:sans-serif">' +
  'Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>';

interface Session {
  browser: Browser;
  context: BrowserContext;
  idlePages: Page[];
}

/**
 * Prints HTML to PDF with Chromium through playwright-core: the system one (CHROMIUM_PATH) or, when that is
 * missing, the one shipped in the `@sparticuz/chromium` npm package (see PdfBrowser). One browser is started on first use
 * and reused (relaunched when it crashed or disconnected), with one context without JavaScript in which every
 * network request is aborted; pages are reused and at most `concurrency` print at once. Without Chromium,
 * `render` throws 503 PDF_UNAVAILABLE saying how to install one.
 */
@Injectable()
export class PdfRenderer implements OnApplicationShutdown {
  private session: Promise<Session> | null = null;
  /** Pages that may print at once (PDF_CONCURRENCY). */
  readonly concurrency: number;
  private readonly timeoutMs: number;
  private active = 0;
  private mostActive = 0;
  private readonly waiting: (() => void)[] = [];
  private closed = false;
  private readonly browser: PdfBrowser;
  private readonly memoryLimitBytes: number;
  private readonly browserRss: () => Promise<number>;

  constructor(private readonly options: PdfRendererOptions) {
    this.browser = options.browser ?? pdfBrowserFromEnv();
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.memoryLimitBytes = (options.memoryLimitMb ?? 1536) * 1024 * 1024;
    this.browserRss = options.browserRss ?? chromiumTreeRss;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** The PDF bytes of a self-contained HTML document (external resources are not fetched). */
  async render(html: string, options: PdfRenderOptions): Promise<Buffer> {
    if (this.closed) throw pdfUnavailable('the PDF renderer is shut down');
    await this.acquire();
    try {
      return await this.print(html, options);
    } finally {
      this.release();
    }
  }

  /** Closes the browser; a later render starts a new one unless the app is shutting down. */
  async close(): Promise<void> {
    const session = this.session;
    this.session = null;
    if (!session) return;
    try {
      await (await session).browser.close();
    } catch {
      // It never started or is already gone.
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await this.close();
  }

  private async print(html: string, options: PdfRenderOptions): Promise<Buffer> {
    let session = await this.startSession();
    if (!session.browser.isConnected()) {
      // It crashed or was closed since the last render: start a new one.
      await this.forget(session);
      session = await this.startSession();
    }
    let page = session.idlePages.pop();
    try {
      page ??= await session.context.newPage();
      await page.setContent(html, { waitUntil: 'load', timeout: this.timeoutMs });
      const pdf = await page.pdf({
        format: options.paper ?? 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate:
          '<div style="font-size:8px;width:100%;padding:0 14mm;color:#555;font-family:sans-serif;display:flex;justify-content:space-between">' +
          `<span>${Handlebars.escapeExpression(options.headerTitle)}</span><span>Confidential — for the hiring committee</span></div>`,
        footerTemplate: FOOTER,
        margin: MARGIN,
      });
      session.idlePages.push(page);
      return pdf;
    } catch (error) {
      await page?.close().catch(() => undefined);
      if (!session.browser.isConnected()) {
        await this.forget(session);
        throw pdfUnavailable(`Chromium stopped while printing (${error instanceof Error ? error.message : String(error)})`);
      }
      throw error;
    }
  }

  private async forget(session: Session): Promise<void> {
    if (this.session && (await this.session.catch(() => null)) === session) this.session = null;
  }

  private startSession(): Promise<Session> {
    this.session ??= this.launch().catch((error: unknown) => {
      this.session = null;
      throw error;
    });
    return this.session;
  }

  /** The executable and extra environment, by `browser` (see PdfBrowser). */
  resolveExecutable(): Promise<ResolvedChromium> {
    return resolveChromium({ chromiumPath: this.options.chromiumPath, browser: this.browser, bundledCacheDir: this.options.bundledCacheDir });
  }

  private async launch(): Promise<Session> {
    const { executablePath, env, bundled } = await this.resolveExecutable();
    let browser: Browser;
    try {
      browser = await chromium.launch({
        executablePath,
        args: chromiumArgs(bundled),
        env: chromiumEnv(env),
        headless: true,
        timeout: this.timeoutMs,
      });
    } catch (error) {
      throw pdfUnavailable(
        `Chromium at ${executablePath} did not start (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
      );
    }
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, serviceWorkers: 'block', acceptDownloads: false });
      // Packets are self-contained: nothing is fetched (no images, fonts or styles from anywhere).
      await context.route('**/*', (route) => route.abort());
      const session: Session = { browser, context, idlePages: [] };
      browser.on('disconnected', () => void this.forget(session));
      return session;
    } catch (error) {
      await browser.close().catch(() => undefined);
      throw error instanceof AppError ? error : pdfUnavailable(`Chromium did not open a page (${String(error)})`);
    }
  }

  /** Pages printing now, at most `concurrency`. */
  get pagesInUse(): number {
    return this.active;
  }

  /** The most pages that printed at once since this renderer was made. */
  get peakPagesInUse(): number {
    return this.mostActive;
  }

  /**
   * A page, once fewer than `concurrency` print and (unless none prints) the browser is under the memory limit;
   * until then the caller waits for a page to be released.
   */
  private async acquire(): Promise<void> {
    for (;;) {
      if (this.active < this.concurrency) {
        const over = this.active > 0 && (await this.overMemory());
        // Read again after the memory check: the pages printing then may all have been released meanwhile, and no
        // release would come to wake a waiter.
        if (this.active === 0 || (!over && this.active < this.concurrency)) {
          this.active += 1;
          this.mostActive = Math.max(this.mostActive, this.active);
          return;
        }
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private async overMemory(): Promise<boolean> {
    try {
      return (await this.browserRss()) > this.memoryLimitBytes;
    } catch {
      return false;
    }
  }

  private release(): void {
    this.active -= 1;
    this.waiting.shift()?.();
  }
}
