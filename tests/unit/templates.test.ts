import { describe, expect, it } from 'vitest';
import { SEED_TEMPLATES } from '../../main/db/sqlite/migrations/0003_replies_attachments.ts';
import { CASE_KINDS } from '../../main/domain/model.ts';
import { gapsOf } from '../../renderer/src/reply-gaps.ts';
import {
  countReplyGaps,
  formatLetterDate,
  placeholderValues,
  renderTemplate,
  replyGaps,
  templateProblems,
  unknownPlaceholders,
  type ReplyFacts,
  type TemplateLanguage,
} from '../../main/domain/templates.ts';

const facts: ReplyFacts = {
  submitterName: 'Jürgen Müller',
  anonymous: false,
  reference: '2026-00042',
  receivedOn: '2026-11-23',
  responseDue: '2026-12-07',
  departmentName: 'Tiefbauamt',
};

const template = {
  subject: 'Ihr Anliegen vom {{received}} – {{reference}}',
  body: '{{salutation}},\n\nName: {{name}}. Antwort bis {{due}}, zuständig: {{department}}.',
};

describe('placeholder rendering', () => {
  it('fills every placeholder in German, dates as 23.11.2026', () => {
    expect(renderTemplate(template, placeholderValues('de', facts))).toEqual({
      subject: 'Ihr Anliegen vom 23.11.2026 – 2026-00042',
      body: 'Guten Tag Jürgen Müller,\n\nName: Jürgen Müller. Antwort bis 07.12.2026, zuständig: Tiefbauamt.',
    });
  });

  it('fills every placeholder in English, dates as 23 November 2026', () => {
    const english = { subject: 'Your enquiry of {{received}}', body: '{{salutation}},\nby {{due}} ({{department}}, {{reference}})' };
    expect(renderTemplate(english, placeholderValues('en', facts))).toEqual({
      subject: 'Your enquiry of 23 November 2026',
      body: 'Dear Jürgen Müller,\nby 7 December 2026 (Tiefbauamt, 2026-00042)',
    });
  });

  it('formats single-digit days as each language writes them in a letter', () => {
    expect(formatLetterDate('2026-03-02', 'de')).toBe('02.03.2026');
    expect(formatLetterDate('2026-03-02', 'en')).toBe('2 March 2026');
  });

  it('greets anonymous and nameless submitters neutrally, in both languages', () => {
    const cases: [TemplateLanguage, Partial<ReplyFacts>, string][] = [
      ['de', { anonymous: true, submitterName: null }, 'Sehr geehrte Damen und Herren'],
      ['de', { submitterName: null }, 'Sehr geehrte Damen und Herren'],
      ['de', { submitterName: '   ' }, 'Sehr geehrte Damen und Herren'],
      ['en', { anonymous: true, submitterName: null }, 'Dear Sir or Madam'],
      ['en', { submitterName: null }, 'Dear Sir or Madam'],
    ];
    for (const [language, overrides, salutation] of cases) {
      const values = placeholderValues(language, { ...facts, ...overrides });
      expect(values.salutation, JSON.stringify(overrides)).toBe(salutation);
      expect(values.name).toBe(salutation);
    }
    // A name that was kept although the case is marked anonymous is still not used.
    expect(placeholderValues('de', { ...facts, anonymous: true }).salutation).toBe('Sehr geehrte Damen und Herren');
  });

  it('names the office while no department is responsible yet', () => {
    expect(placeholderValues('de', { ...facts, departmentName: null }).department).toBe('Ideen- und Beschwerdemanagement');
    expect(placeholderValues('en', { ...facts, departmentName: null }).department).toBe('Ideas and Complaints Office');
  });

  it('fills in one pass: a name that looks like a placeholder stays text', () => {
    const values = placeholderValues('de', { ...facts, submitterName: '{{due}} $& $1' });
    expect(renderTemplate({ subject: '{{name}}', body: '{{ name }}' }, values)).toEqual({ subject: '{{due}} $& $1', body: '{{due}} $& $1' });
  });

  it('leaves unknown placeholders visible and reports each once, in order', () => {
    const text = 'Am {{datum}} schrieb {{Name}} an {{name}}; {{datum}} {{ }} {{amt }}';
    expect(unknownPlaceholders(text)).toEqual(['datum', 'Name', '', 'amt']);
    expect(renderTemplate({ subject: '', body: text }, placeholderValues('de', facts)).body).toBe(
      'Am {{datum}} schrieb {{Name}} an Jürgen Müller; {{datum}} {{ }} {{amt }}',
    );
    expect(unknownPlaceholders('single { braces } and {{due}} are fine')).toEqual([]);
    expect(templateProblems({ subject: '{{betreff}}', body: '{{betreff}} {{frist}}' })).toEqual(['betreff', 'frist']);
  });
});

