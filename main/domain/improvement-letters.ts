// "You said, we did": the letter that tells a person what changed because of their feedback, in their language.
import { fillPlaceholders, formatLetterDate, placeholderValues, TEMPLATE_LANGUAGES, type ReplyFacts, type TemplateLanguage } from './templates.ts';

interface LetterText {
  subject: string;
  body: string;
}

const LETTERS: Record<TemplateLanguage, LetterText> = {
  de: {
    subject: 'Sie haben uns geschrieben – wir haben etwas verändert (Aktenzeichen {{reference}})',
    body: `{{salutation}},

am {{received}} haben Sie sich mit Ihrem Anliegen an uns gewandt (Aktenzeichen {{reference}}). Wir möchten Ihnen mitteilen, was daraus geworden ist:

{{improvement}}
Umgesetzt am {{done}} durch {{department}}: {{whatWasDone}}

Vielen Dank, dass Sie uns geholfen haben, besser zu werden.

Mit freundlichen Grüßen

Ihr Ideen- und Beschwerdemanagement`,
  },
  en: {
    subject: 'You told us – we changed something (reference {{reference}})',
    body: `{{salutation}},

On {{received}} you contacted us (reference {{reference}}). We would like to tell you what came of it:

{{improvement}}
Done on {{done}} by {{department}}: {{whatWasDone}}

Thank you for helping us to improve.

Kind regards

Ideas and Complaints Office`,
  },
};

export interface ImprovementLetterFacts {
  person: Omit<ReplyFacts, 'responseDue' | 'departmentName'>;
  language: string | null;
  improvementTitle: string;
  departmentName: string;
  doneOn: string;
  whatWasDone: string;
}

/** The person's language when there is wording for it, else German (the office's own). */
export function letterLanguage(language: string | null): TemplateLanguage {
  return (TEMPLATE_LANGUAGES as readonly string[]).includes(language ?? '') ? (language as TemplateLanguage) : 'de';
}

export function improvementLetter(facts: ImprovementLetterFacts): LetterText & { language: TemplateLanguage } {
  const language = letterLanguage(facts.language);
  const base = placeholderValues(language, { ...facts.person, responseDue: facts.doneOn, departmentName: facts.departmentName });
  const values: Record<string, string> = {
    salutation: base.salutation,
    reference: base.reference,
    received: base.received,
    department: base.department,
    improvement: facts.improvementTitle,
    done: formatLetterDate(facts.doneOn, language),
    whatWasDone: facts.whatWasDone,
  };
  const letter = LETTERS[language];
  return { language, subject: fillPlaceholders(letter.subject, values), body: fillPlaceholders(letter.body, values) };
}
