// A day in the office, one continuous sign-in per role, as people work: the administrator sets up the office, the
// ombudsman logs a phone call by keyboard alone and triages it, the department head returns a statement, the deputy
// answers and closes, the chief executive reads the figures. Each walk waits for the screen to settle after every save
// (and counts the inbox's listCases calls), double-clicks every writing button once and checks through the API that
// the work was done once, presses Esc in the middle of typing and goes back from a case to the inbox as it was. The
// whole day runs at 1280x800 and at 1920x1080 (day-in-the-office-*.spec.ts), each on its own server, and saves
// screenshots of every role's screens. The same day runs on PostgreSQL too (postgres-day.spec.ts, engine 'postgres').
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { ADMIN_PASSWORD, expect, test } from './fixtures.ts';
import { firstSignIn } from './session.ts';

type Result<T> = { ok: boolean; value: T; error?: { code: string } };
type Api = Record<string, (input?: unknown) => Promise<Result<unknown>>>;

/** One call through the page's bridge, as the signed-in user; the test fails with the error code if it is refused. */
async function api<T>(page: Page, channel: string, input?: unknown): Promise<T> {
  const result = (await page.evaluate(([c, i]) => (window.ombudsdesk as unknown as Api)[c as string]!(i), [channel, input] as const)) as Result<T>;
  if (!result.ok) throw new Error(`${channel}: ${result.error?.code}`);
  return result.value;
}

