// The accessibility figures (issue 13, point 4) in Chromium: the administrator reaches Reports → Erreichbarkeit with the
// keyboard, reads the figures of the quarter (what the cases made here imply, computed below from their dates), switches
// to the quarter before, logs a phone call with a double click (one call counted), asks before throwing away a half-typed
// call (Esc), imports a peer CSV (the peer appears in the comparison) and a broken one (an error naming the line, nothing
// stored); then the executive reads the same figures without the forms. axe; screenshots at 1280x800 and 1920x1080.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { ADMIN_PASSWORD, expect, test } from './fixtures.ts';
import { api, firstSignIn, noSeriousViolations } from './session.ts';

const OFFICE_NOW = '2027-04-12T09:00:00'; // a Monday in Q2 (its own test server: no other spec uses this time)
test.use({ officeNow: OFFICE_NOW });

/** The cases made here: received (office time), channel, department, and whether the office replies today. */
const SEEDS = [
  { at: '2027-04-12T08:00:00', channel: 'email', department: false, replied: true }, // Monday: 0 working days
  { at: '2027-04-09T10:00:00', channel: 'email', department: true, replied: true }, // Friday: 1 (the weekend does not count)
  { at: '2027-04-08T10:00:00', channel: 'email', department: true, replied: true }, // Thursday: 2
  { at: '2027-04-07T10:00:00', channel: 'email', department: false, replied: true }, // Wednesday: 3
  { at: '2027-04-06T10:00:00', channel: 'phone', department: false, replied: false }, // no response yet
  { at: '2027-03-01T10:00:00', channel: 'letter', department: true, replied: false }, // Q1, no response
] as const;
type Seed = (typeof SEEDS)[number];
const TODAY = OFFICE_NOW.slice(0, 10);

/** Working days d with received < d <= today: Monday to Friday (no holiday lies between 6 and 12 April 2027). */
function workingDays(from: string, to: string): number {
  let days = 0;
  const d = new Date(`${from}T12:00:00Z`);
  for (;;) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.toISOString().slice(0, 10) > to) return days;
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) days++;
  }
}

const percent = (part: number, whole: number) => new Intl.NumberFormat('de-DE', { style: 'percent', maximumFractionDigits: 1 }).format(part / whole);
const number = (value: number) => new Intl.NumberFormat('de-DE').format(value);

/** What a row of the figures table must say for these cases: n, within 1 and 2 working days, the median. */
function expected(seeds: readonly Seed[]) {
  const days = seeds.filter((s) => s.replied).map((s) => workingDays(s.at.slice(0, 10), TODAY)).sort((a, b) => a - b);
  const n = seeds.length;
  const within = (limit: number) => days.filter((d) => d <= limit).length;
  const mid = days.length >> 1;
  const median = days.length === 0 ? null : days.length % 2 ? days[mid]! : (days[mid - 1]! + days[mid]!) / 2;
  return {
    n: number(n),
    within1: `${percent(within(1), n)} ${within(1)} von ${n}`,
    within2: `${percent(within(2), n)} ${within(2)} von ${n}`,
    median: median === null ? null : `${number(median)} n = ${days.length}`,
    share1: within(1) / n,
    share2: within(2) / n,
  };
}
const inQuarter = (q: 1 | 2) => SEEDS.filter((s) => Math.floor((Number(s.at.slice(5, 7)) - 1) / 3) + 1 === q);

