// The letter that tells a winner of the yearly prize draw, in their language.
import { fillPlaceholders, placeholderValues, type ReplyFacts } from './templates.ts';
import { letterLanguage } from './improvement-letters.ts';

const LETTERS = {
  de: {
    subject: 'Sie haben gewonnen – Ideenpreis {{year}} (Aktenzeichen {{reference}})',
    body: `{{salutation}},

Ihre Idee vom {{received}} (Aktenzeichen {{reference}}) hat zu einer Verbesserung geführt, die wir umgesetzt haben. Unter allen Ideen, die im Jahr {{year}} zu einer Verbesserung geführt haben, wurden Preise verlost – und Sie haben gewonnen:

{{prize}}

Die Ziehung fand am {{drawn}} vor Zeugen statt; das Protokoll kann jede und jeder nachprüfen. Bitte melden Sie sich bei uns, damit wir Ihnen Ihren Preis übergeben können.

Herzlichen Glückwunsch und vielen Dank für Ihre Idee!

Ihr Ideen- und Beschwerdemanagement`,
  },
  en: {
    subject: 'You have won – ideas prize {{year}} (reference {{reference}})',
    body: `{{salutation}},

Your idea of {{received}} (reference {{reference}}) led to an improvement that we have made. Prizes were drawn by lot among all ideas that led to an improvement in {{year}} – and you have won:

{{prize}}

The draw took place on {{drawn}} in front of witnesses; anyone can check its protocol. Please get in touch with us so that we can hand over your prize.

Congratulations, and thank you for your idea!

Ideas and Complaints Office`,
  },
} as const;

export interface WinnerLetterFacts {
  person: Omit<ReplyFacts, 'responseDue' | 'departmentName'>;
  language: string | null;
  year: number;
  prize: string;
  drawnOn: string;
}

export function winnerLetter(facts: WinnerLetterFacts) {
  const language = letterLanguage(facts.language);
  const base = placeholderValues(language, { ...facts.person, responseDue: facts.drawnOn, departmentName: null });
  const values: Record<string, string> = {
    salutation: base.salutation,
    reference: base.reference,
    received: base.received,
    drawn: base.due,
    year: String(facts.year),
    prize: facts.prize,
  };
  return { language, subject: fillPlaceholders(LETTERS[language].subject, values), body: fillPlaceholders(LETTERS[language].body, values) };
}

/** The prize of each place: prizes are given in order, each as many times as its count. */
export function prizeOfPlace(prizes: readonly { count: number; description: string }[], place: number): string | null {
  let last = 0;
  for (const prize of prizes) {
    last += prize.count;
    if (place <= last) return prize.description;
  }
  return null;
}
