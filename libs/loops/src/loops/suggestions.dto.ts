export class SuggestedUserDto {
  id: string;
  name: string;
  email: string;
}

export class InterviewerSuggestionDto {
  user: SuggestedUserDto;
  /** Rounds they interview in the ISO week of the slot. */
  load: number;
  /** Why they cannot take the round (assignment rule codes); empty for a suggestion. */
  reasons: string[];
}

export class InterviewerSuggestionsDto {
  roundId: string;
  startsAt: Date;
  endsAt: Date;
  /** Qualified, free, without conflict and under their limit: least loaded that week first. */
  items: InterviewerSuggestionDto[];
  /** The organization's other active interviewers, with the reasons they were left out. */
  excluded: InterviewerSuggestionDto[];
}
