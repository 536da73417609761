/**
 * Recognising PostgreSQL errors that TypeORM wraps (`QueryFailedError.driverError`), and building the positional
 * parameters of hand-written SQL. One copy for every library.
 */

/** The `pg` error TypeORM wraps, or undefined when `error` is not a wrapped driver error. */
function driverErrorOf(error: unknown): { code?: string; constraint?: string } | undefined {
  return typeof error === 'object' && error !== null
    ? (error as { driverError?: { code?: string; constraint?: string } }).driverError
    : undefined;
}

/** PostgreSQL's unique_violation (23505) on the named constraint or index. */
export const isUniqueViolation = (error: unknown, constraint: string): boolean =>
  driverErrorOf(error)?.code === '23505' && driverErrorOf(error)?.constraint === constraint;

/** PostgreSQL's exclusion_violation (23P01) on the named constraint. */
export const isExclusionViolation = (error: unknown, constraint: string): boolean =>
  driverErrorOf(error)?.code === '23P01' && driverErrorOf(error)?.constraint === constraint;

/** PostgreSQL's foreign_key_violation (23503): a row still refers to the one being deleted. */
export const isForeignKeyViolation = (error: unknown): boolean => driverErrorOf(error)?.code === '23503';

/** Positional parameters for hand-written SQL: values never enter the text. */
export class SqlParams {
  readonly values: unknown[] = [];

  /** Adds a value and returns its placeholder (`$1`, `$2`, …). */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
