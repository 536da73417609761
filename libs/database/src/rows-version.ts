/**
 * SQL: a short version of exactly the rows `select` returns (a read's own statement, placeholders bound by the
 * caller), as ONE expression to embed in a statement: the base64 SHA-256 of the rows' text, sorted, so the same rows
 * give the same version and any change to them (a column updated, a row inserted or deleted, by any path) gives
 * another; null when `select` returns no row. Wrapping the read's own SQL, not listing its tables again, keeps the
 * read and its version from drifting apart. `select` is SQL written by the calling code, never input.
 */
export const rowsVersionSql = (select: string): string =>
  // A row's text is a parenthesised record literal (values with commas or line breaks quoted), so joined rows cannot
  // read as other rows. SHA-256 rather than md5: a version nobody can make collide with another on purpose.
  `(SELECT encode(sha256(convert_to(string_agg(version_row::text, ',' ORDER BY version_row::text), 'UTF8')), 'base64')
      FROM (${select}) AS version_row)`;
