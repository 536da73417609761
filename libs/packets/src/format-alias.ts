/** `md` (the file extension people type) is taken as `markdown` wherever a packet format is asked for. */
export const markdownAlias = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && value.toLowerCase() === 'md' ? 'markdown' : value);
