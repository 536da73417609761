// Notification scenarios: the reminder scan over 10,000 scorecards due in the same hour (statements counted: one
// query per batch, no per-scorecard query), and the worker's mail sender against a local SMTP sink (messages/s).
import 'reflect-metadata';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { freePort, root, sql } from './harness.mjs';

const dist = (file) => path.join(root, 'dist', file);
const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The worker's notification part (the scan, the digests, the sender) in a Nest context on the bench database. */
async function deliveryContext(url, smtpUrl) {
  const [{ Module }, { NestFactory }, core, database, events, notifications, { ENTITIES }] = await Promise.all([
    import('@nestjs/common'),
    import('@nestjs/core'),
    import(dist('libs/core/src/index.js')),
    import(dist('libs/database/src/index.js')),
    import(dist('libs/events/src/index.js')),
    import(dist('libs/notifications/src/index.js')),
    import(dist('apps/api/src/entities.js')),
  ]);
  class BenchNotificationsModule {}
  Module({
    imports: [core.CoreModule, database.DatabaseModule.forRoot({ entities: ENTITIES }), events.EventDispatchModule, notifications.NotificationsDeliveryModule],
  })(BenchNotificationsModule);
  const names = ['DATABASE_URL', 'MIGRATE_ON_START', 'SMTP_URL', 'LOG_LEVEL'];
  const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
  Object.assign(process.env, { DATABASE_URL: url, MIGRATE_ON_START: 'false', LOG_LEVEL: 'warn' });
  if (smtpUrl) process.env.SMTP_URL = smtpUrl;
  else delete process.env.SMTP_URL;
  const context = await NestFactory.createApplicationContext(BenchNotificationsModule, { logger: ['error', 'warn'], abortOnError: false });
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  return { context, notifications };
}

/** The statements TypeORM sends while `run` runs (as libs/testing's statementsDuring). */
async function statementsDuring(run) {
  const { PostgresQueryRunner } = await import('typeorm/driver/postgres/PostgresQueryRunner.js');
  const statements = [];
  const original = PostgresQueryRunner.prototype.query;
  PostgresQueryRunner.prototype.query = function (...args) {
    statements.push(String(args[0]));
    return original.apply(this, args);
  };
  try {
    await run();
  } finally {
    PostgresQueryRunner.prototype.query = original;
  }
  return statements;
}

/**
 * A local SMTP server that accepts and discards every message (no parsing: the sender is measured, not the sink);
 * `recipients()` lists each delivery's envelope recipients (a message delivered twice is there twice).
 */
export async function startSink() {
  const port = await freePort();
  let received = 0;
  const recipients = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        received += 1;
        recipients.push(...session.envelope.rcptTo.map((recipient) => recipient.address));
        callback();
      });
    },
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `smtp://127.0.0.1:${port}?ignoreTLS=true`, received: () => received, recipients: () => recipients, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * `count` not-submitted rounds whose round end + 1 h step is due in the same hour (they ended 60–120 minutes ago),
 * shared by `count / 10` interviewers (10 six-minute rounds each, so none overlaps), one loop and candidate each.
 */
async function addDueRounds(url, { organizationId, positionId, count }) {
  const interviewers = Math.ceil(count / 10);
  await sql(
    url,
    `WITH people AS (
       INSERT INTO users (id, organization_id, email, name, roles, timezone)
       SELECT gen_random_uuid(), $1, 'bench.reminder.' || g || '@bench.test', 'Bench Interviewer ' || g, '{interviewer}', 'Europe/Berlin'
         FROM generate_series(0, $3::int - 1) AS g
       RETURNING id),
     numbered AS (SELECT id, row_number() OVER () - 1 AS n FROM people),
     slots AS (
       SELECT gen_random_uuid() AS candidate_id, gen_random_uuid() AS loop_id, p.id AS interviewer_id, p.n, k,
              date_trunc('minute', now()) - interval '2 hours' + k * interval '6 minutes' AS starts_at
         FROM numbered p, generate_series(0, 9) AS k WHERE p.n * 10 + k < $4::int),
     candidates AS (
       INSERT INTO candidates (id, organization_id, name, email)
       SELECT candidate_id, $1, 'Bench Candidate ' || n || '.' || k, 'bench.reminder.' || n || '.' || k || '@example.test' FROM slots),
     loops AS (
       INSERT INTO loops (id, organization_id, candidate_id, position_id, status)
       SELECT loop_id, $1, candidate_id, $2, 'scheduled' FROM slots)
     INSERT INTO loop_rounds (organization_id, loop_id, position, title, pillar_ids, starts_at, ends_at, interviewer_id, scorecard_status)
     SELECT $1, loop_id, 0, 'Technical round', '{}', starts_at, starts_at + interval '6 minutes', interviewer_id, 'not_started' FROM slots`,
    [organizationId, positionId, interviewers, count],
  );
  await sql(url, 'ANALYZE users; ANALYZE candidates; ANALYZE loops; ANALYZE loop_rounds');
}

