import type { FormView, OptionView } from '../people/form-fields.js';
import type { LoopLinkView } from '../people/loop-links.js';
import type { FormPageView } from '../shell/form-page.js';
import type { PageView } from '../shell/shell.js';
import type { ZonedTime } from '../time/zoned-time.js';
import type { PositionField } from './position-form.js';

/** A position in words, as the list and its page show it. */
export interface PositionSummary {
  title: string;
  roleFamily: string;
  level: string;
  hiringManager: string;
  status: string;
  statusLabel: string;
}

export interface PositionListItem extends PositionSummary {
  href: string;
}

export interface PositionListView extends PageView {
  statuses: OptionView[];
  positions: PositionListItem[];
  moreHref: string | null;
  /** Admins and hiring managers open positions (as `POST /api/positions`). */
  mayCreate: boolean;
}

export interface PositionFormView extends FormPageView {
  /** The edit form has the status; a new position is open. */
  editing: boolean;
  form: FormView<PositionField>;
  roleFamilies: OptionView[];
  hiringManagers: OptionView[];
  statuses: OptionView[];
}

export type PositionNotice = 'created' | 'saved';

export interface PositionView extends PageView {
  timeZone: string;
  notice: string | null;
  position: PositionSummary & { opened: ZonedTime };
  /** The edit link, for its hiring manager and admins only (who may change it); else null. */
  editHref: string | null;
  /** Exporting its packets, for admins and recruiters; else null. */
  exportHref: string | null;
  newLoopHref: string;
  loops: LoopLinkView[];
}
