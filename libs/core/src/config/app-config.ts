import path from 'node:path';
import type { Environment, LogLevel } from './environment.js';
import { projectRoot } from './project-root.js';
import { secretsKeyFrom } from '../crypto/secret-box.js';

/** The validated configuration; DATA_DIR is resolved against the working directory, TEMPLATES_DIR against the project root. */
export abstract class AppConfig {
  abstract readonly databaseUrl: string;
  abstract readonly port: number;
  abstract readonly host: string;
  abstract readonly logLevel: LogLevel;
  abstract readonly migrateOnStart: boolean;
  abstract readonly dataDir: string;
  abstract readonly templatesDir: string;
  abstract readonly chromiumPath: string;
  /** PDF printing: pages of the one browser at once, and the browser's RSS above which no page is added. */
  abstract readonly pdf: { concurrency: number; memoryLimitMb: number };
  abstract readonly bootstrapAdmin: { email: string; password: string; orgName: string } | null;
  abstract readonly allowSignup: boolean;
  abstract readonly databasePoolSize: number;
  abstract readonly queryCounting: boolean;
  abstract readonly seedDemo: boolean;
  abstract readonly exportTtlDays: number;
  /** Days an access event is kept. */
  abstract readonly accessEventsRetentionDays: number;
  /** A running export writes a heartbeat every `heartbeatSeconds`; one silent for `staleAfterSeconds` is retried. */
  abstract readonly exportLiveness: { heartbeatSeconds: number; staleAfterSeconds: number };
  /** The worker's event dispatcher: its sweep interval and how a failing subscriber is retried. */
  abstract readonly eventDispatch: { sweepSeconds: number; retryFirstSeconds: number; retryMaxSeconds: number; maxAttempts: number };
  /** Per window: requests per IP to each anonymous route, and per user to authenticated routes. */
  abstract readonly rateLimits: { anonymous: number; authenticated: number; windowSeconds: number };
  /** The web app's address as people reach it, without a trailing slash (links in mail and invites). */
  abstract readonly publicUrl: string;
  /** Outgoing mail: `smtpUrl` null holds every message in the outbox. */
  abstract readonly mail: {
    smtpUrl: string | null;
    from: string;
    sweepSeconds: number;
    retryFirstSeconds: number;
    retryMaxSeconds: number;
    maxAttempts: number;
    leaseSeconds: number;
  };
  /** The worker's scorecard reminder scan runs every `scanSeconds`. */
  abstract readonly reminders: { scanSeconds: number };
  /** Outbound webhooks: internal addresses allowed (tests, on-premise), the attempt timeout, the sender's sweep. */
  abstract readonly webhooks: { allowPrivate: boolean; timeoutMs: number; sweepSeconds: number };
  /** The round page saves a draft this long after the last change. */
  abstract readonly autosaveDelayMs: number;
  /** The AES-256 key for stored secrets; `derived` when SECRETS_KEY is unset (a fixed development key). */
  abstract readonly secretsKey: { key: Buffer; derived: boolean };
  /** Single sign-on may reach identity providers over plain http:// (tests only). */
  abstract readonly oidcAllowInsecureIssuers: boolean;
}

export function toAppConfig(environment: Environment): AppConfig {
  if (!environment.DATABASE_URL) {
    throw new Error('DATABASE_URL is not set: start the embedded database first (see startEmbeddedPostgres)');
  }
  return {
    databaseUrl: environment.DATABASE_URL,
    port: environment.PORT,
    host: environment.HOST,
    logLevel: environment.LOG_LEVEL,
    migrateOnStart: environment.MIGRATE_ON_START,
    dataDir: path.resolve(environment.DATA_DIR),
    templatesDir: path.resolve(projectRoot(), environment.TEMPLATES_DIR ?? 'templates'),
    chromiumPath: environment.CHROMIUM_PATH,
    pdf: { concurrency: environment.PDF_CONCURRENCY, memoryLimitMb: environment.PDF_MEMORY_LIMIT_MB },
    bootstrapAdmin:
      environment.BOOTSTRAP_ADMIN_EMAIL && environment.BOOTSTRAP_ADMIN_PASSWORD
        ? {
            email: environment.BOOTSTRAP_ADMIN_EMAIL,
            password: environment.BOOTSTRAP_ADMIN_PASSWORD,
            orgName: environment.BOOTSTRAP_ORG_NAME,
          }
        : null,
    allowSignup: environment.ALLOW_SIGNUP,
    databasePoolSize: environment.DATABASE_POOL_SIZE,
    queryCounting: environment.QUERY_COUNTING,
    seedDemo: environment.SEED_DEMO,
    exportTtlDays: environment.EXPORT_TTL_DAYS,
    accessEventsRetentionDays: environment.ACCESS_EVENTS_RETENTION_DAYS,
    exportLiveness: { heartbeatSeconds: environment.EXPORT_HEARTBEAT_SECONDS, staleAfterSeconds: environment.EXPORT_STALE_AFTER_SECONDS },
    eventDispatch: {
      sweepSeconds: environment.EVENTS_SWEEP_SECONDS,
      retryFirstSeconds: environment.EVENTS_RETRY_FIRST_SECONDS,
      retryMaxSeconds: environment.EVENTS_RETRY_MAX_SECONDS,
      maxAttempts: environment.EVENTS_MAX_ATTEMPTS,
    },
    rateLimits: {
      anonymous: environment.RATE_LIMIT_ANONYMOUS,
      authenticated: environment.RATE_LIMIT_AUTHENTICATED,
      windowSeconds: environment.RATE_LIMIT_WINDOW_SECONDS,
    },
    publicUrl: environment.PUBLIC_URL.replace(/\/+$/, ''),
    mail: {
      smtpUrl: environment.SMTP_URL ?? null,
      from: environment.MAIL_FROM,
      sweepSeconds: environment.MAIL_SWEEP_SECONDS,
      retryFirstSeconds: environment.MAIL_RETRY_FIRST_SECONDS,
      retryMaxSeconds: environment.MAIL_RETRY_MAX_SECONDS,
      maxAttempts: environment.MAIL_MAX_ATTEMPTS,
      leaseSeconds: environment.MAIL_LEASE_SECONDS,
    },
    reminders: { scanSeconds: environment.REMINDER_SCAN_SECONDS },
    webhooks: {
      allowPrivate: environment.WEBHOOKS_ALLOW_PRIVATE,
      timeoutMs: environment.WEBHOOKS_TIMEOUT_MS,
      sweepSeconds: environment.WEBHOOKS_SWEEP_SECONDS,
    },
    autosaveDelayMs: environment.AUTOSAVE_DELAY_MS,
    secretsKey: secretsKeyFrom(environment.SECRETS_KEY),
    oidcAllowInsecureIssuers: environment.OIDC_ALLOW_INSECURE_ISSUERS,
  };
}
