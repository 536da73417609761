import {
  buildPacketMatrix,
  normalizePacketViewModel,
  PACKET_VIEW_MODEL_DOC,
  ratingValue,
  tallyRecommendations,
  type PacketViewModel,
} from './packet-view-model.js';
import { readExamplePacket } from './templates/example-packet.js';

describe('packet view model', () => {
  it('the shipped example is plain data that survives JSON and structured cloning unchanged', () => {
    const example = readExamplePacket();
    expect(JSON.parse(JSON.stringify(example))).toEqual(example);
    expect(structuredClone(example)).toEqual(example);
    expect(example.rounds).toHaveLength(6);
    expect(example.pillars.map((pillar) => pillar.key)).toEqual(['foundations', 'coding', 'system-design', 'behavioral']);
    expect(example.rounds.some((round) => round.amended && round.amendments.length > 0)).toBe(true);
    expect(example.loop.decision).toBe('hire');
    expect(readExamplePacket()).not.toBe(example);
  });

  it('builds the pillar × round matrix with means of the assessed ratings only', () => {
    const example = readExamplePacket();
    const design = example.matrix.find((row) => row.pillar.key === 'system-design');
    expect(design?.cells.map((cell) => cell.rating)).toEqual([null, null, null, 'yes', null, 'not_assessed']);
    expect(design?.cells[5].ratingLabel).toBe('Not assessed');
    expect(design?.mean).toBe(3);
    expect(example.matrix.find((row) => row.pillar.key === 'coding')?.mean).toBe(3.5);
    expect(buildPacketMatrix([{ key: 'x', name: 'X' }], [{ title: 'R', ratings: [] }])[0]).toEqual({
      pillar: { key: 'x', name: 'X' },
      cells: [{ roundTitle: 'R', rating: null, ratingLabel: '' }],
      mean: null,
    });
    expect([ratingValue('strong_no'), ratingValue('strong_yes'), ratingValue('not_assessed'), ratingValue(null)]).toEqual([1, 4, null, null]);
  });

  it('tallies recommendations', () => {
    expect(tallyRecommendations(readExamplePacket().rounds)).toEqual({ strong_no: 0, no: 0, yes: 3, strong_yes: 3 });
    expect(tallyRecommendations([{ recommendation: null }, { recommendation: 'no' }])).toEqual({ strong_no: 0, no: 1, yes: 0, strong_yes: 0 });
  });

  it('documents every field of the contract with a type', () => {
    const paths = PACKET_VIEW_MODEL_DOC.fields.map((field) => field.path);
    for (const path of [
      'generatedAt',
      'organization.name',
      'candidate.name',
      'candidate.email',
      'position.title',
      'position.level',
      'position.roleFamily',
      'hiringManager.name',
      'loop.status',
      'loop.decision',
      'loop.decisionNote',
      'loop.decidedAt',
      'pillars[].key',
      'pillars[].name',
      'matrix[].pillar.name',
      'matrix[].cells[].roundTitle',
      'matrix[].cells[].rating',
      'matrix[].cells[].ratingLabel',
      'matrix[].mean',
      'tally.strong_no',
      'tally.strong_yes',
      'rounds[].title',
      'rounds[].startsAt',
      'rounds[].endsAt',
      'rounds[].interviewer.name',
      'rounds[].pillars[].key',
      'rounds[].ratings[].pillar.key',
      'rounds[].ratings[].rating',
      'rounds[].ratings[].ratingLabel',
      'rounds[].ratings[].notes',
      'rounds[].questions[].title',
      'rounds[].questions[].prompt',
      'rounds[].questions[].version',
      'rounds[].questions[].notes',
      'rounds[].recommendation',
      'rounds[].recommendationLabel',
      'rounds[].summary',
      'rounds[].submittedAt',
      'rounds[].amended',
      'rounds[].amendments[].reason',
      'rounds[].amendments[].at',
    ]) {
      expect(paths).toContain(path);
    }
    expect(PACKET_VIEW_MODEL_DOC.fields.find((field) => field.path === 'loop.decidedAt')).toMatchObject({
      type: 'string (ISO-8601 date-time, UTC)',
      nullable: true,
    });
    expect(PACKET_VIEW_MODEL_DOC.fields.find((field) => field.path === 'rounds[].ratings[].rating')?.values).toContain('not_assessed');
    expect(PACKET_VIEW_MODEL_DOC.fields.every((field) => field.description.length > 0)).toBe(true);
    expect(PACKET_VIEW_MODEL_DOC.helpers.helpers.map((helper) => helper.name)).toContain('formatDateTime');
    expect(JSON.parse(JSON.stringify(PACKET_VIEW_MODEL_DOC))).toEqual(PACKET_VIEW_MODEL_DOC);
  });

  it('normalizes a view model to exactly the documented plain fields', () => {
    const example = readExamplePacket();
    expect(normalizePacketViewModel(example)).toEqual(example);
    const messy = {
      ...example,
      secret: 'dropped',
      candidate: { name: 'Ada\r\n  Lovelace\u0007', email: undefined },
      loop: { ...example.loop, decisionNote: 'Line one\r\nLine two' },
      rounds: [{ ...example.rounds[0], title: 'Two\nlines', amended: 'yes', extra: () => 1 }],
    } as unknown as PacketViewModel;
    const normalized = normalizePacketViewModel(messy);
    expect(normalized).not.toHaveProperty('secret');
    expect(normalized.candidate).toEqual({ name: 'Ada Lovelace', email: '' });
    expect(normalized.loop.decisionNote).toBe('Line one\nLine two');
    expect(normalized.rounds[0].title).toBe('Two lines');
    expect(normalized.rounds[0].amended).toBe(false);
    expect(normalized.rounds[0]).not.toHaveProperty('extra');
    expect(() => structuredClone(normalized)).not.toThrow();
    expect(normalizePacketViewModel({} as PacketViewModel).rounds).toEqual([]);
  });
});
