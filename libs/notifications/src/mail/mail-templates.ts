import { Injectable } from '@nestjs/common';
import { AppConfig } from '@loopwright/core';
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A rendered message: the subject is the text template's first line (`Subject: …`), the rest its text part. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
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
