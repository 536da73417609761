import path from 'node:path';
import { Global, Module } from '@nestjs/common';
import { jest } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { AppConfig } from '@loopwright/core';
import { packetFileName, PacketRenderService, PacketRenderingModule, PacketTemplateEngine, PdfRenderer, readExamplePacket } from './index.js';

@Global()
@Module({
  providers: [{ provide: AppConfig, useValue: { templatesDir: path.resolve('templates'), chromiumPath: '/nonexistent' } }],
  exports: [AppConfig],
})
class FakeConfigModule {}

describe('PacketRenderingModule', () => {
  it('provides the engine and the PDF renderer from AppConfig, and stops them at shutdown', async () => {
    // Only the system Chromium (CHROMIUM_PATH, missing here): without PDF_BROWSER the npm-shipped one would print.
    const previous = process.env.PDF_BROWSER;
    process.env.PDF_BROWSER = 'system';
    const moduleRef = await Test.createTestingModule({ imports: [FakeConfigModule, PacketRenderingModule] }).compile();
    const app = await moduleRef.init().finally(() => {
      if (previous === undefined) delete process.env.PDF_BROWSER;
      else process.env.PDF_BROWSER = previous;
    });
    const engine = app.get(PacketTemplateEngine);
    const model = readExamplePacket();
    expect(await engine.render({ name: 'default', format: 'html' }, model)).toContain('<h1>Ada Lovelace</h1>');
    expect(await engine.renderUntrusted('{{candidate.name}}', 'markdown', model)).toBe('Ada Lovelace');
    await expect(app.get(PdfRenderer).render('<p>x</p>', { headerTitle: 'x' })).rejects.toMatchObject({ code: 'PDF_UNAVAILABLE', status: 503 });
    expect(packetFileName(model.candidate.name, model.position.title, model.generatedAt, 'pdf')).toBe('packet-ada-lovelace-ai-engineer-2026-11-29.pdf');
    const packets = app.get(PacketRenderService);
    await expect(packets.renderPacket(model, 'markdown')).resolves.toMatchObject({
      contentType: 'text/markdown; charset=utf-8',
      fileName: 'packet-ada-lovelace-ai-engineer-2026-11-29.md',
    });
    await expect(packets.renderPacket(model, 'pdf')).rejects.toMatchObject({ code: 'PDF_UNAVAILABLE' });
    const engineClosed = jest.spyOn(engine, 'close');
    const rendererClosed = jest.spyOn(app.get(PdfRenderer), 'close');
    await app.close();
    expect(engineClosed).toHaveBeenCalled();
    expect(rendererClosed).toHaveBeenCalled();
  });
});