/** The screen at both sizes, from its top and scrolled to its end (the content area scrolls, not the page). */
async function screenshots(page: Page, name: string) {
  for (const size of [
    { width: 1280, height: 800 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size);
    await page.mouse.move(1, size.height - 1); // no chart tooltip under a resting pointer
    for (const [part, top] of [['top', 0], ['end', 1e6]] as const) {
      await page.locator('main.content').evaluate((main, y) => main.scrollTo(0, y), top);
      await page.screenshot({ path: `screenshots/${name}-${size.width}x${size.height}-${part}.png` });
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Tab (at most `limit` times) until the element has the focus. */
async function tabTo(page: Page, target: ReturnType<Page['getByRole']>, limit = 40) {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

function row(page: Page, caption: RegExp, header: string) {
  return page.getByRole('table', { name: caption }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: header, exact: true }) });
}

test('accessibility figures: keyboard, quarters, one call on a double click, Esc, peers from CSV', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await firstSignIn(page, OFFICE_NOW, 'admin', ADMIN_PASSWORD, 'admin-password-7');
  const department = await api<{ id: number }>(page, 'saveDepartment', { name: 'Bürgerbüro' });
  for (const [i, seed] of SEEDS.entries()) {
    const receivedAt = await page.evaluate((at) => new Date(at).toISOString(), seed.at);
    const created = await api<{ id: number }>(page, 'createCase', {
      kind: 'complaint',
      channel: seed.channel,
      origin: 'external',
      subject: `Anliegen ${i + 1}`,
      receivedAt,
      ...(seed.department ? { departmentId: department.id } : {}),
    });
    if (seed.replied) await api(page, 'recordReply', { caseId: created.id, channel: 'letter', subject: 'Ihr Anliegen', body: 'Wir kümmern uns darum.' });
  }
  await api(page, 'saveUser', { username: 'chief', displayName: 'Clara Chef', role: 'executive', password: 'chief-first-password' });

  // Keyboard: the header's Berichte, then Tab to the view "Erreichbarkeit".
  const reports = page.getByRole('button', { name: 'Berichte' });
  await reports.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Berichte' })).toBeVisible();
  const view = page.getByRole('button', { name: 'Erreichbarkeit', exact: true });
  await tabTo(page, view);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Erreichbarkeit und Antwortzeiten' })).toBeVisible();

  // Q2 2027 (the current quarter): all cases, per channel, per department.
  const q2 = /^Kennzahlen für Q2 2027/;
  const all = expected(inQuarter(2));
  const allRow = row(page, q2, 'Alle Fälle');
  await expect(allRow).toContainText(all.within1);
  await expect(allRow).toContainText(all.within2);
  await expect(allRow).toContainText(all.median!);
  const email = expected(inQuarter(2).filter((s) => s.channel === 'email'));
  await expect(row(page, q2, 'E-Mail')).toContainText(email.within1);
  await expect(row(page, q2, 'E-Mail')).toContainText(email.within2);
  await expect(row(page, q2, 'E-Mail')).toContainText(email.median!);
  // The phone case has no response: its median cell is explained, not blank.
  const phone = expected(inQuarter(2).filter((s) => s.channel === 'phone'));
  expect(phone.median).toBeNull();
  await expect(row(page, q2, 'Telefon')).toContainText(phone.within1);
  await expect(row(page, q2, 'Telefon')).toContainText('nichts zu zählen');
  const office = expected(inQuarter(2).filter((s) => s.department));
  await expect(row(page, q2, 'Bürgerbüro')).toContainText(office.within2);
  const none = expected(inQuarter(2).filter((s) => !s.department));
  await expect(row(page, q2, 'Ohne Fachbereich')).toContainText(none.within1);

  // Our year beside the peers (none yet): the chart's text alternative and the table say the same.
  const year = expected(SEEDS);
  const comparison = row(page, /^Erste Antwort binnen 1 und 2 Arbeitstagen, 2027/, 'Unser Büro');
  await expect(comparison).toContainText(percent(year.share1 * 1000, 1000));
  await expect(comparison).toContainText(percent(year.share2 * 1000, 1000));
  await expect(page.getByRole('img', { name: /Anteil der Fälle mit erster Antwort binnen 1 und 2 Arbeitstagen, 2027: Unser Büro/ })).toBeVisible();
  await expect(page.getByText('Für 2027 sind keine Vergleichswerte importiert.')).toBeVisible();

  // The quarter before, with the keyboard: the Quartal select, one up.
  const quarterSelect = page.getByRole('combobox', { name: 'Quartal' });
  await quarterSelect.focus();
  await page.keyboard.press('ArrowUp');
  await expect(quarterSelect).toHaveValue('1');
  const q1 = expected(inQuarter(1));
  await expect(row(page, /^Kennzahlen für Q1 2027/, 'Alle Fälle')).toContainText(q1.within1);
  await expect(row(page, /^Kennzahlen für Q1 2027/, 'Brief')).toContainText('nichts zu zählen');
  await page.keyboard.press('ArrowDown');
  await expect(quarterSelect).toHaveValue('2');
  await expect(page.getByText('In Q2 2027 sind keine Anrufe erfasst.')).toBeVisible();

  // A call: reached, answered directly; the double click logs one.
  const form = page.getByRole('region', { name: 'Anruf erfassen' });
  await tabTo(page, form.getByRole('radio', { name: 'Erreicht', exact: true }));
  await page.keyboard.press('Space');
  await expect(form.getByRole('radio', { name: 'Erreicht', exact: true })).toBeChecked();
  await tabTo(page, form.getByRole('radio', { name: 'Direkt beantwortet' }));
  await page.keyboard.press('Space');
  await form.getByRole('button', { name: 'Anruf erfassen' }).dblclick();
  await expect(form.getByRole('status')).toHaveText('Anruf erfasst.');
  const phoneFigures = page.getByRole('region', { name: 'Telefonische Erreichbarkeit (Q2 2027)' });
  await expect(phoneFigures).toContainText(`Erfasste Anrufe1`);
  await expect(phoneFigures).toContainText(`${percent(1, 1)} 1 von 1`);
  const report = await api<{ phone: { calls: number }[] }>(page, 'accessibilityReport', { from: '2027-Q2', to: '2027-Q2' });
  expect(report.phone[0]!.calls).toBe(1);

  // A missing choice is said at the field, in German.
  await form.getByRole('button', { name: 'Anruf erfassen' }).click();
  await expect(form.getByRole('radio', { name: 'Erreicht', exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('Bitte wählen Sie einen Eintrag.')).toBeVisible();
  await expect(form.getByRole('radio', { name: 'Erreicht', exact: true })).toBeFocused();

  // Esc mid-typing asks first; Esc there keeps the text.
  const time = form.getByRole('textbox', { name: 'Zeitpunkt des Anrufs' });
  await time.focus();
  await time.press('End');
  await time.press('Backspace');
  await time.press('Backspace');
  await page.keyboard.type('30');
  await page.keyboard.press('Escape');
  const ask = page.getByRole('alertdialog');
  await expect(ask).toContainText('Den begonnenen Anruf verwerfen?');
  await page.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  await expect(time).toHaveValue(/:30$/);
  await expect(time).toBeFocused();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Verwerfen' }).click();
  await expect(time).not.toHaveValue(/:30$/);
  expect((await api<{ phone: { calls: number }[] }>(page, 'accessibilityReport', { from: '2027-Q2', to: '2027-Q2' })).phone[0]!.calls).toBe(1);

  // Peer figures from CSV: the peer is drawn and listed beside us.
  const picker = page.getByLabel('CSV-Datei wählen …');
  await picker.setInputFiles({ name: 'peers.csv', mimeType: 'text/csv', buffer: readFileSync('tests/fixtures/peers/peers.csv') });
  await expect(page.getByText('3 Vergleichswerte gespeichert.')).toBeVisible();
  const peer = row(page, /^Erste Antwort binnen 1 und 2 Arbeitstagen, 2027/, 'Stadt Musterhausen');
  await expect(peer).toContainText(percent(455, 1000));
  await expect(peer).toContainText(percent(70, 100));
  await expect(page.getByRole('img', { name: /Stadt Musterhausen: Binnen 1 Arbeitstag 45,5\s%/ })).toBeVisible();
  await expect(page.locator('.access-chart .recharts-bar-rectangle')).not.toHaveCount(0);
  await screenshots(page, 'accessibility-office');
  await noSeriousViolations(page, 'accessibility figures (office)');

  // A broken file: the line and the problem are named, and nothing of it is stored.
  await picker.setInputFiles({ name: 'peers-broken.csv', mimeType: 'text/csv', buffer: readFileSync('tests/fixtures/peers/peers-broken.csv') });
  await expect(page.getByText('Die Datei enthält Fehler; es wurde nichts importiert.')).toBeVisible();
  await expect(page.getByText('Zeile 3, value: keine Zahl')).toBeVisible();
  await expect(picker).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Kreis Beispiel')).toHaveCount(0);
  const peers = await api<{ peers: { peer: string }[] }>(page, 'accessibilityReport', {});
  expect(new Set(peers.peers.map((p) => p.peer))).toEqual(new Set(['Stadt Musterhausen']));
  await screenshots(page, 'accessibility-peer-error');
  await noSeriousViolations(page, 'accessibility figures (peer file error)');

  // The executive reads the same figures, without the call log or the import.
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await firstSignIn(page, OFFICE_NOW, 'chief', 'chief-first-password', 'chief-password-7');
  await page.getByRole('button', { name: 'Berichte' }).focus();
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('button', { name: 'Erreichbarkeit', exact: true }));
  await page.keyboard.press('Enter');
  await expect(row(page, q2, 'Alle Fälle')).toContainText(all.within1);
  await expect(page.getByRole('region', { name: 'Telefonische Erreichbarkeit (Q2 2027)' })).toContainText(`${percent(1, 1)} 1 von 1`);
  await expect(page.getByRole('region', { name: 'Anruf erfassen' })).toHaveCount(0);
  await expect(page.getByText('CSV-Datei wählen …')).toHaveCount(0);
  await screenshots(page, 'accessibility-executive');
  await noSeriousViolations(page, 'accessibility figures (executive)');
});
