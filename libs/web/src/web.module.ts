import { Module } from '@nestjs/common';
import { AppConfig, projectRoot } from '@loopwright/core';
import { IdentityModule } from '@loopwright/identity';
import { LoopsModule } from '@loopwright/loops';
import { NotificationsModule } from '@loopwright/notifications';
import { PacketRenderingModule, PacketsModule } from '@loopwright/packets';
import { PrivacyModule } from '@loopwright/privacy';
import { QuestionBankModule } from '@loopwright/question-bank';
import { ScorecardsModule } from '@loopwright/scorecards';
import path from 'node:path';
import { AnalyticsController } from './analytics/analytics.controller.js';
import { AnalyticsPage } from './analytics/analytics.page.js';
import { AdminIndexPage } from './admin/admin-index.page.js';
import { AdminAccessController } from './admin/admin-access.controller.js';
import { AccessPages } from './admin/access.page.js';
import { AdminOutboxController } from './admin/admin-outbox.controller.js';
import { OutboxPages } from './admin/outbox.page.js';
import { AdminTemplatesController } from './admin/admin-templates.controller.js';
import { AdminUsersController } from './admin/admin-users.controller.js';
import { AdminController } from './admin/admin.controller.js';
import { QualificationsController } from './admin/qualifications.controller.js';
import { QualificationsPage } from './admin/qualifications.page.js';
import { TemplatesPages } from './admin/templates.page.js';
import { UsersPages } from './admin/users.page.js';
import { AssetsController } from './assets/assets.controller.js';
import { CandidatePrivacyController } from './candidates/candidate-privacy.controller.js';
import { CandidatesController } from './candidates/candidates.controller.js';
import { CandidatesPage } from './candidates/candidates.page.js';
import { ExportsController } from './exports/exports.controller.js';
import { ExportsPage } from './exports/exports.page.js';
import { DebriefController } from './debrief/debrief.controller.js';
import { DebriefPage } from './debrief/debrief.page.js';
import { HomeController } from './home/home.controller.js';
import { HomePage } from './home/home.page.js';
import { InterviewsController } from './interviews/interviews.controller.js';
import { LoopListPage } from './loops/loop-list.page.js';
import { LoopPlanController } from './loops/loop-plan.controller.js';
import { LoopPlanPage } from './loops/loop-plan.page.js';
import { LoopsController } from './loops/loops.controller.js';
import { NewLoopPage } from './loops/new-loop.page.js';
import { MyInterviewsPage } from './interviews/my-interviews.page.js';
import { QuestionDetailPage } from './questions/question-detail.page.js';
import { QuestionFormPage } from './questions/question-form.page.js';
import { QuestionImportPage } from './questions/question-import.page.js';
import { QuestionListPage } from './questions/question-list.page.js';
import { QuestionsPagesController } from './questions/questions.controller.js';
import { RoundPage } from './rounds/round.page.js';
import { RoundsController } from './rounds/rounds.controller.js';
import { NotFoundController } from './shell/not-found.controller.js';
import { PositionsController } from './positions/positions.controller.js';
import { PositionsPage } from './positions/positions.page.js';
import { SignInController } from './sign-in/sign-in.controller.js';
import { SsoSignInController } from './sign-in/sso-sign-in.controller.js';
import { NotificationSettingsController } from './settings/notification-settings.controller.js';
import { NotificationSettingsPage } from './settings/notification-settings.page.js';
import { WebAssets } from './view/web-assets.js';

/**
 * The server-rendered web app (WEB.md): page controllers and their view models on the feature services. It owns no
 * table: web sessions are identity's tokens of kind `web`. `configureWeb(app)` wires the view engine.
 */
@Module({
  imports: [IdentityModule, QuestionBankModule, LoopsModule, ScorecardsModule, PacketRenderingModule, PacketsModule, NotificationsModule, PrivacyModule],
  // NotFoundController last: its wildcard must not shadow the pages.
  controllers: [
    AssetsController,
    SignInController,
    SsoSignInController,
    HomeController,
    InterviewsController,
    RoundsController,
    AdminController,
    AdminUsersController,
    QualificationsController,
    AdminTemplatesController,
    AnalyticsController,
    CandidatePrivacyController,
    CandidatesController,
    PositionsController,
    ExportsController,
    QuestionsPagesController,
    LoopsController,
    LoopPlanController,
    DebriefController,
    AdminAccessController,
    AdminOutboxController,
    NotificationSettingsController,
    NotFoundController,
  ],
  providers: [
    {
      provide: WebAssets,
      useFactory: (config: AppConfig) => new WebAssets(path.join(config.templatesDir, 'web', 'assets'), projectRoot()),
      inject: [AppConfig],
    },
    HomePage,
    MyInterviewsPage,
    RoundPage,
    AnalyticsPage,
    AdminIndexPage,
    UsersPages,
    QualificationsPage,
    TemplatesPages,
    CandidatesPage,
    PositionsPage,
    ExportsPage,
    QuestionListPage,
    QuestionDetailPage,
    QuestionFormPage,
    QuestionImportPage,
    LoopListPage,
    NewLoopPage,
    LoopPlanPage,
    DebriefPage,
    AccessPages,
    OutboxPages,
    NotificationSettingsPage,
  ],
})
export class WebModule {}
