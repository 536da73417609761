import path from 'node:path';
import { readExamplePacket } from './templates/example-packet.js';
import { PacketRenderService } from './packet-render.service.js';
import { PdfRenderer } from './pdf/pdf-renderer.js';
import { PacketTemplateEngine } from './templates/packet-template-engine.js';

describe('PacketRenderService', () => {
  const engine = new PacketTemplateEngine({ templatesDir: path.resolve('templates') });
  const pdf = new PdfRenderer({ chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  const packets = new PacketRenderService(engine, pdf);
  const model = readExamplePacket();

  afterAll(async () => {
    await Promise.all([engine.close(), pdf.close()]);
  });

  it('renders HTML and Markdown from the shipped template, with content type and file name', async () => {
    const html = await packets.renderPacket(model, 'html');
    expect(html).toMatchObject({ contentType: 'text/html; charset=utf-8', fileName: 'packet-ada-lovelace-ai-engineer-2026-11-29.html' });
    expect(html.body).toBe(await engine.render({ name: 'default', format: 'html' }, model));
    const markdown = await packets.renderPacket(model, 'markdown');
    expect(markdown.fileName).toBe('packet-ada-lovelace-ai-engineer-2026-11-29.md');
    expect(String(markdown.body)).toMatch(/^# Candidate packet: Ada Lovelace/);
  });

  it('renders a custom template, and prints PDF from HTML only', async () => {
    const custom = await packets.renderPacket(model, 'html', { format: 'html', source: '<h1>{{candidate.name}}</h1>' });
    expect(custom.body).toBe('<h1>Ada Lovelace</h1>');
    const printed = await packets.renderPacket(model, 'pdf', { format: 'html', source: '<h1>{{candidate.name}}</h1>' });
    expect(printed).toMatchObject({ contentType: 'application/pdf', fileName: 'packet-ada-lovelace-ai-engineer-2026-11-29.pdf' });
    expect((printed.body as Buffer).subarray(0, 4).toString('latin1')).toBe('%PDF');
    await expect(packets.renderPacket(model, 'pdf', { format: 'markdown', source: '# x' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
    });
  });
});