/** The reminder scan over `count` seats due now: its statements and time, then the sender's (held: no SMTP here). */
export async function remindersScenario({ url, organizationId, positionId, count }) {
  await addDueRounds(url, { organizationId, positionId, count });
  const { context, notifications } = await deliveryContext(url, undefined);
  try {
    const scan = context.get(notifications.ReminderScan);
    let seats = 0;
    const began = performance.now();
    const statements = await statementsDuring(async () => (seats = await scan.scan()));
    const seconds = (performance.now() - began) / 1000;
    const batches = Math.ceil(seats / notifications.REMINDER_BATCH) + (seats % notifications.REMINDER_BATCH === 0 ? 1 : 0);
    const seatQueries = statements.filter((text) => /FROM loop_rounds/.test(text) && /SKIP LOCKED/.test(text)).length;
    const inserts = statements.filter((text) => /INSERT INTO mail_outbox/.test(text)).length;
    const [{ count: mailed }] = await sql(url, `SELECT count(*)::int AS count FROM mail_outbox WHERE kind = 'reminder' AND organization_id = $1`, [organizationId]);
    const again = await statementsDuring(() => scan.scan());
    return {
      name: `reminder scan (${count} scorecards due in one hour)`,
      rps: round(seats / seconds),
      seats,
      mailed,
      seconds: round(seconds, 2),
      batches,
      statements: statements.length,
      statementsPerBatch: round(statements.length / batches, 2),
      seatQueries,
      outboxInserts: inserts,
      statementsOfIdleScan: again.length,
      onePerBatch: seatQueries === batches && inserts <= batches,
    };
  } finally {
    await context.close();
  }
}

/** The sender draining `count` queued messages to a local SMTP sink: messages per second. */
export async function outboxScenario({ url, organizationId, count }) {
  await sql(
    url,
    `INSERT INTO mail_outbox (organization_id, kind, recipient_address, subject, text_body, html_body, idempotency_key, next_attempt_at, created_at)
     SELECT $1, 'reminder', 'bench.' || g || '@example.test', 'Reminder: your scorecard ' || g,
            'Your scorecard of "Technical round" is due.' || repeat(' Lorem ipsum dolor sit amet.', 20), '<p>Your scorecard is due.</p>',
            'bench-outbox:' || g || ':' || gen_random_uuid(), now() - interval '1 minute', now()
       FROM generate_series(1, $2::int) AS g`,
    [organizationId, count],
  );
  await sql(url, `UPDATE mail_outbox SET status = 'sent' WHERE status IN ('queued', 'held') AND idempotency_key NOT LIKE 'bench-outbox:%'`);
  const sink = await startSink();
  const { context, notifications } = await deliveryContext(url, sink.url);
  try {
    const sender = context.get(notifications.MailSender);
    const began = performance.now();
    const taken = await sender.drain();
    const seconds = (performance.now() - began) / 1000;
    const [{ sent }] = await sql(url, `SELECT count(*)::int AS sent FROM mail_outbox WHERE status = 'sent' AND idempotency_key LIKE 'bench-outbox:%'`);
    return { name: `mail sender to a local SMTP sink (${count} messages)`, rps: round(sent / seconds), taken, sent, received: sink.received(), seconds: round(seconds, 2) };
  } finally {
    await context.close();
    await sink.close();
  }
}
