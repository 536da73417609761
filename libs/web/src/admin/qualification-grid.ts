/** A cell's select: the user's level on the pillar. */
export const cellName = (userId: string, pillarId: string): string => `level:${userId}:${pillarId}`;

/** The select's value for "no qualification on this pillar". */
export const NO_LEVEL = 'none';

export const LEVEL_OPTIONS: readonly { value: string; label: string }[] = [
  { value: NO_LEVEL, label: 'None' },
  { value: 'shadow', label: 'Shadow' },
  { value: 'qualified', label: 'Qualified' },
];

export interface PostedQualification {
  pillarId: string;
  level: string;
}

/**
 * The qualifications a row of the grid asks for: each pillar's posted level (none left out), plus what the user
 * holds on pillars the grid did not show, so that saving a row never drops them. Null when the form sent none of
 * the row's cells. Levels are as posted: the service's input type refuses one it does not know.
 */
export function postedRow(
  fields: ReadonlyMap<string, string>,
  userId: string,
  pillarIds: readonly string[],
  held: readonly { pillarId: string; level: string }[],
): PostedQualification[] | null {
  const shown = new Set(pillarIds);
  const posted = pillarIds.flatMap((pillarId) => {
    const level = fields.get(cellName(userId, pillarId));
    return level === undefined ? [] : [{ pillarId, level }];
  });
  if (posted.length === 0) return null;
  return [...posted.filter((item) => item.level !== NO_LEVEL), ...held.filter((item) => !shown.has(item.pillarId))];
}

/** Whether the row asks for anything other than what the user holds. */
export function rowChanged(posted: readonly PostedQualification[], held: readonly { pillarId: string; level: string }[]): boolean {
  const key = (items: readonly PostedQualification[]): string =>
    items
      .map((item) => `${item.pillarId}=${item.level}`)
      .sort()
      .join(',');
  return key(posted) !== key(held);
}

