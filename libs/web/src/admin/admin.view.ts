import type { Role } from '@loopwright/identity';
import type { PageView } from '../shell/shell.js';

/** A problem shown next to a control, linked to it by `aria-describedby`. */
export interface FieldError {
  id: string;
  text: string;
}

/** A labelled text input (or number, email, password) with what is wrong with it. */
export interface TextField {
  id: string;
  name: string;
  label: string;
  type: 'text' | 'email' | 'password' | 'number';
  value: string;
  hint: string | null;
  autocomplete: string;
  required: boolean;
  error: FieldError | null;
  /** The hint's and the error's ids, for `aria-describedby`; null when there is neither. */
  describedBy: string | null;
}

export interface RoleChoice {
  id: string;
  name: string;
  label: string;
  checked: boolean;
}

/** The roles fieldset: a checkbox per role. */
export interface RolesField {
  choices: RoleChoice[];
  error: FieldError | null;
}

export interface ZoneOption {
  value: string;
  selected: boolean;
}

/** `GET /app/admin`: the sections, and the organization's time zone form. */
export interface AdminIndexView extends PageView {
  organizationName: string;
  timezone: string;
  zones: ZoneOption[];
  timezoneError: FieldError | null;
  /** The Slack channel of the daily digest: the webhook URL masked (null: none), and a refused URL's problem. */
  slack: { masked: string | null; error: FieldError | null };
  notice: string | null;
}

export interface AdminUserRow {
  id: string;
  name: string;
  email: string;
  roles: string;
  active: boolean;
  limit: string;
}

export interface FilterOption {
  value: string;
  label: string;
  selected: boolean;
}

/** `GET /app/admin/users`, filtered as `GET /api/users` filters (a name or email prefix, a role, active or not). */
export interface AdminUsersView extends PageView {
  filters: { q: string; roles: FilterOption[]; statuses: FilterOption[]; any: boolean };
  users: AdminUserRow[];
  nextHref: string | null;
}

/** `GET /app/admin/users/new`: the form, as posted when it was refused. */
export interface NewUserView extends PageView {
  email: TextField;
  name: TextField;
  roles: RolesField;
  password: TextField;
  limit: TextField;
  problem: string | null;
}

/** `GET /app/admin/users/:id`: the user, and a form for each change. */
export interface UserDetailView extends PageView {
  user: { id: string; name: string; email: string; active: boolean; qualifications: { pillar: string; level: string }[] };
  name: TextField;
  roles: RolesField;
  limit: TextField;
  detailsProblem: string | null;
  password: TextField;
  passwordProblem: string | null;
  statusProblem: string | null;
  notice: string | null;
}

export interface QualificationCell {
  id: string;
  name: string;
  /** The select's name is "Dana Lee — Coding": the user's name (hidden, the row says it) and the pillar's. */
  userName: string;
  pillarName: string;
  options: { value: string; label: string; selected: boolean }[];
}

export interface QualificationRow {
  userId: string;
  name: string;
  cells: QualificationCell[];
  problem: FieldError | null;
}

/** `GET /app/admin/qualifications`: interviewers × pillars. */
export interface QualificationsView extends PageView {
  /** Hiring managers may change qualifications too, but not open the rest of the admin pages. */
  isAdmin: boolean;
  pillars: { name: string }[];
  rows: QualificationRow[];
  notice: string | null;
  more: boolean;
}

export interface TemplateRow {
  id: string;
  name: string;
  format: string;
  version: number;
}

/** `GET /app/admin/templates`. */
export interface TemplatesView extends PageView {
  templates: TemplateRow[];
  nextHref: string | null;
  notice: string | null;
}

export interface LoopOption {
  id: string;
  label: string;
  selected: boolean;
}

/** What the preview shows: HTML in a sandboxed frame, Markdown as its text; or why it could not render. */
export interface PreviewView {
  html: string | null;
  markdown: string | null;
  problem: string | null;
  loopLabel: string;
}

/** The editor's problem with the source: the sentence, and where it is. */
export interface SourceError extends FieldError {
  line: number | null;
  column: number | null;
}

/** `GET /app/admin/templates/new` and `/:id`: the editor with its preview. */
export interface TemplateEditorView extends PageView {
  /** Null for a new template. */
  templateId: string | null;
  version: number | null;
  name: TextField;
  formats: { value: string; label: string; checked: boolean }[];
  source: { value: string; error: SourceError | null };
  loops: LoopOption[];
  /** The view model's fields a template may use, for its author. */
  fields: { path: string; type: string; description: string }[];
  /** Where the editor posts: Save and Preview (also htmx's preview after typing stops). */
  formAction: string;
  preview: PreviewView | null;
  problem: string | null;
  notice: string | null;
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  hiring_manager: 'Hiring manager',
  recruiter: 'Recruiter',
  interviewer: 'Interviewer',
};
