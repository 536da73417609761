import { Injectable } from '@nestjs/common';
import { UsersService, type Actor } from '@loopwright/identity';
import { PillarsService, type PillarDto } from '@loopwright/question-bank';
import { shellFor } from '../shell/shell.js';
import { errorFor } from './admin-fields.js';
import type { QualificationRow, QualificationsView } from './admin.view.js';
import { cellName, LEVEL_OPTIONS, NO_LEVEL, type PostedQualification } from './qualification-grid.js';

/** How many interviewers one page of the grid shows. */
export const GRID_USERS = 200;

export interface GridUser {
  id: string;
  name: string;
  qualifications: { pillarId: string; level: string }[];
}

/** The grid's rows and columns: the active interviewers, by name, and the organization's pillars, in order. */
export interface Grid {
  users: GridUser[];
  pillars: PillarDto[];
  more: boolean;
}

/** After a refused save: the row's posted levels kept, and what is wrong, by user. */
export interface GridState {
  notice?: string;
  posted?: Map<string, PostedQualification[]>;
  problems?: Map<string, string>;
}

/** `GET /app/admin/qualifications`: interviewers × pillars, as `GET /api/users?role=interviewer` gives them. */
@Injectable()
export class QualificationsPage {
  constructor(
    private readonly users: UsersService,
    private readonly pillars: PillarsService,
  ) {}

  async grid(actor: Actor): Promise<Grid> {
    const [page, pillars] = await Promise.all([
      this.users.list(actor, { limit: GRID_USERS, role: 'interviewer', active: true }),
      this.pillars.list(actor),
    ]);
    return { users: page.items, pillars, more: page.nextCursor !== null };
  }

  async view(actor: Actor, path: string, state: GridState = {}, grid?: Grid): Promise<QualificationsView> {
    const [me, { users, pillars, more }] = await Promise.all([this.users.me(actor), grid ? Promise.resolve(grid) : this.grid(actor)]);
    const rows: QualificationRow[] = users.map((user) => {
      const levels = new Map((state.posted?.get(user.id) ?? user.qualifications).map((item) => [item.pillarId, item.level]));
      return {
        userId: user.id,
        name: user.name,
        cells: pillars.map((pillar) => {
          const level = levels.get(pillar.id) ?? NO_LEVEL;
          return {
            id: `level-${user.id}-${pillar.id}`,
            name: cellName(user.id, pillar.id),
            userName: user.name,
            pillarName: pillar.name,
            options: LEVEL_OPTIONS.map((option) => ({ ...option, selected: option.value === level })),
          };
        }),
        problem: errorFor(`row-${user.id}`, state.problems?.get(user.id)),
      };
    });
    return {
      title: 'Qualifications',
      shell: shellFor(actor, path, me.name),
      isAdmin: actor.roles.includes('admin'),
      pillars: pillars.map((pillar) => ({ name: pillar.name })),
      rows,
      notice: state.notice ?? null,
      more,
    };
  }
}
