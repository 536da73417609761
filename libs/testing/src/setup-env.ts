// Each test file gets the same environment a production start would, minus noise and start-up work.
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
process.env.MIGRATE_ON_START = 'false';
process.env.SEED_DEMO = 'false';
delete process.env.BOOTSTRAP_ADMIN_EMAIL;
delete process.env.BOOTSTRAP_ADMIN_PASSWORD;
// The suite makes far more logins per minute from 127.0.0.1 than a person would: tests of the limits set their own.
process.env.RATE_LIMIT_ANONYMOUS = '100000';
process.env.RATE_LIMIT_AUTHENTICATED = '100000';
