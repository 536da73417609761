import { Injectable } from '@nestjs/common';
import { AppConfig } from '@loopwright/core';
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { OutgoingMail } from './mail-outbox.js';

/** A rendered message: the subject is the text template's first line (`Subject: …`), the rest its text part. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** A user a message goes to (a mail profile, a user row). */
export interface MailRecipient {
  id: string;
  email: string;
}

type Template = (context: object) => string;

const SUBJECT_LINE = /^Subject: (.*)\r?\n\r?\n?/;

/**
 * The mail's own Handlebars (apart from pages and packets): `templates/mail/<kind>.text.hbs` is not HTML-escaped
 * (plain text), `<kind>.html.hbs` is, as pages are; `strict`, so a field the view model lacks fails the render.
 * Compiled once per kind.
 */
@Injectable()
export class MailTemplates {
  private readonly handlebars = Handlebars.create();
  private readonly compiled = new Map<string, { text: Template; html: Template }>();
  private readonly dir: string;

  constructor(config: AppConfig) {
    this.dir = path.join(config.templatesDir, 'mail');
  }

  render(kind: string, view: object): RenderedMail {
    const templates = this.templatesOf(kind);
    const text = templates.text(view);
    const subject = SUBJECT_LINE.exec(text);
    if (!subject) throw new Error(`templates/mail/${kind}.text.hbs must start with a "Subject: …" line and a blank line`);
    return { subject: subject[1]!.trim(), text: text.slice(subject[0].length), html: templates.html(view) };
  }

  /** The outbox message of `kind` to one user, rendered from `view`. */
  mailTo(organizationId: string, user: MailRecipient, kind: string, view: object, idempotencyKey: string): OutgoingMail {
    return { organizationId, kind, recipient: { userId: user.id, address: user.email }, ...this.render(kind, view), idempotencyKey };
  }

  private templatesOf(kind: string): { text: Template; html: Template } {
    let templates = this.compiled.get(kind);
    if (!templates) {
      if (!/^[a-z][a-z0-9-]*$/.test(kind)) throw new Error(`Not a mail kind: ${kind}`);
      const source = (format: string) => readFileSync(path.join(this.dir, `${kind}.${format}.hbs`), 'utf8');
      templates = {
        text: this.handlebars.compile(source('text'), { strict: true, noEscape: true }),
        html: this.handlebars.compile(source('html'), { strict: true }),
      };
      this.compiled.set(kind, templates);
    }
    return templates;
  }
}
