import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { AppError } from '@loopwright/core';
import { readExamplePacket } from '../templates/example-packet.js';
import { PacketTemplateEngine } from '../templates/packet-template-engine.js';
import { chromiumTreeRss, PdfRenderer } from './pdf-renderer.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('PdfRenderer', () => {
  const renderer = new PdfRenderer({ chromiumPath: CHROMIUM });
  const engine = new PacketTemplateEngine({ templatesDir: path.resolve('templates') });
  let server: Server;
  let requests = 0;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      requests += 1;
      response.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await renderer.close();
    await engine.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('prints a packet to PDF with one reused browser', async () => {
    const html = await engine.render({ name: 'default', format: 'html' }, readExamplePacket());
    const cold = await renderer.render(html, { headerTitle: 'Ada Lovelace <AI Engineer>' });
    expect(cold.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(cold.length).toBeGreaterThan(10_000);
    const session = await (renderer as unknown as { session: Promise<unknown> }).session;
    const warm = await Promise.all([1, 2, 3].map(() => renderer.render(html, { headerTitle: 'Ada Lovelace', paper: 'Letter' })));
    for (const pdf of warm) expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    // The same browser printed them all.
    expect(await (renderer as unknown as { session: Promise<unknown> }).session).toBe(session);
  });

  it('prints with at most `concurrency` pages at once and queues the rest', async () => {
    const bounded = new PdfRenderer({ chromiumPath: CHROMIUM, concurrency: 2, browserRss: () => Promise.resolve(0) });
    try {
      const pdfs = await Promise.all([1, 2, 3, 4, 5].map((n) => bounded.render(`<p>packet ${n}</p>`, { headerTitle: `n${n}` })));
      for (const pdf of pdfs) expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // Five asked at once: the first two take both pages before any finishes.
      expect(bounded.peakPagesInUse).toBe(2);
      expect(bounded.pagesInUse).toBe(0);
    } finally {
      await bounded.close();
    }
  });

  it('opens no further page while the browser is over the memory limit', async () => {
    const bounded = new PdfRenderer({ chromiumPath: CHROMIUM, concurrency: 4, memoryLimitMb: 1, browserRss: () => Promise.resolve(2 * 1024 * 1024) });
    try {
      const pdfs = await Promise.all([1, 2, 3].map((n) => bounded.render(`<p>packet ${n}</p>`, { headerTitle: `n${n}` })));
      for (const pdf of pdfs) expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bounded.peakPagesInUse).toBe(1);
    } finally {
      await bounded.close();
    }
  });

  it('prints when the last page is released while a memory check is under way, however that check ends', async () => {
    let answer: (bytes: number) => void = () => undefined;
    const bounded = new PdfRenderer({ chromiumPath: CHROMIUM, concurrency: 2, memoryLimitMb: 1, browserRss: () => new Promise((resolve) => (answer = resolve)) });
    try {
      const first = bounded.render('<p>first</p>', { headerTitle: 'first' });
      // One page prints: the second render checks the browser's memory first, and that check waits for `answer`.
      const second = bounded.render('<p>second</p>', { headerTitle: 'second' });
      await first;
      // Over the limit, but nothing prints any more: no release would come to wake it.
      answer(2 * 1024 * 1024);
      expect((await second).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bounded.peakPagesInUse).toBe(1);
    } finally {
      await bounded.close();
    }
  });

  it('measures the browser process tree from /proc', async () => {
    await renderer.render('<p>x</p>', { headerTitle: 'x' });
    expect(await chromiumTreeRss()).toBeGreaterThan(10 * 1024 * 1024);
  });

  it('lets the page fetch nothing', async () => {
    const { port } = server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
    const html =
      `<html><head><link rel="stylesheet" href="${base}/style.css"><style>body{background:url(${base}/bg.png)}</style></head>` +
      `<body><img src="${base}/pixel.png"><iframe src="${base}/frame"></iframe><script src="${base}/app.js"></script>hello</body></html>`;
    const pdf = await renderer.render(html, { headerTitle: 'x' });
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(requests).toBe(0);
  });

  it('relaunches the browser after it went away', async () => {
    const session = await (renderer as unknown as { session: Promise<{ browser: { close(): Promise<void> } }> }).session;
    await session.browser.close();
    const pdf = await renderer.render('<p>after a crash</p>', { headerTitle: 'x' });
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
  });

  it('answers 503 PDF_UNAVAILABLE with install instructions without Chromium', async () => {
    const missing = new PdfRenderer({ chromiumPath: '/nonexistent', browser: 'system' });
    const error = await missing.render('<p>x</p>', { headerTitle: 'x' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'PDF_UNAVAILABLE', status: 503 });
    expect((error as AppError).message).toContain('apt-get install -y chromium');
    expect((error as AppError).message).toContain('CHROMIUM_PATH');
    const broken = new PdfRenderer({ chromiumPath: '/bin/false', browser: 'system' });
    await expect(broken.render('<p>x</p>', { headerTitle: 'x' })).rejects.toMatchObject({ code: 'PDF_UNAVAILABLE' });
    await broken.close();
  });

  it('uses CHROMIUM_PATH when it exists, else the Chromium shipped in @sparticuz/chromium, and prints with it', async () => {
    await expect(new PdfRenderer({ chromiumPath: '/bin/sh', browser: 'auto' }).resolveExecutable()).resolves.toMatchObject({
      executablePath: '/bin/sh',
      bundled: false,
    });
    const fallback = new PdfRenderer({ chromiumPath: '/nonexistent', browser: 'auto' });
    try {
      const resolved = await fallback.resolveExecutable();
      expect(resolved.bundled).toBe(true);
      expect(resolved.executablePath).toMatch(/loopwright-chromium-[\d.]+\/chromium$/);
      expect(resolved.env.FONTCONFIG_PATH).toBeTruthy();
      const html = await engine.render({ name: 'default', format: 'html' }, readExamplePacket());
      const pdf = await fallback.render(html, { headerTitle: 'Ada Lovelace' });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(10_000);
    } finally {
      await fallback.close();
    }
    const forced = new PdfRenderer({ chromiumPath: '/bin/sh', browser: 'bundled' });
    await expect(forced.resolveExecutable()).resolves.toMatchObject({ bundled: true });
  });
});
