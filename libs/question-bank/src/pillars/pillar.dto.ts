export class PillarDto {
  id: string;
  /** Stable identifier used by imports and templates. @example "system-design" */
  key: string;
  /** @example "AI systems design" */
  name: string;
  description: string;
  /** Pillars are listed by position, then id. */
  position: number;
  createdAt: Date;
}
