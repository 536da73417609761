/** The one error shape of every route. */
export class ErrorResponseDto {
  /** @example 409 */
  statusCode: number;
  /** @example "Conflict" */
  error: string;
  /** A sentence for people. */
  message: string;
  /** A stable machine code, e.g. `VALIDATION_FAILED`, `FORBIDDEN`, `STALE_VERSION`. */
  code: string;
  /** Extra facts: for `VALIDATION_FAILED`, `fields: [{field, problems}]`; for `STALE_VERSION`, `current`. */
  details?: Record<string, unknown>;
  /** The `x-request-id` of the request, also in the logs. */
  requestId: string;
}
