/**
 * Recognising PostgreSQL errors that TypeORM wraps (`QueryFailedError.driverError`), and building the positional
 * parameters of hand-written SQL. One copy for every library.
 */

/** The `pg` error TypeORM wraps, or undefined when `error` is not a wrapped driver error. */
interface DriverError {
  code?: string;
  constraint?: string;
  detail?: string;
}

function driverErrorOf(error: unknown): DriverError | undefined {
  return typeof error === 'object' && error !== null ? (error as { driverError?: DriverError }).driverError : undefined;
}

/** PostgreSQL's unique_violation (23505) on the named constraint or index. */
export const isUniqueViolation = (error: unknown, constraint: string): boolean =>
  driverErrorOf(error)?.code === '23505' && driverErrorOf(error)?.constraint === constraint;

/** PostgreSQL's exclusion_violation (23P01) on the named constraint. */
export const isExclusionViolation = (error: unknown, constraint: string): boolean =>
  driverErrorOf(error)?.code === '23P01' && driverErrorOf(error)?.constraint === constraint;

/** PostgreSQL's foreign_key_violation (23503): a row still refers to the one being deleted, or names one missing. */
export const isForeignKeyViolation = (error: unknown): boolean => driverErrorOf(error)?.code === '23503';

/**
 * A foreign_key_violation's constraint and the key it names, by column: PostgreSQL reports the first row that broke it
 * in `detail` (`Key (organization_id, pillar_id)=(…, …) is not present in table "pillars".`). Undefined for any other
 * error; `key` is empty when the detail names none (or a value holds a comma: only for simple keys such as uuids).
 */
export function foreignKeyViolation(error: unknown): { constraint?: string; key: Record<string, string> } | undefined {
  const driverError = driverErrorOf(error);
  if (driverError?.code !== '23503') return undefined;
  const match = /^Key \((.+?)\)=\((.*?)\)/.exec(driverError.detail ?? '');
  const columns = match?.[1]?.split(', ') ?? [];
  const values = match?.[2]?.split(', ') ?? [];
  const key = columns.length === values.length ? Object.fromEntries(columns.map((column, index) => [column, values[index]!])) : {};
  return { constraint: driverError.constraint, key };
}

/** Positional parameters for hand-written SQL: values never enter the text. */
export class SqlParams {
  readonly values: unknown[] = [];

  /** Adds a value and returns its placeholder (`$1`, `$2`, …). */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