describe('seeded templates', () => {
  it('offer an acknowledgement and a final reply per kind in German and English', () => {
    for (const language of ['de', 'en']) {
      for (const kind of CASE_KINDS) {
        expect(SEED_TEMPLATES.filter(([k, l]) => k === kind && l === language), `${kind} ${language}`).toHaveLength(2);
      }
    }
    expect(SEED_TEMPLATES).toHaveLength(16);
  });

  it('all render without unknown placeholders, for named and anonymous submitters', () => {
    for (const [kind, language, name, subject, body] of SEED_TEMPLATES) {
      expect(templateProblems({ subject, body }), `${kind} ${language} ${name}`).toEqual([]);
      for (const anonymous of [false, true]) {
        const values = placeholderValues(language as TemplateLanguage, { ...facts, anonymous });
        const rendered = renderTemplate({ subject, body }, values);
        expect(`${rendered.subject}\n${rendered.body}`).not.toMatch(/\{\{|\}\}/);
        expect(rendered.body.startsWith(`${values.salutation},\n`), `${kind} ${language} ${name}`).toBe(true);
        expect(rendered.subject).toContain('2026-00042');
      }
    }
  });

  it('address the reader formally in German (Sie-form)', () => {
    for (const [, language, name, , body] of SEED_TEMPLATES.filter(([, l]) => l === 'de')) {
      expect(body, name).toMatch(/\b(Ihr|Ihre|Ihren|Sie)\b/);
      expect(body, name).not.toMatch(/\b(du|dich|dir|dein|deine)\b/i);
      expect(language).toBe('de');
    }
  });
});

describe('unfilled gaps in a reply', () => {
  it('finds each "[…]" a template leaves for the office, with where it stands', () => {
    const text = 'Guten Tag,\n\n[Antwort]\n\nund [Entscheidung: A / B, weil …].';
    expect(replyGaps(text)).toEqual([
      { text: '[Antwort]', start: 12, end: 21 },
      { text: '[Entscheidung: A / B, weil …]', start: 27, end: 56 },
    ]);
    expect(replyGaps('[]')).toHaveLength(1);
    expect(replyGaps('Kein [Umbruch\nhier] und keine ] [ Klammern')).toEqual([]);
    expect(countReplyGaps({ subject: '[Betreff]', body: 'a [b] c [d]' })).toBe(3);
    expect(countReplyGaps({ subject: 'Ihre Idee', body: 'Alles ausgefüllt.' })).toBe(0);
  });

  it('the reply editor finds the same gaps as main', () => {
    const samples = ['[Antwort]', 'a [b] c', '[]', '[x\ny]', '] [', '[[x]]', '[a] [b]\r\n[c', ...SEED_TEMPLATES.map(([, , , , body]) => body)];
    for (const text of samples) {
      expect(gapsOf('', text).map(({ text: gap, start, end }) => ({ text: gap, start, end })), text).toEqual(replyGaps(text));
      expect(gapsOf(text, 'x').length, text).toBe(countReplyGaps({ subject: text, body: 'x' }));
    }
  });

  it('the shipped final replies with something to decide have one gap, the acknowledgements none', () => {
    for (const [kind, language, name, subject, body] of SEED_TEMPLATES) {
      const expected = name === 'Acknowledgement' || name === 'Eingangsbestätigung' || kind === 'praise' ? 0 : 1;
      expect(countReplyGaps({ subject, body }), `${kind} ${language} ${name}`).toBe(expected);
    }
  });
});
