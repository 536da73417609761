/** An ASCII slug: accents dropped, anything else between words becomes one hyphen. */
export function slugify(value: string, fallback: string, maxLength = 60): string {
  const slug = value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/æ/gi, 'ae')
    .replace(/ø/gi, 'o')
    .replace(/œ/gi, 'oe')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
  return slug || fallback;
}

/** The date part in UTC: `2026-11-29`. */
function isoDate(date: Date | string): string {
  const parsed = typeof date === 'string' ? new Date(date) : date;
  return Number.isNaN(parsed.getTime()) ? 'undated' : parsed.toISOString().slice(0, 10);
}

/**
 * The file name of a packet: `packet-ada-lovelace-ai-engineer-2026-11-29.pdf`. ASCII letters, digits and
 * hyphens only, so it is safe in a Content-Disposition header without encoding.
 */
export function packetFileName(candidateName: string, positionTitle: string, date: Date | string, ext: string): string {
  const extension = ext.replace(/^\./, '').toLowerCase().replace(/[^a-z0-9]/g, '') || 'txt';
  return `packet-${slugify(candidateName, 'candidate')}-${slugify(positionTitle, 'position')}-${isoDate(date)}.${extension}`;
}

/** `attachment; filename="packet-....pdf"` for a name made by packetFileName. */
export const packetContentDisposition = (fileName: string): string => `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`;
