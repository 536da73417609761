/**
 * A read's version: the base64 SHA-256 of the text of exactly the rows the read's own statement returns, sorted, so
 * the same rows give the same version and any change to them (a column updated, a row inserted or deleted, by any
 * path) gives another; null when it returns no row. Wrapping the read's statement, not listing its tables again,
 * keeps the read and its version from drifting apart. `select` is SQL written by the calling code, never input; its
 * values are bound by the caller.
 */
const versionOf = (rows: string): string =>
  // A row's text is a parenthesised record literal (values with commas or line breaks quoted), so joined rows cannot
  // read as other rows. SHA-256 rather than md5: a version nobody can make collide with another on purpose.
  `(SELECT encode(sha256(convert_to(string_agg(version_row::text, ',' ORDER BY version_row::text), 'UTF8')), 'base64') FROM ${rows} AS version_row)`;

/** SQL: the version of the rows `select` returns, as ONE expression to embed in a statement. */
export const rowsVersionSql = (select: string): string => versionOf(`(${select})`);

/**
 * SQL: the rows `select` returns with their version (`rowsVersionSql`, the same on every row) as a last column
 * `rows_version`, in ONE statement (one snapshot: the version is of these very rows), ordered by `orderBy` (columns
 * of `select`'s rows, written by the calling code). No row: no version.
 */
export const withRowsVersionSql = (select: string, orderBy?: string): string =>
  `WITH versioned_rows AS MATERIALIZED (${select})
   SELECT versioned_rows.*, ${versionOf('versioned_rows')} AS rows_version FROM versioned_rows${orderBy ? ` ORDER BY ${orderBy}` : ''}`;
