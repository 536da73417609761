import type { PositionStatus, RoleFamily } from './position.entity.js';

export class PositionDto {
  id: string;
  title: string;
  roleFamily: RoleFamily;
  level: string;
  hiringManagerId: string;
  status: PositionStatus;
  createdAt: Date;
  updatedAt: Date;
}

export class PositionPageDto {
  items: PositionDto[];
  nextCursor: string | null;
}
