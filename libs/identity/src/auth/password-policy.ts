import { validationFailed, type AppError } from '@loopwright/core';
import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/** zxcvbn's score (0..4) a password needs: 3 is "safely unguessable", about 10^8 guesses. */
export const MIN_PASSWORD_SCORE = 3;

const WARNINGS: Record<string, string> = {
  straightRow: 'Straight rows of keys on your keyboard are easy to guess.',
  keyPattern: 'Short keyboard patterns are easy to guess.',
  simpleRepeat: 'Repeated characters like "aaa" are easy to guess.',
  extendedRepeat: 'Repeated character patterns like "abcabcabc" are easy to guess.',
  sequences: 'Common character sequences like "abc" are easy to guess.',
  recentYears: 'Recent years are easy to guess.',
  dates: 'Dates are easy to guess.',
  topTen: 'This is a heavily used password.',
  topHundred: 'This is a frequently used password.',
  common: 'This is a commonly used password.',
  similarToCommon: 'This is similar to a commonly used password.',
  wordByItself: 'Single words are easy to guess.',
  namesByThemselves: 'Single names or surnames are easy to guess.',
  commonNames: 'Common names and surnames are easy to guess.',
  userInputs: 'There should not be any personal or organization-related data (email, name, organization name).',
  pwned: 'Your password was exposed by a data breach on the Internet.',
};

const SUGGESTIONS: Record<string, string> = {
  l33t: 'Avoid predictable letter substitutions like "@" for "a".',
  reverseWords: 'Avoid reversed spellings of common words.',
  allUppercase: 'Capitalize some, but not all letters.',
  capitalization: 'Capitalize more than the first letter.',
  dates: 'Avoid dates and years that are associated with you.',
  recentYears: 'Avoid recent years.',
  associatedYears: 'Avoid years that are associated with you.',
  sequences: 'Avoid common character sequences.',
  repeated: 'Avoid repeated words and characters.',
  longerKeyboardPattern: 'Use longer keyboard patterns and change typing direction multiple times.',
  anotherWord: 'Add more words that are less common.',
  useWords: 'Use multiple words, but avoid common phrases.',
  noNeed: 'You can create strong passwords without using symbols, numbers, or uppercase letters.',
  pwned: 'If you use this password elsewhere, you should change it.',
};

let configured = false;

/** Why this password is too easy to guess (zxcvbn's warning and suggestions), or `[]` when it is strong enough. */
export function passwordWeaknesses(password: string, userInputs: readonly (string | null | undefined)[]): string[] {
  if (!configured) {
    zxcvbnOptions.setOptions({ dictionary: { ...dictionary }, graphs: adjacencyGraphs });
    configured = true;
  }
  // The email's local part and the words of names count as personal data as well as the whole strings.
  const inputs = userInputs
    .filter((input): input is string => typeof input === 'string' && input.trim() !== '')
    .flatMap((input) => {
      const lower = input.toLowerCase();
      return [lower, lower.replace(/\s+/g, ''), ...lower.split(/[@\s.,_-]+/).filter((part) => part.length >= 3)];
    });
  const result = zxcvbn(password, inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return [];
  const warning = result.feedback.warning ? WARNINGS[result.feedback.warning] ?? result.feedback.warning : null;
  const suggestions = result.feedback.suggestions.map((key) => SUGGESTIONS[key] ?? key);
  return [`password is too easy to guess${warning ? `: ${warning}` : ''}`, ...suggestions];
}

/** 400 VALIDATION_FAILED naming `password` with zxcvbn's reasons, when the password is too easy to guess. */
export function weakPassword(password: string, userInputs: readonly (string | null | undefined)[]): AppError | null {
  const problems = passwordWeaknesses(password, userInputs);
  return problems.length > 0 ? validationFailed([{ field: 'password', problems }], problems.join(' ')) : null;
}
