import { Module } from '@nestjs/common';
import { AppConfig, projectRoot } from '@loopwright/core';
import { IdentityModule } from '@loopwright/identity';
import { LoopsModule } from '@loopwright/loops';
import { PacketRenderingModule, PacketsModule } from '@loopwright/packets';
import { QuestionBankModule } from '@loopwright/question-bank';
import { ScorecardsModule } from '@loopwright/scorecards';
import path from 'node:path';
import { AssetsController } from './assets/assets.controller.js';
import { DebriefController } from './debrief/debrief.controller.js';
import { DebriefPage } from './debrief/debrief.page.js';
import { HomeController } from './home/home.controller.js';
import { HomePage } from './home/home.page.js';
import { InterviewsController } from './interviews/interviews.controller.js';
import { MyInterviewsPage } from './interviews/my-interviews.page.js';
import { RoundPage } from './rounds/round.page.js';
import { RoundsController } from './rounds/rounds.controller.js';
import { ComingSoonController } from './shell/coming-soon.controller.js';
import { NotFoundController } from './shell/not-found.controller.js';
import { SignInController } from './sign-in/sign-in.controller.js';
import { WebAssets } from './view/web-assets.js';

/**
 * The server-rendered web app (WEB.md): page controllers and their view models on the feature services. It owns no
 * table: web sessions are identity's tokens of kind `web`. `configureWeb(app)` wires the view engine.
 */
@Module({
  imports: [IdentityModule, QuestionBankModule, LoopsModule, ScorecardsModule, PacketRenderingModule, PacketsModule],
  // NotFoundController last: its wildcard must not shadow the pages.
  controllers: [AssetsController, SignInController, HomeController, InterviewsController, RoundsController, DebriefController, ComingSoonController, NotFoundController],
  providers: [
    {
      provide: WebAssets,
      useFactory: (config: AppConfig) => new WebAssets(path.join(config.templatesDir, 'web', 'assets'), projectRoot()),
      inject: [AppConfig],
    },
    HomePage,
    MyInterviewsPage,
    RoundPage,
    DebriefPage,
  ],
})
export class WebModule {}
