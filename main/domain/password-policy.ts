// What makes a password acceptable: long enough once surrounding white space is set aside, not only white space, not
// the password it replaces, and not easy to guess. "Easy to guess" is zxcvbn's estimate (zxcvbn-ts with its common-
// password list of about 40,000 entries, English and German words and names, keyboard rows incl. QWERTZ, dates,
// repetitions and sequences) plus the person's own user name and display name: a score below 3 (fewer than 10^8
// guesses) is refused. Pure: the dictionaries ship inside the packages, nothing is fetched.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as de from '@zxcvbn-ts/language-de';
import * as en from '@zxcvbn-ts/language-en';

export const MIN_PASSWORD_LENGTH = 10;
/** zxcvbn's scale 0-4; 3 means "safely unguessable: moderate protection from an offline slow-hash attack". */
export const MIN_PASSWORD_SCORE = 3;

export type PasswordProblem = 'blank' | 'too_short' | 'same_as_current' | 'guessable';

let estimator: ZxcvbnFactory | null = null;
function strength(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, ...de.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return estimator;
}

export interface PasswordContext {
  /** The password being replaced, when the person changes their own. */
  current?: string | undefined;
  /** The user name, display name and the like: a password built from them is easy to guess. */
  personal?: readonly string[] | undefined;
}

/** Why this password is refused, or null when it may be used. */
export function passwordProblem(candidate: string, context: PasswordContext = {}): PasswordProblem | null {
  const password = candidate.normalize('NFC');
  // \s is Unicode white space in JavaScript (incl. U+00A0, U+2000-U+200A, U+3000, U+FEFF).
  const core = password.replace(/^\s+|\s+$/gu, '');
  if (core.length === 0) return 'blank';
  if ([...core].length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (context.current !== undefined && password === context.current.normalize('NFC')) return 'same_as_current';
  // "Petra Lang" and "petra.lang" also count as "petra", "lang" and "petralang".
  const personal = (context.personal ?? []).flatMap((value) => {
    const words = value.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    return [value.toLowerCase(), ...words, words.join('')];
  }).filter((word) => word.length >= 3);
  if (strength().check(password, personal).score < MIN_PASSWORD_SCORE) return 'guessable';
  return null;
}
