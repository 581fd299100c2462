// Reply templates per kind and language (seeded with an acknowledgement and a final reply each), and content-addressed attachments.
// The seed texts are part of this migration on purpose: a shipped migration never changes, later wording comes as a new one.

type SeedTemplate = readonly [kind: string, language: string, name: string, subject: string, body: string];

const DE_CLOSING = `Mit freundlichen Grüßen

Ihr Ideen- und Beschwerdemanagement`;
const EN_CLOSING = `Kind regards

Ideas and Complaints Office`;

export const SEED_TEMPLATES: readonly SeedTemplate[] = [
  [
    'complaint',
    'de',
    'Eingangsbestätigung',
    'Ihre Beschwerde – Aktenzeichen {{reference}}',
    `{{salutation}},

vielen Dank für Ihre Beschwerde vom {{received}}. Es tut uns leid, dass Sie Anlass zur Unzufriedenheit hatten. Wir nehmen Ihr Anliegen ernst und prüfen es sorgfältig.

Sie erhalten unsere Antwort spätestens bis zum {{due}}. Bitte geben Sie bei Rückfragen das Aktenzeichen {{reference}} an.

${DE_CLOSING}`,
  ],
  [
    'complaint',
    'de',
    'Antwort',
    'Ihre Beschwerde vom {{received}} – Aktenzeichen {{reference}}',
    `{{salutation}},

wir haben Ihre Beschwerde vom {{received}} gemeinsam mit der zuständigen Stelle ({{department}}) geprüft und teilen Ihnen das Ergebnis mit:

[Ergebnis der Prüfung und was wir veranlasst haben]

Vielen Dank, dass Sie sich an uns gewandt haben; Ihre Hinweise helfen uns, besser zu werden. Sind Sie mit dieser Antwort nicht einverstanden, schreiben Sie uns bitte unter Angabe des Aktenzeichens {{reference}}. Wir prüfen Ihre Beschwerde dann ein weiteres Mal.

${DE_CLOSING}`,
  ],
  [
    'idea',
    'de',
    'Eingangsbestätigung',
    'Ihre Idee – Aktenzeichen {{reference}}',
    `{{salutation}},

vielen Dank für Ihre Idee vom {{received}}. Wir freuen uns, dass Sie sich mit Ihren Vorschlägen einbringen.

Wir prüfen Ihren Vorschlag und melden uns spätestens bis zum {{due}} bei Ihnen. Bitte geben Sie bei Rückfragen das Aktenzeichen {{reference}} an.

${DE_CLOSING}`,
  ],
  [
    'idea',
    'de',
    'Antwort',
    'Ihre Idee vom {{received}} – Aktenzeichen {{reference}}',
    `{{salutation}},

wir haben Ihren Vorschlag vom {{received}} gemeinsam mit der zuständigen Stelle ({{department}}) geprüft.

[Entscheidung: Wir setzen Ihre Idee um / Ihre Idee ist bereits geplant / Wir können Ihre Idee leider nicht umsetzen, weil …]

Vielen Dank für Ihr Engagement. Wir freuen uns, wenn Sie uns auch künftig Ihre Ideen mitteilen.

${DE_CLOSING}`,
  ],
  [
    'praise',
    'de',
    'Eingangsbestätigung',
    'Ihr Lob – Aktenzeichen {{reference}}',
    `{{salutation}},

vielen Dank für Ihre freundliche Rückmeldung vom {{received}}. Wir haben uns sehr darüber gefreut und geben Ihr Lob an die Beteiligten weiter.

${DE_CLOSING}`,
  ],
  [
    'praise',
    'de',
    'Antwort',
    'Ihr Lob vom {{received}} – Aktenzeichen {{reference}}',
    `{{salutation}},

Ihr Lob vom {{received}} haben wir an die zuständige Stelle ({{department}}) weitergegeben. Die Kolleginnen und Kollegen haben sich über Ihre Anerkennung sehr gefreut.

Vielen Dank, dass Sie sich die Zeit für Ihre Rückmeldung genommen haben.

${DE_CLOSING}`,
  ],
  [
    'question',
    'de',
    'Eingangsbestätigung',
    'Ihre Anfrage – Aktenzeichen {{reference}}',
    `{{salutation}},

vielen Dank für Ihre Anfrage vom {{received}}. Wir klären Ihre Frage und antworten Ihnen spätestens bis zum {{due}}. Bitte geben Sie bei Rückfragen das Aktenzeichen {{reference}} an.

${DE_CLOSING}`,
  ],
  [
    'question',
    'de',
    'Antwort',
    'Ihre Anfrage vom {{received}} – Aktenzeichen {{reference}}',
    `{{salutation}},

vielen Dank für Ihre Anfrage vom {{received}}. Gemeinsam mit der zuständigen Stelle ({{department}}) beantworten wir Ihre Frage gerne:

[Antwort]

Wenn Sie weitere Fragen haben, sind wir gerne für Sie da. Bitte geben Sie dabei das Aktenzeichen {{reference}} an.

${DE_CLOSING}`,
  ],
  [
    'complaint',
    'en',
    'Acknowledgement',
    'Your complaint – reference {{reference}}',
    `{{salutation}},

Thank you for your complaint of {{received}}. We are sorry that you had reason to be dissatisfied. We take your concerns seriously and will look into them carefully.

You will receive our reply by {{due}} at the latest. Please quote reference {{reference}} in any correspondence.

${EN_CLOSING}`,
  ],
  [
    'complaint',
    'en',
    'Final reply',
    'Your complaint of {{received}} – reference {{reference}}',
    `{{salutation}},

We have looked into your complaint of {{received}} together with the department responsible ({{department}}). Our findings are as follows:

[Outcome of our review and what we have done]

Thank you for contacting us; your feedback helps us improve. If you are not satisfied with this reply, please write to us quoting reference {{reference}}, and we will review your complaint again.

${EN_CLOSING}`,
  ],
  [
    'idea',
    'en',
    'Acknowledgement',
    'Your idea – reference {{reference}}',
    `{{salutation}},

Thank you for your idea of {{received}}. We appreciate you taking the time to share your suggestion with us.

We will consider it carefully and get back to you by {{due}} at the latest. Please quote reference {{reference}} in any correspondence.

${EN_CLOSING}`,
  ],
  [
    'idea',
    'en',
    'Final reply',
    'Your idea of {{received}} – reference {{reference}}',
    `{{salutation}},

We have considered your suggestion of {{received}} together with the department responsible ({{department}}).

[Decision: we will put your idea into practice / your idea is already planned / unfortunately we cannot take your idea forward because …]

Thank you for your commitment. We would be glad to hear your ideas again in the future.

${EN_CLOSING}`,
  ],
  [
    'praise',
    'en',
    'Acknowledgement',
    'Your compliment – reference {{reference}}',
    `{{salutation}},

Thank you for your kind feedback of {{received}}. We were delighted to receive it and will pass your compliment on to the staff involved.

${EN_CLOSING}`,
  ],
  [
    'praise',
    'en',
    'Final reply',
    'Your compliment of {{received}} – reference {{reference}}',
    `{{salutation}},

We have passed your compliment of {{received}} on to the department responsible ({{department}}). Our colleagues were very pleased to hear of your appreciation.

Thank you for taking the time to let us know.

${EN_CLOSING}`,
  ],
  [
    'question',
    'en',
    'Acknowledgement',
    'Your enquiry – reference {{reference}}',
    `{{salutation}},

Thank you for your enquiry of {{received}}. We are looking into your question and will reply by {{due}} at the latest. Please quote reference {{reference}} in any correspondence.

${EN_CLOSING}`,
  ],
  [
    'question',
    'en',
    'Final reply',
    'Your enquiry of {{received}} – reference {{reference}}',
    `{{salutation}},

Thank you for your enquiry of {{received}}. Together with the department responsible ({{department}}), we are pleased to answer your question:

[Answer]

If you have any further questions, please do not hesitate to contact us, quoting reference {{reference}}.

${EN_CLOSING}`,
  ],
];

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

const seedRows = SEED_TEMPLATES.map(
  (row) => `  (${row.map(literal).join(', ')}, 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
).join(',\n');

export const migration = {
  id: '0003_replies_attachments',
  sql: /* sql */ `
CREATE TABLE reply_templates (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('complaint', 'idea', 'praise', 'question')),
  language TEXT NOT NULL CHECK (language IN ('de', 'en', 'sv', 'da', 'cs')),
  name TEXT NOT NULL COLLATE NOCASE,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (kind, language, name)
) STRICT;

INSERT INTO reply_templates (kind, language, name, subject, body, active, created_at, updated_at) VALUES
${seedRows};

-- One row per attachment of a case; the bytes live once per content in <data>/attachments/<2 hex>/<sha256>.
CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  file_name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size >= 0),
  added_at TEXT NOT NULL,
  added_by INTEGER REFERENCES users (id)
) STRICT;
CREATE INDEX attachments_case ON attachments (case_id, id);
-- Whether a stored file is still referenced (retention and clean-up ask this per file).
CREATE INDEX attachments_sha256 ON attachments (sha256);
`,
};
