import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@loopwright/core';
import nodemailer, { type Transporter } from 'nodemailer';

/** What the sender hands to SMTP for one outbox row. */
export interface SmtpMessage {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  calendar: { method: string; body: string } | null;
}

/**
 * The SMTP connection pool of the process, made from SMTP_URL on first use (none without it). A send that hangs fails
 * well before the sender's lease ends, so a message is never sent by two senders at once.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private transporter: Transporter | null = null;
  private readonly from: string;

  constructor(private readonly config: AppConfig) {
    this.from = config.mail.from;
  }

  get configured(): boolean {
    return this.config.mail.smtpUrl !== null;
  }

  async send(message: SmtpMessage): Promise<void> {
    await this.connection().sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: message.messageId,
      ...(message.calendar ? { icalEvent: { method: message.calendar.method, filename: 'invite.ics', content: message.calendar.body } } : {}),
    });
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
    this.transporter = null;
  }

  private connection(): Transporter {
    const url = this.config.mail.smtpUrl;
    if (!url) throw new Error('SMTP_URL is not set');
    const timeoutMs = Math.min(60_000, (this.config.mail.leaseSeconds * 1000) / 3);
    this.transporter ??= nodemailer.createTransport({
      url,
      pool: true,
      maxConnections: 4,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
    return this.transporter;
  }
}

/** `Name <a@b.example>` or `a@b.example` → `b.example`, the right-hand side of every Message-ID. */
export function mailDomain(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return address.slice(address.lastIndexOf('@') + 1).trim() || 'localhost';
}
