// Mail server (issue 12, points 2 and 3): replies sent by SMTP. Each send is one row, created before the mail goes out
// (under the requestId of the window's submission, so a double click makes one row) and claimed by exactly one sender;
// the reply on the case's timeline names the row's Message-ID. The IMAP and SMTP settings are rows of the settings table
// (key mail_server), their passwords encrypted (main/services/secrets.ts): never plain text here.
export const migration = {
  id: '0019_mail_server',
  sql: /* sql */ `
CREATE TABLE outgoing_mail (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  user_id INTEGER REFERENCES users (id),
  -- the Message-ID we give the mail (without angle brackets): stored before sending, recorded on the reply
  message_id TEXT NOT NULL UNIQUE,
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  template_id INTEGER,
  confirm_gaps INTEGER NOT NULL DEFAULT 0 CHECK (confirm_gaps IN (0, 1)),
  status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
  error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  CHECK ((status = 'sent') = (sent_at IS NOT NULL))
) STRICT;
CREATE INDEX outgoing_mail_case ON outgoing_mail (case_id, id);
`,
};
