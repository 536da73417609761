/** Template formats: what a Handlebars packet template writes. PDF is printed from the HTML. */
export const PACKET_TEMPLATE_FORMATS = ['html', 'markdown'] as const;
export type PacketFormat = (typeof PACKET_TEMPLATE_FORMATS)[number];

/** Every format a packet can be delivered in. */
export const PACKET_OUTPUT_FORMATS = ['html', 'markdown', 'pdf'] as const;
export type PacketOutputFormat = (typeof PACKET_OUTPUT_FORMATS)[number];

/** File name extensions: shipped templates are `<name>.<ext>.hbs`, delivered files `packet-....<ext>`. */
export const PACKET_FILE_EXTENSIONS: Readonly<Record<PacketOutputFormat, string>> = { html: 'html', markdown: 'md', pdf: 'pdf' };

export const PACKET_CONTENT_TYPES: Readonly<Record<PacketOutputFormat, string>> = {
  html: 'text/html; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
  pdf: 'application/pdf',
};

export const isPacketFormat = (value: unknown): value is PacketFormat =>
  typeof value === 'string' && (PACKET_TEMPLATE_FORMATS as readonly string[]).includes(value);
