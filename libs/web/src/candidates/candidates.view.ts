import type { FormView, OptionView } from '../people/form-fields.js';
import type { LoopLinkView } from '../people/loop-links.js';
import type { FormPageView } from '../shell/form-page.js';
import type { PageView } from '../shell/shell.js';
import type { ZonedTime } from '../time/zoned-time.js';
import type { CandidateField, ConflictField } from './candidate-form.js';

export interface CandidateListItem {
  href: string;
  name: string;
  email: string | null;
  source: string | null;
  added: ZonedTime;
}

export interface CandidateListView extends PageView {
  q: string;
  timeZone: string;
  candidates: CandidateListItem[];
  /** The next page of the list (same search), or null on the last page. */
  moreHref: string | null;
}

export interface CandidateFormView extends FormPageView {
  form: FormView<CandidateField>;
}

export interface ConflictItem {
  userName: string;
  reason: string;
  declaredBy: string | null;
  declared: ZonedTime;
}

export interface ConflictFormView {
  /** Admins and recruiters declare anyone's conflicts; anyone else only their own (the one option). */
  users: OptionView[];
  form: FormView<ConflictField>;
}

export type CandidateNotice = 'created' | 'saved' | 'conflict' | 'held' | 'released' | 'anonymized';

export interface CandidateView extends PageView {
  timeZone: string;
  notice: string | null;
  candidate: {
    name: string;
    email: string | null;
    phone: string | null;
    source: string | null;
    notes: string | null;
    added: ZonedTime;
    updated: ZonedTime;
  };
  editHref: string;
  conflictAction: string;
  newLoopHref: string;
  loops: LoopLinkView[];
  conflicts: ConflictItem[];
  conflictForm: ConflictFormView;
  /** For admins and recruiters: legal hold, erasure, the data download; null for others. */
  privacy: CandidatePrivacyView | null;
}

export interface CandidatePrivacyView {
  legalHold: boolean;
  holdAction: string;
  anonymized: ZonedTime | null;
  /** When the retention policy will anonymize them (within its warning window or not); null when it will not. */
  retentionDue: ZonedTime | null;
  retentionSoon: boolean;
  erasureHref: string;
  dataExportHref: string;
}

export interface ErasureFormValues {
  mode: string;
  reason: string;
  confirm: boolean;
}

export interface ErasureFormView extends PageView {
  candidateName: string;
  candidateHref: string;
  action: string;
  legalHold: boolean;
  values: ErasureFormValues;
  anonymizeChecked: boolean;
  deleteChecked: boolean;
  fieldErrors: Record<string, string>;
  problem: string | null;
}
