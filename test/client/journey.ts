/**
 * What a newcomer's typed client does, compiled (never run) against the types `openapi-typescript` generates from the
 * committed openapi.json (`npm run client:check`). A document that marks a defaulted query parameter required, loses
 * a field, types a nullable field as never null, or gives a file download no media type makes this fail to compile.
 */
import type { components, paths } from './generated/api.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type Parameters<O> = O extends { parameters: infer X } ? X : never;
type JsonBody<O> = O extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;
type Response<O, Status extends number, Media extends string = 'application/json'> = O extends {
  responses: { [S in Status]: { content: { [M in Media]: infer T } } };
}
  ? T
  : never;
type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** Compiles only when A and B are the same type. */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <Check extends true>(): Check | undefined => undefined;

interface CallOptions<O> {
  params: Parameters<O>;
  body?: JsonBody<O>;
  token?: string;
}

const BASE_URL = process.env.LOOPWRIGHT_URL ?? 'http://localhost:3000';

/** A `fetch` response whose `json()` is the operation's documented 200/201 JSON body. */
interface TypedResponse<O> {
  json(): Promise<Response<O, 200> | Response<O, 201>>;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A plain `fetch` whose path, path and query parameters and JSON body are checked against the document. */
async function call<P extends keyof paths & string, M extends Method>(method: M, path: P, options: CallOptions<Operation<P, M>>): Promise<TypedResponse<Operation<P, M>>> {
  const { path: pathParameters = {}, query = {} } = options.params as { path?: Record<string, string>; query?: Record<string, string | number | boolean> };
  const url = new URL(path.replace(/\{(\w+)\}/g, (_match, name: string) => encodeURIComponent(pathParameters[name] ?? '')), BASE_URL);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value));
  const response = await fetch(url, {
    method: method.toUpperCase(),
    headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(options.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  if (!response.ok) {
    const error = (await response.json()) as Schema<'ErrorResponseDto'>;
    throw new Error(`${method.toUpperCase()} ${path}: ${error.statusCode} ${error.code} ${error.message}`);
  }
  return {
    json: () => response.json() as Promise<Response<Operation<P, M>, 200> | Response<Operation<P, M>, 201>>,
    text: () => response.text(),
    arrayBuffer: () => response.arrayBuffer(),
  };
}

export async function journey(email: string, password: string): Promise<void> {
  // Log in.
  const login: Response<Operation<'/api/auth/login', 'post'>, 200> = await (
    await call('post', '/api/auth/login', { params: {}, body: { email, password } })
  ).json();
  const token: string = login.token;
  const me: string = login.user.id;

  // Search questions with only `q`, as the README does: `limit` and `status` have defaults.
  const questions: Response<Operation<'/api/questions', 'get'>, 200> = await (
    await call('get', '/api/questions', { params: { query: { q: 'bias-variance' } }, token })
  ).json();
  const firstQuestion: Schema<'QuestionSummaryDto'> | undefined = questions.items[0];
  assertType<Same<typeof questions.nextCursor, string | null>>();

  // List loops (the list items, not the debrief summary), then read one.
  const loops: Response<Operation<'/api/loops', 'get'>, 200> = await (await call('get', '/api/loops', { params: {}, token })).json();
  assertType<Same<(typeof loops.items)[number], Schema<'LoopListItemDto'>>>();
  const listed = loops.items[0];
  if (!listed) return;
  const roundCount: number = listed.roundCount;
  const loop: Response<Operation<'/api/loops/{id}', 'get'>, 200> = await (await call('get', '/api/loops/{id}', { params: { path: { id: listed.id } }, token })).json();
  const round = loop.rounds.find((candidate) => candidate.interviewerId === me) ?? loop.rounds[0];
  if (!round) return;
  assertType<Same<typeof round.startsAt, string | null>>();

  // Read my scorecard and save a draft with the version I read.
  const scorecard: Response<Operation<'/api/rounds/{roundId}/scorecard', 'get'>, 200> = await (
    await call('get', '/api/rounds/{roundId}/scorecard', { params: { path: { roundId: round.id } }, token })
  ).json();
  assertType<Same<typeof scorecard.submittedAt, string | null>>();
  const draft: Schema<'SaveScorecardDto'> = {
    version: scorecard.version,
    ratings: round.pillarIds.map((pillarId) => ({ pillarId, rating: 'yes', notes: 'Explained the trade-off with an example.' })),
    questionsAsked: firstQuestion ? [{ questionId: firstQuestion.id, notes: 'Asked first.' }] : [],
    recommendation: 'yes',
    summary: `Round ${round.title} of ${roundCount}: solid.`,
  };
  const saved: Response<Operation<'/api/rounds/{roundId}/scorecard', 'put'>, 200> = await (
    await call('put', '/api/rounds/{roundId}/scorecard', { params: { path: { roundId: round.id } }, body: draft, token })
  ).json();
  const savedVersion: number = saved.version;

  // Download the packet: HTML and Markdown as text, the PDF as bytes.
  const packet = (format: 'html' | 'markdown' | 'pdf') => call('get', '/api/loops/{id}/packet', { params: { path: { id: loop.id }, query: { format } }, token });
  const html: Response<Operation<'/api/loops/{id}/packet', 'get'>, 200, 'text/html'> = await (await packet('html')).text();
  const markdown: Response<Operation<'/api/loops/{id}/packet', 'get'>, 200, 'text/markdown'> = await (await packet('markdown')).text();
  assertType<Same<Response<Operation<'/api/loops/{id}/packet', 'get'>, 200, 'application/pdf'>, string>>();
  const pdf = new Uint8Array(await (await packet('pdf')).arrayBuffer());

  // Scorecards of the loop as CSV text.
  const csv: Response<Operation<'/api/loops/{id}/scorecards', 'get'>, 200, 'text/csv'> = await (
    await call('get', '/api/loops/{id}/scorecards', { params: { path: { id: loop.id }, query: { format: 'csv' } }, token })
  ).text();

  process.stdout.write(`${savedVersion} ${html.length} ${markdown.length} ${pdf.byteLength} ${csv.length}\n`);
}
