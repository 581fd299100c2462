// Reply templates: the placeholders a case can fill, the wording per language, and rendering that never hides an unknown one.
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import { PLACEHOLDERS, TEMPLATE_LANGUAGES, type Placeholder, type TemplateLanguage } from '../vocabulary/people.ts';

export { PLACEHOLDERS, TEMPLATE_LANGUAGES, type Placeholder, type TemplateLanguage };
export type PlaceholderValues = Record<Placeholder, string>;

export interface TemplateText {
  subject: string;
  body: string;
}

/** What a case contributes to a reply; dates are local calendar dates (yyyy-MM-dd). */
export interface ReplyFacts {
  submitterName: string | null;
  anonymous: boolean;
  reference: string;
  receivedOn: string;
  responseDue: string;
  departmentName: string | null;
}

interface Wording {
  datePattern: string;
  greeting: (name: string) => string;
  /** For anonymous submitters, organisations without a contact person, and unknown names. */
  neutralSalutation: string;
  /** Stands in for {{department}} while no department is responsible yet. */
  office: string;
}

// "Guten Tag <name>" is the usual German greeting when the form of address (Frau/Herr) is unknown.
const WORDING: Record<TemplateLanguage, Wording> = {
  de: {
    datePattern: 'dd.MM.yyyy',
    greeting: (name) => `Guten Tag ${name}`,
    neutralSalutation: 'Sehr geehrte Damen und Herren',
    office: 'Ideen- und Beschwerdemanagement',
  },
  en: {
    datePattern: 'd MMMM yyyy',
    greeting: (name) => `Dear ${name}`,
    neutralSalutation: 'Dear Sir or Madam',
    office: 'Ideas and Complaints Office',
  },
};

// {{ name }} with inner spaces counts as {{name}}; anything else between double braces is a placeholder we must know.
const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g;

export function isPlaceholder(name: string): name is Placeholder {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

/** The placeholder names in text that no case can fill, each once, in order of appearance. */
export function unknownPlaceholders(text: string): string[] {
  const unknown = new Set<string>();
  for (const match of text.matchAll(TOKEN)) if (!isPlaceholder(match[1]!)) unknown.add(match[1]!);
  return [...unknown];
}

/** Unknown placeholders of a whole template (subject and body). */
export function templateProblems(template: TemplateText): string[] {
  return [...new Set([...unknownPlaceholders(template.subject), ...unknownPlaceholders(template.body)])];
}

/** A calendar date as a letter in that language writes it: 23.11.2026, 23 November 2026. */
export function formatLetterDate(date: string, language: TemplateLanguage): string {
  return format(parseISO(date), WORDING[language].datePattern);
}

export function placeholderValues(language: TemplateLanguage, facts: ReplyFacts): PlaceholderValues {
  const wording = WORDING[language];
  const name = facts.anonymous ? null : facts.submitterName?.trim() || null;
  return {
    salutation: name ? wording.greeting(name) : wording.neutralSalutation,
    name: name ?? wording.neutralSalutation,
    reference: facts.reference,
    received: formatLetterDate(facts.receivedOn, language),
    due: formatLetterDate(facts.responseDue, language),
    department: facts.departmentName?.trim() || wording.office,
  };
}

/** Fills the placeholders that have a value in one pass (a value containing "{{due}}" stays text); others stay visible. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(TOKEN, (token, name: string) => (Object.hasOwn(values, name) ? values[name]! : token));
}

export function renderTemplate(template: TemplateText, values: PlaceholderValues): TemplateText {
  return { subject: fillPlaceholders(template.subject, values), body: fillPlaceholders(template.body, values) };
}

/** A part of a reply the template left for the office to write: "[Antwort]", "[Decision: … / … because …]". */
export interface ReplyGap {
  /** The gap as it stands, brackets included. */
  text: string;
  /** Where it starts and ends (end exclusive), in UTF-16 code units of the text searched. */
  start: number;
  end: number;
}

// The shipped templates mark each such part as one bracketed line: "[", anything but brackets and line breaks, "]".
const GAP = /\[[^[\]\r\n]*\]/g;

/** The unfilled gaps left in a text, in order; a reply still holding one must not go out unseen. */
export function replyGaps(text: string): ReplyGap[] {
  return [...text.matchAll(GAP)].map((match) => ({ text: match[0], start: match.index, end: match.index + match[0].length }));
}

/** How many gaps a reply (subject and body) still has. */
export function countReplyGaps(reply: TemplateText): number {
  return replyGaps(reply.subject).length + replyGaps(reply.body).length;
}
