import { applyDecorators } from '@nestjs/common';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MinLength,
  Min,
  validateSync,
  type ValidationError,
} from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const normalized = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(normalized)) return true;
  if (['false', '0', 'no'].includes(normalized)) return false;
  return value;
};

const toInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

const emptyToUndefined = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** A whole number from `min` (to `max`), written in decimal. */
const WholeNumber = (min: number, max?: number): PropertyDecorator =>
  applyDecorators(Transform(toInteger), IsInt(), Min(min), ...(max === undefined ? [] : [Max(max)]));

/** `true` or `false`; `1`/`0` and `yes`/`no` too, in any case. */
const Flag = (): PropertyDecorator => applyDecorators(Transform(toBoolean), IsBoolean());

const TRUSTED_PEER = String.raw`(loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(/\d{1,3})?)`;
const TRUST_PROXY_PATTERN = new RegExp(String.raw`^(none|${TRUSTED_PEER}(\s*,\s*${TRUSTED_PEER})*)$`);

/** The process environment as the service reads it; every variable is listed in `.env.example`. */
export class Environment {
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// connection URL' })
  DATABASE_URL?: string;

  @WholeNumber(0, 65535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '127.0.0.1';

  /**
   * Which peers may set X-Forwarded-For and X-Forwarded-Proto: comma-separated addresses, CIDR ranges or the names
   * `loopback`, `linklocal`, `uniquelocal` (private ranges); `none` trusts no proxy. The client's address (the per-IP
   * rate limits, the access log) is the nearest one not trusted, so a client cannot claim another address.
   */
  @Matches(TRUST_PROXY_PATTERN, { message: 'must be none, or comma-separated addresses, CIDR ranges, loopback, linklocal or uniquelocal' })
  TRUST_PROXY: string = 'loopback';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  @Flag()
  MIGRATE_ON_START: boolean = true;

  @IsString()
  DATA_DIR: string = './.data';

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  TEMPLATES_DIR?: string;

  @IsString()
  CHROMIUM_PATH: string = '/usr/bin/chromium';

  /** Pages (tabs) of the one Chromium printing PDFs at once; more requests wait for a free page. */
  @WholeNumber(1, 8)
  PDF_CONCURRENCY: number = 2;

  /** While Chromium's processes together use more than this (RSS), no further page is opened until one is free. */
  @WholeNumber(64, 1_048_576)
  PDF_MEMORY_LIMIT_MB: number = 1536;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsEmail()
  BOOTSTRAP_ADMIN_EMAIL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(10)
  BOOTSTRAP_ADMIN_PASSWORD?: string;

  @IsString()
  @MinLength(1)
  BOOTSTRAP_ORG_NAME: string = 'My Team';

  @Flag()
  ALLOW_SIGNUP: boolean = false;

  @WholeNumber(1024, 65535)
  EMBEDDED_POSTGRES_PORT: number = 54329;

  @WholeNumber(1, 100)
  DATABASE_POOL_SIZE: number = 10;

  @Flag()
  QUERY_COUNTING: boolean = false;

  @Flag()
  SEED_DEMO: boolean = false;

  @WholeNumber(1, 3650)
  EXPORT_TTL_DAYS: number = 7;

  /** Days an access event (who read a packet, a candidate, scorecards, an export) is kept; the worker deletes older ones. */
  @WholeNumber(1, 3650)
  ACCESS_EVENTS_RETENTION_DAYS: number = 365;

  /** How often a running export marks itself alive (packet_exports.heartbeat_at), and how often the worker looks for dead ones. */
  @WholeNumber(1, 300)
  EXPORT_HEARTBEAT_SECONDS: number = 2;

  /** A running export whose heartbeat is older than this is taken as dead (its worker killed) and its job retried. */
  @WholeNumber(2, 3600)
  EXPORT_STALE_AFTER_SECONDS: number = 10;

  /** How often the worker's event dispatcher looks for due deliveries besides being woken after each commit. */
  @WholeNumber(1, 3600)
  EVENTS_SWEEP_SECONDS: number = 10;

  /** A subscriber that fails is retried after this long, then twice as long each time, up to EVENTS_RETRY_MAX_SECONDS. */
  @WholeNumber(1, 86_400)
  EVENTS_RETRY_FIRST_SECONDS: number = 5;

  @WholeNumber(1, 86_400)
  EVENTS_RETRY_MAX_SECONDS: number = 3600;

  /** Attempts per event and subscriber before the delivery is given up (and the aggregate's next events proceed). */
  @WholeNumber(1, 1000)
  EVENTS_MAX_ATTEMPTS: number = 15;

  /** Requests per window and IP to each anonymous route (login, signup). */
  @WholeNumber(1)
  RATE_LIMIT_ANONYMOUS: number = 20;

  /** Requests per window and user to authenticated routes, all routes together. */
  @WholeNumber(1)
  RATE_LIMIT_AUTHENTICATED: number = 600;

  @WholeNumber(1, 86_400)
  RATE_LIMIT_WINDOW_SECONDS: number = 60;

  /** Where people reach the web app: links in mail and calendar invites start with it. */
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'must be an http:// or https:// URL' })
  PUBLIC_URL: string = 'http://127.0.0.1:3000';

  /** `smtp://user:pass@host:587` or `smtps://…`; unset: mail is held in the outbox (and logged by kind and id), not sent. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^smtps?:\/\/.+/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** The sender of every mail and the ORGANIZER of calendar invites: `Loopwright <hiring@example.com>` or an address. */
  @Matches(/^([^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, { message: 'must be an address, or a name and <address>' })
  MAIL_FROM: string = 'Loopwright <loopwright@localhost>';

  /** How often the worker's mail sender looks for due messages besides being woken after each enqueue. */
  @WholeNumber(1, 3600)
  MAIL_SWEEP_SECONDS: number = 10;

  /** A failed send is retried after this long, then twice as long each time, up to MAIL_RETRY_MAX_SECONDS. */
  @WholeNumber(1, 86_400)
  MAIL_RETRY_FIRST_SECONDS: number = 30;

  @WholeNumber(1, 86_400)
  MAIL_RETRY_MAX_SECONDS: number = 3600;

  /** Attempts per message before it is given up (`failed`). */
  @WholeNumber(1, 100)
  MAIL_MAX_ATTEMPTS: number = 8;

  /** A message being sent is another sender's to take once this long has passed without its send finishing (a killed worker). */
  @WholeNumber(30, 3600)
  MAIL_LEASE_SECONDS: number = 300;

  /** How often the worker looks for scorecard reminders whose time has come (the ladder: round end + 1 h … daily). */
  @WholeNumber(1, 3600)
  REMINDER_SCAN_SECONDS: number = 60;

  /**
   * Outbound webhooks may be delivered to loopback, private, link-local and other internal addresses (checked after DNS,
   * at delivery time). Only for tests and on-premise receivers: otherwise an endpoint URL could reach internal services.
   */
  @Flag()
  WEBHOOKS_ALLOW_PRIVATE: boolean = false;

  /** A webhook delivery attempt that has no response (headers) within this many milliseconds fails and is retried. */
  @WholeNumber(100, 60_000)
  WEBHOOKS_TIMEOUT_MS: number = 15_000;

  /** How often the worker's webhook sender looks for due deliveries besides being woken after each commit. */
  @WholeNumber(1, 3600)
  WEBHOOKS_SWEEP_SECONDS: number = 10;

  /** How long after the last keystroke the round page saves the scorecard draft by itself. */
  @WholeNumber(20, 60_000)
  AUTOSAVE_DELAY_MS: number = 2_000;

  /**
   * The key that encrypts stored secrets (an SSO client secret): 32 bytes as base64 or 64 hex digits. Unset: a key
   * derived from a fixed phrase, with a warning at start (development and tests only).
   */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=?)$/, { message: 'must be 32 bytes: 64 hex digits or base64' })
  SECRETS_KEY?: string;

  /** Let single sign-on talk to an identity provider over plain http:// (a provider on 127.0.0.1 in tests). */
  @Flag()
  OIDC_ALLOW_INSECURE_ISSUERS: boolean = false;
}

