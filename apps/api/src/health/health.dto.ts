export class HealthDto {
  /** `ok` when the service can serve requests. */
  status: 'ok' | 'error';
  /** Whether PostgreSQL answers. */
  db: 'up' | 'down';
}
