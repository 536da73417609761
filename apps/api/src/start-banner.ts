import path from 'node:path';

export interface StartBannerInput {
  /** Where the API listens, without a trailing slash. */
  url: string;
  /** The embedded PostgreSQL's data folder (DATA_DIR/postgres), or null with DATABASE_URL. */
  embeddedDataDir: string | null;
  /** EMBEDDED_POSTGRES_PORT as configured (the CLI needs the same). */
  embeddedPort: string | undefined;
  demoLogins: readonly { email: string; password: string; roles: readonly string[] }[];
  /** False on an empty database (no bootstrap admin, no demo team): the banner says how to create one. */
  hasUsers: boolean;
}

/** The few lines printed last at start: the web app first, then the API, the docs, the health check and how to sign in. */
export function startBanner(input: StartBannerInput): string {
  const { url } = input;
  const lines = [
    '',
    '──────────────────────────────────────────────────────────────',
    ` Loopwright is running`,
    `   Web app:   ${url}/`,
    `   API:       ${url}/api`,
    `   API docs:  ${url}/docs   (OpenAPI JSON: ${url}/docs-json)`,
    `   Health:    ${url}/health`,
    input.embeddedDataDir ? `   Data:      embedded PostgreSQL in ${input.embeddedDataDir}` : '   Data:      PostgreSQL at DATABASE_URL',
  ];
  if (input.demoLogins.length > 0) {
    lines.push('', ` Demo logins (sign in at ${url}/login, or POST /api/auth/login):`);
    for (const login of input.demoLogins) lines.push(`   ${login.email.padEnd(36)} ${login.password}   ${login.roles.join(', ')}`);
  } else if (!input.hasUsers) {
    // The CLI must reach the same database as this API.
    const database = input.embeddedDataDir
      ? `DATA_DIR=${path.dirname(input.embeddedDataDir)} EMBEDDED_POSTGRES_PORT=${input.embeddedPort ?? '54329'} `
      : 'DATABASE_URL=<the same as the API> ';
    lines.push(
      '',
      ' No user yet. Create the first admin from another terminal:',
      `   ${database}npm run cli -- create-admin --org "My Team" --email you@example.com`,
      '   (prints a generated password; --password or LOOPWRIGHT_ADMIN_PASSWORD to choose one)',
      ' or restart with BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD set.',
    );
  }
  lines.push(' Stop with Ctrl-C.', '──────────────────────────────────────────────────────────────', '');
  return `${lines.join('\n')}\n`;
}