export const ENVIRONMENT_KEYS = [
  'DATABASE_URL',
  'PORT',
  'HOST',
  'TRUST_PROXY',
  'LOG_LEVEL',
  'MIGRATE_ON_START',
  'DATA_DIR',
  'TEMPLATES_DIR',
  'CHROMIUM_PATH',
  'PDF_CONCURRENCY',
  'PDF_MEMORY_LIMIT_MB',
  'BOOTSTRAP_ADMIN_EMAIL',
  'BOOTSTRAP_ADMIN_PASSWORD',
  'BOOTSTRAP_ORG_NAME',
  'ALLOW_SIGNUP',
  'EMBEDDED_POSTGRES_PORT',
  'DATABASE_POOL_SIZE',
  'QUERY_COUNTING',
  'SEED_DEMO',
  'EXPORT_TTL_DAYS',
  'ACCESS_EVENTS_RETENTION_DAYS',
  'EXPORT_HEARTBEAT_SECONDS',
  'EXPORT_STALE_AFTER_SECONDS',
  'EVENTS_SWEEP_SECONDS',
  'EVENTS_RETRY_FIRST_SECONDS',
  'EVENTS_RETRY_MAX_SECONDS',
  'EVENTS_MAX_ATTEMPTS',
  'RATE_LIMIT_ANONYMOUS',
  'RATE_LIMIT_AUTHENTICATED',
  'RATE_LIMIT_WINDOW_SECONDS',
  'AUTOSAVE_DELAY_MS',
  'PUBLIC_URL',
  'SMTP_URL',
  'MAIL_FROM',
  'MAIL_SWEEP_SECONDS',
  'MAIL_RETRY_FIRST_SECONDS',
  'MAIL_RETRY_MAX_SECONDS',
  'MAIL_MAX_ATTEMPTS',
  'MAIL_LEASE_SECONDS',
  'REMINDER_SCAN_SECONDS',
  'WEBHOOKS_ALLOW_PRIVATE',
  'WEBHOOKS_TIMEOUT_MS',
  'WEBHOOKS_SWEEP_SECONDS',
  'SECRETS_KEY',
  'OIDC_ALLOW_INSECURE_ISSUERS',
] as const satisfies readonly (keyof Environment)[];