async function noSeriousViolations(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${screen}: ${v.id} (${v.nodes.length}) ${v.help}`)).toEqual([]);
}

/** Counts the inbox's list calls from now on. */
function countListCalls(page: Page): { readonly value: number } {
  const counter = { value: 0 };
  page.on('request', (request) => {
    if (request.url().endsWith('/api/listCases')) counter.value++;
  });
  return counter;
}

/** The screen has settled: nothing is loading and no list call went out for a second. */
async function settled(page: Page, calls: { readonly value: number }) {
  await expect(page.locator('tr.loading-row, p.loading')).toHaveCount(0);
  const before = calls.value;
  await page.waitForTimeout(1_000);
  expect(calls.value - before, 'list calls while the screen should be quiet').toBe(0);
}

export interface DaySize {
  width: number;
  height: number;
  /** The office's Monday morning: each size on its own day, so each gets its own server. */
  officeNow: string;
  /**
   * 'postgres': on a database of its own on the worker's PostgreSQL server (fixtures.ts, pgOfficeNow; the spec file sets
   * `test.use({ engine: 'postgres' })`); SQLite otherwise.
   */
  engine?: 'sqlite' | 'postgres';
}

/** The whole day at one window size; called at the top level of a spec file (its server is a worker fixture). */
export function dayInTheOffice(size: DaySize): void {
  const viewport = { width: size.width, height: size.height };
  const postgres = size.engine === 'postgres';
  // On SQLite the office clock is the worker's (its own server); on PostgreSQL the spec file sets the worker's engine
  // and each walk's clock picks its seat (a test option, so the walks share the worker's one database server).
  if (!postgres) test.use({ officeNow: size.officeNow });
  test.describe(`a day in the office at ${size.width}x${size.height}${postgres ? ' on PostgreSQL' : ''}`, () => {
    test.use(postgres ? { pgOfficeNow: size.officeNow, viewport } : { viewport });
    test.describe.configure({ mode: 'serial' });

    const prefix = `${postgres ? 'pg-' : ''}day-${size.width}x${size.height}`;
    const shot = (page: Page, name: string) => page.screenshot({ path: `screenshots/${prefix}-${name}.png`, fullPage: true });
    const signIn = (page: Page, username: string, password: string, newPassword: string) => firstSignIn(page, size.officeNow, username, password, newPassword);
    const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('button', { name, exact: true });
    const day = { call: '', earlier: '' };

    test('administrator: departments and a colleague set up by keyboard, a double click saves once', async ({ page }) => {
      await signIn(page, 'admin', ADMIN_PASSWORD, 'admin-password-day');
      await expect(page.getByRole('heading', { name: 'Heute', level: 1 })).toBeVisible();
      await page.getByRole('button', { name: 'Einstellungen' }).click();
      await page.getByRole('button', { name: 'Fachbereiche' }).click();
      await page.getByLabel('Neuer Fachbereich').fill('Straßen und Tiefbau');
      await page.getByRole('button', { name: 'Hinzufügen' }).dblclick();
      await expect(page.getByLabel('Neuer Fachbereich')).toHaveValue('');
      await page.getByLabel('Neuer Fachbereich').fill('Grünflächenamt');
      await page.getByLabel('Neuer Fachbereich').press('Enter');
      await expect(page.getByRole('alert')).toHaveCount(0);
      const departments = await api<{ id: number; name: string }[]>(page, 'listDepartments');
      expect(departments.map((d) => d.name).sort()).toEqual(['Grünflächenamt', 'Straßen und Tiefbau']);
      const roads = departments.find((d) => d.name === 'Straßen und Tiefbau')!;

      // The ombudsman, by keyboard: Tab from field to field, the role chosen by typing, saved with a double click.
      await page.getByRole('button', { name: 'Benutzer und Rollen' }).click();
      await page.getByRole('button', { name: 'Neuer Benutzer' }).click();
      const form = page.getByRole('form', { name: 'Neuer Benutzer' });
      await expect(form.getByLabel('Name', { exact: true })).toBeFocused();
      await page.keyboard.type('Petra Lang');
      await page.keyboard.press('Tab');
      await page.keyboard.type('petra');
      await form.getByLabel('Rolle').selectOption({ label: 'Ombudsperson' });
      await form.getByLabel(/^Erstes Passwort/).fill('petra-first-password');
      await form.getByRole('button', { name: 'Speichern' }).dblclick();
      await expect(form).toHaveCount(0);
      await expect(page.getByRole('alert')).toHaveCount(0);
      // The rest of the office through the same channel the form uses.
      await api(page, 'saveUser', { username: 'dora', displayName: 'Dora Dehmel', role: 'deputy', password: 'dora-first-password' });
      await api(page, 'saveUser', { username: 'gerd', displayName: 'Gerd Grün', role: 'department_head', departmentIds: [roads.id], password: 'gerd-first-password' });
      await api(page, 'saveUser', { username: 'chief', displayName: 'Clara Vogt', role: 'executive', password: 'chief-first-password' });
      const users = await api<{ username: string }[]>(page, 'listUsers');
      expect(users.filter((u) => u.username === 'petra')).toHaveLength(1);
      await api(page, 'saveCategory', { name: 'Verkehr' });
      // Last week's post: a few cases already in the office, one of them from the caller of today.
      const ago = (days: number) => new Date(new Date(size.officeNow).getTime() - days * 86_400_000).toISOString();
      for (let i = 1; i <= 12; i++) {
        await api(page, 'createCase', { kind: 'complaint', channel: 'email', origin: 'external', subject: `Radweg Lindenallee zugeparkt (${i})`, receivedAt: ago(3 + (i % 4)), departmentId: roads.id });
      }
      const earlier = await api<{ reference: string }>(page, 'createCase', {
        kind: 'complaint', channel: 'phone', origin: 'external', subject: 'Ampel Schulweg zu kurz grün', receivedAt: ago(5), submitter: { name: 'Jürgen Müller', phone: '0170 1234567', consent: true, consentText: 'Einwilligung am Telefon erteilt.' },
      });
      day.earlier = earlier.reference;
      await shot(page, 'admin-settings');
      await page.getByRole('button', { name: 'Abmelden' }).click();
    });

    test('ombudsman: a phone call logged by keyboard alone, Esc while typing, triaged and forwarded, back to the inbox as it was', async ({ page }) => {
      await signIn(page, 'petra', 'petra-first-password', 'petra-password-day');
      await expect(page.getByRole('heading', { name: 'Heute', level: 1 })).toBeVisible();
      await noSeriousViolations(page, 'office start');
      await shot(page, 'ombudsman-start');
      const calls = countListCalls(page);

      // The phone rings: Ctrl+Shift+P, and the call note is typed with Tab between fields.
      await page.keyboard.press('Control+Shift+P');
      const dialog = page.getByRole('dialog', { name: 'Neuer Fall: Telefon' });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByRole('radio', { name: 'Beschwerde' })).toBeFocused();
      await page.keyboard.press('Tab'); // origin
      await page.keyboard.press('Tab'); // subject
      await expect(dialog.getByLabel('Betreff')).toBeFocused();
      await page.keyboard.type('Ampel am Schulweg schaltet zu schnell auf Rot');
      await page.keyboard.press('Tab');
      await expect(dialog.getByLabel('Beschreibung')).toBeFocused();
      await page.keyboard.type('Herr Müller ruft an: Kinder schaffen es nicht über die Straße.');
      await page.keyboard.press('Tab'); // anonymous
      await page.keyboard.press('Tab');
      await expect(dialog.getByRole('textbox', { name: 'Name' })).toBeFocused();
      await page.keyboard.type('Jürgen Müller');
      await page.keyboard.press('Tab');
      await page.keyboard.type('0170 1234567');
      await expect(dialog.getByRole('textbox', { name: 'Telefon' })).toHaveValue('0170 1234567');
      await page.keyboard.press('Tab'); // e-mail: none given
      await page.keyboard.press('Tab'); // postal address: none given
      await page.keyboard.press('Tab');
      await expect(dialog.getByRole('checkbox', { name: /Einwilligung/ })).toBeFocused();
      await page.keyboard.press('Space');
      await page.keyboard.press('Control+Enter');
      const toast = page.getByRole('status').filter({ hasText: /wurde gespeichert/ });
      await expect(toast).toBeVisible();
      day.call = /Fall (\d{4}-\d{5})/.exec(await toast.innerText())![1]!;
      await expect(dialog).toHaveCount(0);

      // The inbox: the new call is there and the list settles.
      await nav(page, 'Eingang').click();
      await page.getByRole('button', { name: 'Alle', exact: true }).click();
      await expect(page.getByRole('row', { name: new RegExp(day.call) })).toBeVisible();
      await settled(page, calls);
      const search = page.getByRole('searchbox', { name: 'Volltextsuche' });
      await search.fill('Ampel');
      await expect(page.locator('.toolbar .count')).toHaveText('2 Fälle');
      await settled(page, calls);
      await shot(page, 'ombudsman-inbox');

      // Into the case by its reference, as the caller gives it on the phone: typed into search, Enter opens it.
      await search.fill(day.call);
      await search.press('Enter');
      await expect(page.getByRole('heading', { level: 1, name: new RegExp(day.call) })).toBeVisible();

      // Triage: kind, department, category, priority in one form, sent with a double click: one triage in the timeline.
      const actions = page.getByRole('region', { name: 'Nächster Schritt' });
      await actions.getByRole('button', { name: 'Sichten', exact: true }).click();
      const triage = page.getByRole('form', { name: 'Sichten' });
      await triage.getByLabel(/^Fachbereich/).selectOption({ label: 'Straßen und Tiefbau' });
      await triage.getByLabel(/^Kategorie/).selectOption({ label: 'Verkehr' });
      await triage.getByLabel(/^Priorität/).selectOption({ label: 'hoch' });
      await triage.getByRole('button', { name: 'Sichten', exact: true }).dblclick();
      await expect(triage).toHaveCount(0);
      await expect(page.getByText('in Bearbeitung').first()).toBeVisible();

      // Forward to the department for a statement, a double click again.
      await actions.getByRole('button', { name: 'An Fachbereich weiterleiten', exact: true }).click();
      const forward = page.getByRole('form', { name: 'An Fachbereich weiterleiten' });
      await forward.getByRole('button', { name: 'An Fachbereich weiterleiten', exact: true }).dblclick();
      await expect(forward).toHaveCount(0);
      await expect(page.getByText('weitergeleitet').first()).toBeVisible();
      const id = (await api<{ rows: { id: number }[] }>(page, 'listCases', { filter: { reference: day.call }, limit: 1 })).rows[0]!.id;
      const detail = await api<{ timeline: { type: string }[] }>(page, 'getCase', { id });
      expect(detail.timeline.filter((e) => e.type === 'status_changed').length, 'one triage and one forwarding').toBe(2);
      await shot(page, 'ombudsman-case');

      // A note typed, then back with Alt+Left: asked first (keep editing is the default, Esc keeps the text and the
      // focus); asked again and discarded, the inbox comes back as it was (the search for the reference).
      await actions.getByRole('button', { name: 'Notiz hinzufügen', exact: true }).click();
      await page.keyboard.type('Rückruf zugesagt');
      const note = page.getByRole('form', { name: 'Notiz hinzufügen' }).getByRole('textbox');
      await page.keyboard.press('Alt+ArrowLeft');
      const confirm = page.getByRole('alertdialog', { name: 'Das Getippte verwerfen?' });
      await expect(confirm.getByRole('button', { name: 'Weiter bearbeiten' })).toBeFocused();
      await shot(page, 'ombudsman-discard-asked');
      await page.keyboard.press('Escape');
      await expect(confirm).toHaveCount(0);
      await expect(note).toBeFocused();
      await expect(note).toHaveValue('Rückruf zugesagt');
      await page.keyboard.press('Alt+ArrowLeft');
      await expect(confirm.getByRole('button', { name: 'Weiter bearbeiten' })).toBeFocused();
      await page.keyboard.press('Tab');
      await expect(confirm.getByRole('button', { name: 'Verwerfen' })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { name: 'Eingang', exact: true, level: 1 })).toBeVisible();
      await expect(search).toHaveValue(day.call);
      await settled(page, calls);
      await page.getByRole('button', { name: 'Abmelden' }).click();
    });

    test('department head: the request is waiting, an empty statement is refused, the statement returned once', async ({ page }) => {
      await signIn(page, 'gerd', 'gerd-first-password', 'gerd-password-day');
      await expect(page.getByRole('heading', { name: 'Mein Bereich', level: 1 })).toBeVisible();
      const requests = page.getByRole('region', { name: 'Angeforderte Stellungnahmen Ihres Bereichs' });
      await expect(requests.getByText(day.call)).toBeVisible();
      await noSeriousViolations(page, 'department home');
      await shot(page, 'head-home');
      await requests.getByRole('button', { name: new RegExp(day.call) }).click();
      await expect(page.getByRole('heading', { level: 1, name: new RegExp(day.call) })).toBeVisible();
      const actions = page.getByRole('region', { name: 'Nächster Schritt' });
      await actions.getByRole('button', { name: 'Stellungnahme zurückgeben', exact: true }).click();
      const form = page.getByRole('form', { name: 'Stellungnahme zurückgeben' });
      await form.getByRole('button', { name: 'Stellungnahme zurückgeben', exact: true }).click();
      await expect(form.getByLabel('Stellungnahme')).toHaveAttribute('aria-invalid', 'true');
      await expect(form.getByLabel('Stellungnahme')).toBeFocused();
      await page.keyboard.type('Die Grünphase wird ab Montag auf 20 Sekunden verlängert.');
      await form.getByRole('button', { name: 'Stellungnahme zurückgeben', exact: true }).dblclick();
      await expect(form).toHaveCount(0);
      await expect(page.getByRole('alert')).toHaveCount(0);
      const id = (await api<{ rows: { id: number }[] }>(page, 'listCases', { filter: { reference: day.call }, limit: 1 })).rows[0]!.id;
      const detail = await api<{ timeline: { type: string }[]; status: string }>(page, 'getCase', { id });
      expect(detail.timeline.filter((e) => e.type === 'status_changed').length, 'triage, forwarding, one statement').toBe(3);
      expect(detail.status).toBe('open');
      await shot(page, 'head-case');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('heading', { name: 'Mein Bereich', level: 1 })).toBeVisible();
      await expect(requests.getByText(day.call)).toHaveCount(0);
      await page.getByRole('button', { name: 'Abmelden' }).click();
    });

    test('deputy: the returned statement on the start screen, answered and closed with double clicks', async ({ page }) => {
      await signIn(page, 'dora', 'dora-first-password', 'dora-password-day');
      await expect(page.getByRole('heading', { name: 'Heute', level: 1 })).toBeVisible();
      const calls = countListCalls(page);
      await page.getByRole('button', { name: /Stellungnahmen zurück/ }).click();
      await expect(page.getByRole('heading', { name: 'Eingang', exact: true, level: 1 })).toBeVisible();
      await expect(page.getByRole('row', { name: new RegExp(day.call) })).toBeVisible();
      await settled(page, calls);
      await shot(page, 'deputy-inbox');
      // By keyboard: from the search box Tab into the list (one Tab stop), Enter opens the row.
      await page.getByRole('searchbox', { name: 'Volltextsuche' }).focus();
      for (let tabs = 0; tabs < 15 && !(await page.evaluate(() => document.activeElement?.hasAttribute('data-index'))); tabs++) await page.keyboard.press('Tab');
      await expect(page.getByRole('row', { name: new RegExp(day.call) })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { level: 1, name: new RegExp(day.call) })).toBeVisible();
      const actions = page.getByRole('region', { name: 'Nächster Schritt' });
      await actions.getByRole('button', { name: 'Beantworten', exact: true }).click();
      const answer = page.getByRole('form', { name: 'Beantworten' });
      await answer.getByLabel(/^Ergebnis/).selectOption({ label: 'berechtigt' });
      await answer.getByLabel(/^Zusammenfassung/).fill('Grünphase verlängert, Herr Müller telefonisch informiert.');
      await answer.getByRole('button', { name: 'Beantworten', exact: true }).dblclick();
      await expect(answer).toHaveCount(0);
      await expect(page.getByText('beantwortet').first()).toBeVisible();
      await actions.getByRole('button', { name: 'Abschließen', exact: true }).click();
      await page.getByRole('form', { name: 'Abschließen' }).getByRole('button', { name: 'Abschließen', exact: true }).dblclick();
      await expect(page.getByText('abgeschlossen').first()).toBeVisible();
      await expect(page.getByRole('alert')).toHaveCount(0);
      const id = (await api<{ rows: { id: number }[] }>(page, 'listCases', { filter: { reference: day.call }, limit: 1 })).rows[0]!.id;
      const detail = await api<{ timeline: { type: string }[]; status: string }>(page, 'getCase', { id });
      expect(detail.status).toBe('closed');
      expect(detail.timeline.filter((e) => e.type === 'status_changed')).toHaveLength(5); // triage, forward, return, answer, close
      await shot(page, 'deputy-case');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('heading', { name: 'Eingang', exact: true, level: 1 })).toBeVisible();
      await settled(page, calls);
      await page.getByRole('button', { name: 'Abmelden' }).click();
    });

    test('chief executive: the figures, read-only, no inbox and no quick entry', async ({ page }) => {
      await signIn(page, 'chief', 'chief-first-password', 'chief-password-day');
      await expect(page.getByRole('heading', { name: 'Übersicht', level: 1 })).toBeVisible();
      await expect(page.getByText('Offene Fälle')).toBeVisible();
      await noSeriousViolations(page, 'executive overview');
      await shot(page, 'executive-start');
      // No quick entry for the executive; the inbox and a case are there to read, with no step to take.
      await page.keyboard.press('Control+Shift+P');
      await expect(page.getByRole('dialog')).toHaveCount(0);
      await nav(page, 'Eingang').click();
      const search = page.getByRole('searchbox', { name: 'Volltextsuche' });
      await search.fill(day.call);
      await search.press('Enter');
      await expect(page.getByRole('heading', { level: 1, name: new RegExp(day.call) })).toBeVisible();
      await expect(page.getByText('abgeschlossen').first()).toBeVisible();
      await expect(page.getByRole('region', { name: 'Nächster Schritt' })).toHaveCount(0);
      await shot(page, 'executive-case');
      await page.keyboard.press('Alt+ArrowLeft');
      await expect(search).toHaveValue(day.call);
      await page.getByRole('button', { name: 'Abmelden' }).click();
    });
  });
}
