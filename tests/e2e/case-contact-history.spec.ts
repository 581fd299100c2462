// The person behind a case, at 1280x800 (issue 9, defects 12 and 13 and the person's history): the ombudsman logs a call
// by keyboard with a postal address, corrects the mistyped phone number in the case's Contact section (a double-clicked
// Save writes one contact_updated event), discards a half-typed address with Esc (the focus goes back to Edit), cannot
// pause without a reason (the error sits at the reason), then pauses with one; the corrected number finds the person's
// earlier case, Enter opens it and Alt+Left comes back to the link.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { ADMIN_PASSWORD, expect, test } from './fixtures.ts';
import { firstSignIn } from './session.ts';

const OFFICE_NOW = '2027-10-04T09:15:00'; // a Monday (its own test server: no other spec uses this time)
test.use({ officeNow: OFFICE_NOW, viewport: { width: 1280, height: 800 } });
test.describe.configure({ mode: 'serial' });

const PHONE = '0170 5551234';
const refs = { earlier: '', call: '' };

interface TimelineEvent {
  type: string;
  data: Record<string, unknown>;
}

/** The value of an API call made from the page (as the signed-in user), or the test fails with the error code. */
async function api<T>(page: Page, channel: string, input?: unknown): Promise<T> {
  const result = await page.evaluate(
    ([name, payload]) => (window.ombudsdesk as unknown as Record<string, (input: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>>)[name as string]!(payload),
    [channel, input] as const,
  );
  if (!result.ok) throw new Error(`${channel}: ${result.error?.code}`);
  return result.value as T;
}

async function noSeriousViolations(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${screen}: ${v.id} (${v.nodes.length}) ${v.help}`)).toEqual([]);
}

const shot = (page: Page, name: string) => page.screenshot({ path: `screenshots/case-contact-history-${name}.png`, fullPage: true });

test('administrator: the office and, from August, an earlier case of today’s caller', async ({ page }) => {
  await firstSignIn(page, OFFICE_NOW, 'admin', ADMIN_PASSWORD, 'admin-password-contact');
  await api(page, 'saveDepartment', { name: 'Straßen und Tiefbau' });
  await api(page, 'saveUser', { username: 'petra', displayName: 'Petra Lang', role: 'ombudsman', password: 'petra-first-password' });
  const earlier = await api<{ id: number; reference: string }>(page, 'createCase', {
    kind: 'idea',
    channel: 'email',
    origin: 'external',
    receivedAt: '2027-08-23T10:00:00.000Z',
    subject: 'Mehr Bänke im Stadtgarten',
    submitter: { name: 'Jürgen Müller', phone: '+49 170 555-1234', consent: false },
  });
  await api(page, 'transitionCase', { id: earlier.id, action: 'triage' });
  // Someone else, with another number: never listed as the caller's.
  await api(page, 'createCase', {
    kind: 'complaint',
    channel: 'phone',
    origin: 'external',
    subject: 'Laterne defekt',
    submitter: { name: 'Anna Berg', phone: '0170 5551299', consent: false },
  });
  refs.earlier = earlier.reference;
});

test('ombudsman: a call with a postal address, the contact corrected, a pause with its reason, the earlier case opened', async ({ page }) => {
  test.setTimeout(120_000);
  await firstSignIn(page, OFFICE_NOW, 'petra', 'petra-first-password', 'petra-password-contact');
  await expect(page.getByRole('heading', { name: 'Heute', level: 1 })).toBeVisible();

  // The phone rings: the call is typed with Tab between the fields, the number mistyped (one digit missing).
  await page.keyboard.press('Control+Shift+P');
  const dialog = page.getByRole('dialog', { name: 'Neuer Fall: Telefon' });
  await expect(dialog.getByRole('radio', { name: 'Beschwerde' })).toBeFocused();
  await page.keyboard.press('Tab'); // origin
  await page.keyboard.press('Tab'); // subject
  await page.keyboard.type('Gehweg am Stadtgarten aufgebrochen');
  await page.keyboard.press('Tab'); // description
  await page.keyboard.type('Herr Müller ist dort fast gestürzt.');
  await page.keyboard.press('Tab'); // anonymous
  await page.keyboard.press('Tab'); // name
  await page.keyboard.type('Jürgen Müller');
  await page.keyboard.press('Tab'); // phone
  await page.keyboard.type('0170 555123');
  await page.keyboard.press('Tab'); // e-mail: none given
  await page.keyboard.press('Tab'); // postal address
  await expect(dialog.getByRole('textbox', { name: 'Postanschrift' })).toBeFocused();
  await page.keyboard.type('Gartenstraße 4');
  await page.keyboard.press('Enter');
  await page.keyboard.type('50667 Köln');
  await page.keyboard.press('Tab'); // consent
  await page.keyboard.press('Space');
  await page.keyboard.press('Control+Enter');
  const toast = page.getByRole('status').filter({ hasText: /wurde gespeichert/ });
  await expect(toast).toBeVisible();
  refs.call = /Fall (\d{4}-\d{5})/.exec(await toast.innerText())![1]!;

  // Into the case by its reference, typed into the search and confirmed with Enter.
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('button', { name: 'Eingang', exact: true }).click();
  const search = page.getByRole('searchbox', { name: 'Volltextsuche' });
  await search.fill(refs.call);
  await search.press('Enter');
  const title = page.getByRole('heading', { level: 1, name: new RegExp(refs.call) });
  await expect(title).toBeVisible();
  const caseId = (await api<{ rows: { id: number }[] }>(page, 'listCases', { filter: { reference: refs.call }, limit: 1 })).rows[0]!.id;

  const contact = page.getByRole('region', { name: 'Kontakt' });
  await expect(contact.getByTestId('contact-address')).toHaveText('Gartenstraße 4\n50667 Köln');
  await expect(contact.getByTestId('contact-phone')).toHaveText('0170 555123');
  // The mistyped number finds nobody yet.
  const history = page.getByRole('region', { name: 'Frühere Fälle dieser Person' });
  await expect(history).toContainText('Keine weiteren Fälle mit dieser E-Mail-Adresse oder Telefonnummer.');

  // The phone number corrected in place, saved with a double click: one event.
  const edit = contact.getByRole('button', { name: 'Bearbeiten' });
  await edit.focus();
  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: 'Kontaktdaten bearbeiten' });
  await expect(form.getByLabel('Name', { exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Telefon')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(PHONE);
  await shot(page, 'editing');
  await form.getByRole('button', { name: 'Speichern' }).dblclick();
  await expect(form).toHaveCount(0);
  await expect(contact.getByTestId('contact-phone')).toHaveText(PHONE);
  await expect(edit).toBeFocused();
  await expect(page.getByRole('alert')).toHaveCount(0);
  const timeline = page.getByRole('list', { name: 'Verlauf' });
  await expect(timeline.getByText('Kontaktdaten korrigiert: Telefon')).toHaveCount(1);
  const afterSave = await api<{ timeline: TimelineEvent[] }>(page, 'getCase', { id: caseId });
  expect(afterSave.timeline.filter((e) => e.type === 'contact_updated')).toEqual([
    expect.objectContaining({ data: { fields: ['phone'], changes: { phone: ['0170 555123', PHONE] } } }),
  ]);

  // Esc in the middle of editing the address discards it, keeps the case open and gives the focus back to Edit.
  await page.keyboard.press('Enter');
  await expect(form.getByLabel('Name', { exact: true })).toBeFocused();
  await page.keyboard.press('Tab'); // phone
  await page.keyboard.press('Tab'); // e-mail
  await page.keyboard.press('Tab'); // address
  await expect(form.getByLabel('Postanschrift')).toBeFocused();
  await page.keyboard.type(' (Hinterhaus)');
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);
  await expect(edit).toBeFocused();
  await expect(title).toBeVisible();
  await expect(contact.getByTestId('contact-address')).toHaveText('Gartenstraße 4\n50667 Köln');
  const afterEsc = await api<{ submitter: { address: string }; timeline: TimelineEvent[] }>(page, 'getCase', { id: caseId });
  expect(afterEsc.submitter.address).toBe('Gartenstraße 4\n50667 Köln');
  expect(afterEsc.timeline.filter((e) => e.type === 'contact_updated')).toHaveLength(1);

  // Pause without a reason: refused by main, the message at the reason, which takes the focus; then with one.
  const actions = page.getByRole('region', { name: 'Nächster Schritt' });
  await actions.getByRole('button', { name: 'Pausieren', exact: true }).click();
  const pause = page.getByRole('form', { name: 'Pausieren' });
  const reason = pause.getByLabel('Begründung', { exact: true });
  await expect(reason).toBeFocused();
  await pause.getByRole('button', { name: 'Pausieren', exact: true }).click();
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toHaveAttribute('aria-describedby', 'reason-error');
  await expect(page.locator('#reason-error')).toHaveText('Bitte geben Sie eine Begründung an.');
  await expect(reason).toBeFocused();
  await expect(page.locator('.facts .status')).toHaveText('neu');
  await shot(page, 'pause-refused');
  await page.keyboard.type('Rückruf: Herr Müller schickt Fotos der Stelle.');
  await pause.getByRole('button', { name: 'Pausieren', exact: true }).dblclick();
  await expect(pause).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.locator('.facts .status')).toHaveText('pausiert');
  const held = timeline.getByRole('listitem').filter({ hasText: 'Pausieren → pausiert' });
  await expect(held).toHaveCount(1);
  await expect(held).toContainText('Rückruf: Herr Müller schickt Fotos der Stelle.');

  // The corrected number finds the earlier case: reference, day, kind and status; Enter opens it.
  const earlierLink = history.getByRole('button', { name: new RegExp(refs.earlier) });
  await expect(earlierLink).toHaveText(`${refs.earlier} · 23.08.2027 · Idee · in Bearbeitung Mehr Bänke im Stadtgarten`);
  await expect(history.getByRole('button')).toHaveCount(1);
  await expect(history).toContainText('gleiche Telefonnummer');
  await noSeriousViolations(page, 'case view');
  await history.scrollIntoViewIfNeeded();
  await shot(page, 'history');

  await earlierLink.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(refs.earlier) })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Frühere Fälle dieser Person' }).getByRole('button', { name: new RegExp(refs.call) })).toBeVisible();
  await shot(page, 'earlier');

  // Alt+Left: back to the call's case, the focus on the link it left from.
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(title).toBeVisible();
  await expect(history.getByRole('button', { name: new RegExp(refs.earlier) })).toBeFocused();
  // And once more: back to the inbox.
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(page.getByRole('heading', { name: 'Eingang', level: 1 })).toBeVisible();
});