export class EnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'EnvironmentError';
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.map((error) => {
    const shown = /PASSWORD|SECRET|TOKEN|SMTP_URL/.test(error.property) ? '(hidden)' : JSON.stringify(error.value);
    const reasons = Object.values(error.constraints ?? {}).join('; ');
    return `${error.property}=${shown}: ${reasons}`;
  });
}

/** Parses and validates the environment; throws one error that lists every bad variable. */
export function parseEnvironment(source: Record<string, string | undefined>): Environment {
  const relevant = Object.fromEntries(
    ENVIRONMENT_KEYS.filter((key) => source[key] !== undefined && source[key] !== '').map((key) => [key, source[key]]),
  );
  const environment = plainToInstance(Environment, relevant, { exposeDefaultValues: true });
  const errors = validateSync(environment, { skipMissingProperties: false, forbidUnknownValues: false });
  const problems = describe(errors);
  if (environment.BOOTSTRAP_ADMIN_EMAIL && !environment.BOOTSTRAP_ADMIN_PASSWORD) {
    problems.push('BOOTSTRAP_ADMIN_PASSWORD: must be set when BOOTSTRAP_ADMIN_EMAIL is set');
  }
  if (environment.EVENTS_RETRY_MAX_SECONDS < environment.EVENTS_RETRY_FIRST_SECONDS) {
    problems.push('EVENTS_RETRY_MAX_SECONDS: must not be below EVENTS_RETRY_FIRST_SECONDS');
  }
  if (environment.MAIL_RETRY_MAX_SECONDS < environment.MAIL_RETRY_FIRST_SECONDS) {
    problems.push('MAIL_RETRY_MAX_SECONDS: must not be below MAIL_RETRY_FIRST_SECONDS');
  }
  if (problems.length > 0) throw new EnvironmentError(problems);
  return environment;
}
