// The migrations in the order they run; `npm run migration:generate` rewrites this list.
import { Identity1795929612245 } from './1795929612245-Identity.js';
import { QuestionBank1795929837575 } from './1795929837575-QuestionBank.js';
import { Loops1795930597767 } from './1795930597767-Loops.js';
import { LoopsShadowScorecards1795931696814 } from './1795931696814-LoopsShadowScorecards.js';
import { PacketTemplates1795932492319 } from './1795932492319-PacketTemplates.js';
import { Scorecards1795932774502 } from './1795932774502-Scorecards.js';
import { PacketExports1795933001431 } from './1795933001431-PacketExports.js';
import { LoginLockoutPerOrganizationAndRateLimits1796121512695 } from './1796121512695-LoginLockoutPerOrganizationAndRateLimits.js';
import { TemplateRoundTags1796122372975 } from './1796122372975-TemplateRoundTags.js';
import { ExportHeartbeat1796124118797 } from './1796124118797-ExportHeartbeat.js';
import { WebSessionsAndOrganizationTimezone1796128237170 } from './1796128237170-WebSessionsAndOrganizationTimezone.js';
import { PillarReferences1796128497892 } from './1796128497892-PillarReferences.js';
import { DomainEvents1796128773331 } from './1796128773331-DomainEvents.js';
import { ScorecardDueHours1796129327753 } from './1796129327753-ScorecardDueHours.js';
import { MailOutboxAndInvites1796140855090 } from './1796140855090-MailOutboxAndInvites.js';
import { RoundReminderLadder1796144173066 } from './1796144173066-RoundReminderLadder.js';
import { CalendarTokens1796144188452 } from './1796144188452-CalendarTokens.js';
import { SeatNotAttendedAndManualReminders1796152037310 } from './1796152037310-SeatNotAttendedAndManualReminders.js';
import { NotificationPreferencesAndSlack1796152124157 } from './1796152124157-NotificationPreferencesAndSlack.js';
import { AccessEvents1796152178591 } from './1796152178591-AccessEvents.js';
import { ScrubPersonalAuditValues1796152178592 } from './1796152178592-ScrubPersonalAuditValues.js';
import { CandidatePrivacy1796153024488 } from './1796153024488-CandidatePrivacy.js';
import { SingleSignOn1796240000000 } from './1796240000000-SingleSignOn.js';

export const MIGRATIONS = [Identity1795929612245, QuestionBank1795929837575, Loops1795930597767, LoopsShadowScorecards1795931696814, PacketTemplates1795932492319, Scorecards1795932774502, PacketExports1795933001431, LoginLockoutPerOrganizationAndRateLimits1796121512695, TemplateRoundTags1796122372975, ExportHeartbeat1796124118797, WebSessionsAndOrganizationTimezone1796128237170, PillarReferences1796128497892, DomainEvents1796128773331, ScorecardDueHours1796129327753, MailOutboxAndInvites1796140855090, RoundReminderLadder1796144173066, CalendarTokens1796144188452, SeatNotAttendedAndManualReminders1796152037310, NotificationPreferencesAndSlack1796152124157, AccessEvents1796152178591, ScrubPersonalAuditValues1796152178592, CandidatePrivacy1796153024488, SingleSignOn1796240000000];
