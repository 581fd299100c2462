import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD_LENGTH, passwordProblem } from '../../main/domain/password-policy.ts';

describe('password policy', () => {
  it.each([
    ['ten spaces', ' '.repeat(10), {}, 'blank'],
    ['tabs and no-break spaces', '\t\u00a0\u3000\t\u00a0\u3000\t\u00a0\u3000\t', {}, 'blank'],
    ['empty', '', {}, 'blank'],
    ['nine characters', 'kx7Fq2mZr', {}, 'too_short'],
    ['short once the padding is set aside', '   kx7Fq2mZr   ', {}, 'too_short'],
    ['the one-time password again', 'Hk4mPq9sTz2wXb7n', { current: 'Hk4mPq9sTz2wXb7n' }, 'same_as_current'],
    ['a common password', 'passwort123', {}, 'guessable'],
    ['digits in a row', '1234567890', {}, 'guessable'],
    ['a QWERTZ keyboard row', 'qwertzuiop', {}, 'guessable'],
    ['one character repeated', 'aaaaaaaaaaaa', {}, 'guessable'],
    ['a season and a year', 'Sommer2026', {}, 'guessable'],
    ['the user name with digits', 'petralang2026', { personal: ['petra.lang', 'Petra Lang'] }, 'guessable'],
  ] as const)('refuses %s', (_label, password, context, reason) => {
    expect(passwordProblem(password, context)).toBe(reason);
  });

  it.each([
    ['a random one-time password', 'Hk4mPq9sTz2wXb7n'],
    ['a passphrase', 'correct horse battery staple'],
    ['a German passphrase', 'Kaffee trinkt der Drache gern'],
  ])('accepts %s', (_label, password) => {
    expect(passwordProblem(password, { current: 'something-else-entirely', personal: ['petra', 'Petra Lang'] })).toBeNull();
  });

  it('counts code points, not UTF-16 units, towards the minimum length', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(10);
    expect(passwordProblem('🦊🐙🦉🐝🦋🐢🦀🐬🦜', {})).toBe('too_short');
  });
});
