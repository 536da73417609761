import type { ExportStatus } from '@loopwright/packets';
import type { FormView, OptionView } from '../people/form-fields.js';
import type { PageView } from '../shell/shell.js';
import type { ZonedTime } from '../time/zoned-time.js';
import type { ExportField } from './export-form.js';

/** One export with its progress bar; while the worker has it (`polling`), the page asks for it again every 2 s. */
export interface ExportItemView {
  id: string;
  href: string;
  subject: string;
  formatLabel: string;
  requested: ZonedTime;
  /** Who asked for it, on an admin's list of everyone's exports; null on one's own. */
  requester: string | null;
  status: ExportStatus;
  statusLabel: string;
  percent: number;
  /** `2 of 3 packets`. */
  packetsText: string;
  polling: boolean;
  downloadHref: string | null;
  error: string | null;
}

export interface LoopChoiceView {
  name: string;
  id: string;
  label: string;
  checked: boolean;
}

export interface ExportsView extends PageView {
  timeZone: string;
  notice: string | null;
  form: FormView<ExportField>;
  positions: OptionView[];
  formats: OptionView[];
  loops: LoopChoiceView[];
  redactInterviewers: boolean;
  includeShadows: boolean;
  listHeading: string;
  exports: ExportItemView[];
}

export interface ExportView extends PageView {
  timeZone: string;
  item: ExportItemView;
}
