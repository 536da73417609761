import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { unusedPort } from './ports.js';

/** A message the sink accepted: the envelope recipients and the parsed message. */
export interface ReceivedMail {
  to: string[];
  mail: ParsedMail;
  /** The iCalendar part (nodemailer's `icalEvent`), or null. */
  calendar: string | null;
}

/**
 * What the sink does with the `index`-th message it is handed (0-based, over the sink's life): `accept` it, `refuse`
 * it with a temporary 451 (the sender retries later), or `hold` it unanswered until `releaseHeld()` (a sender
 * stuck mid-send, as one whose process was killed, or only a slow one).
 */
export type SinkAnswer = 'accept' | 'refuse' | 'hold';

/** A real SMTP server on 127.0.0.1 (smtp-server, no TLS, no auth) that parses what it accepts (mailparser). */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  private offered = 0;
  private readonly held: { accept: () => Promise<void>; fail: (error: Error) => void }[] = [];
  private holdWaiters: (() => void)[] = [];
  private readonly waiters: { count: number; filter: (mail: ReceivedMail) => boolean; resolve: (mails: ReceivedMail[]) => void }[] = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    private readonly answer: (index: number) => SinkAnswer,
  ) {}

  static async start(answer: (index: number) => SinkAnswer = () => 'accept'): Promise<SmtpSink> {
    const port = await unusedPort();
    let sink: SmtpSink | null = null;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData: (stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) =>
        void sink!.take(stream, session, callback),
    });
    sink = new SmtpSink(server, port, answer);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return sink;
  }

  /** SMTP_URL for this sink. */
  get url(): string {
    return `smtp://127.0.0.1:${this.port}?ignoreTLS=true`;
  }

  /** Resolves with the first `count` accepted messages that pass `filter`, as soon as that many have arrived. */
  next(count: number, filter: (mail: ReceivedMail) => boolean = () => true): Promise<ReceivedMail[]> {
    return new Promise((resolve) => {
      this.waiters.push({ count, filter, resolve });
      this.settle();
    });
  }

  /** Resolves when the sink next holds a message (call it before the send that is to be held). */
  nextHold(): Promise<void> {
    return new Promise((resolve) => this.holdWaiters.push(resolve));
  }

  /**
   * Answers every held message: `fail` with a 421 (the connection is going away: their senders see the send fail), or
   * `accept` them after all (resolves once they are in `received`).
   */
  async releaseHeld(outcome: 'fail' | 'accept' = 'fail'): Promise<void> {
    const held = this.held.splice(0);
    if (outcome === 'accept') await Promise.all(held.map((message) => message.accept()));
    else for (const message of held) message.fail(Object.assign(new Error('Service shutting down'), { responseCode: 421 }));
  }

  async close(): Promise<void> {
    await this.releaseHeld();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async take(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const answer = this.answer(this.offered++);
    if (answer === 'refuse') return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
    const accept = () => this.accept(Buffer.concat(chunks), session, callback);
    if (answer === 'hold') {
      this.held.push({ accept, fail: callback });
      for (const resolve of this.holdWaiters.splice(0)) resolve();
      return;
    }
    await accept();
  }

  private async accept(message: Buffer, session: SMTPServerSession, callback: (error?: Error | null) => void): Promise<void> {
    const mail = await simpleParser(message);
    const calendarPart = mail.attachments.find((attachment) => attachment.contentType === 'text/calendar');
    this.received.push({
      to: session.envelope.rcptTo.map((recipient) => recipient.address),
      mail,
      calendar: calendarPart ? calendarPart.content.toString('utf8') : null,
    });
    callback();
    this.settle();
  }

  private settle(): void {
    for (const waiter of [...this.waiters]) {
      const matching = this.received.filter(waiter.filter);
      if (matching.length < waiter.count) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(matching.slice(0, waiter.count));
    }
  }
}
