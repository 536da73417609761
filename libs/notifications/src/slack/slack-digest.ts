/** A line of the channel digest: no candidate names (a channel is read by more people than the loop's staff). */
export interface SlackDigestLine {
  interviewerName: string;
  roundTitle: string;
  positionTitle: string;
  dueAt: string;
  escalated: boolean;
  debriefUrl: string;
}

/** Slack's mrkdwn needs only these three escaped; `<…>` would otherwise become a link or a mention. */
export const slackText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A link in mrkdwn (`<url|label>`): `|` and `>` cannot appear in the label or the URL. */
const link = (url: string, label: string): string => `<${url.replace(/[|>\s]/g, encodeURIComponent)}|${slackText(label).replace(/\|/g, '¦')}>`;

/** Slack allows 50 blocks a message: the lines past that are counted, not listed. */
const MAX_LINES = 45;

/** The JSON posted to the incoming webhook: `text` (notifications, screen readers) and `blocks`. */
export function slackDigest(lines: readonly SlackDigestLine[]): { text: string; blocks: Record<string, unknown>[] } {
  const text = `${lines.length} ${lines.length === 1 ? 'scorecard is' : 'scorecards are'} overdue`;
  const shown = lines.slice(0, MAX_LINES).map((line) => ({
    type: 'section',
    text: {
      type: 'mrkdwn',
      text:
        `*${slackText(line.interviewerName)}*: ${link(line.debriefUrl, `“${line.roundTitle}” for ${line.positionTitle}`)}, ` +
        `due ${slackText(line.dueAt)}${line.escalated ? ' (more than a day late)' : ''}`,
    },
  }));
  const more = lines.length - shown.length;
  return {
    text,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: `Overdue scorecards: ${lines.length}` } },
      ...shown,
      ...(more > 0 ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${more} more.` }] }] : []),
    ],
  };
}
