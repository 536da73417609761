import { packetContentDisposition, packetFileName, slugify } from './packet-file-name.js';

describe('packetFileName', () => {
  it('names a packet by candidate, position and UTC date', () => {
    expect(packetFileName('Ada Lovelace', 'AI Engineer', new Date('2026-11-29T23:30:00Z'), 'pdf')).toBe(
      'packet-ada-lovelace-ai-engineer-2026-11-29.pdf',
    );
    expect(packetFileName('Ada Lovelace', 'AI Engineer', '2026-11-29T09:30:00.000Z', '.md')).toBe('packet-ada-lovelace-ai-engineer-2026-11-29.md');
  });

  it('keeps only ASCII letters, digits and hyphens', () => {
    expect(packetFileName('Zoë Ångström-Øre', 'Sr. ML/AI Engineer (Zürich)', '2026-01-02T00:00:00Z', 'html')).toBe(
      'packet-zoe-angstrom-ore-sr-ml-ai-engineer-zurich-2026-01-02.html',
    );
    const hostile = packetFileName('"; filename=evil.exe\r\n../../etc/passwd', '<script>', '2026-11-29', 'p"df');
    expect(hostile).toBe('packet-filename-evil-exe-etc-passwd-script-2026-11-29.pdf');
    expect(hostile).toMatch(/^[a-z0-9.-]+$/);
  });

  it('falls back when nothing is left, and caps long names', () => {
    expect(packetFileName('李小龍', '', 'not a date', 'pdf')).toBe('packet-candidate-position-undated.pdf');
    expect(slugify('a'.repeat(200), 'x')).toHaveLength(60);
    expect(slugify('word '.repeat(30), 'x')).not.toMatch(/-$/);
  });

  it('writes a Content-Disposition value', () => {
    expect(packetContentDisposition('packet-ada-lovelace-ai-engineer-2026-11-29.pdf')).toBe(
      'attachment; filename="packet-ada-lovelace-ai-engineer-2026-11-29.pdf"',
    );
  });
});
