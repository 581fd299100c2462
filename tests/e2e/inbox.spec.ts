import type { Page } from '@playwright/test';
import { ADMIN_PASSWORD, expect, test } from './fixtures.ts';

const NEW_PASSWORD = 'a-long-new-admin-password';

async function signIn(page: Page, username: string, password: string) {
  await page.getByLabel(/Benutzername|Username/).fill(username);
  await page.getByLabel(/^(Passwort|Password)$/).fill(password);
  await page.keyboard.press('Enter');
}

/** Realistic cases through the real API, as the quick entry will create them. */
async function seed(page: Page) {
  return page.evaluate(async () => {
    const api = window.ombudsdesk;
    const department = await api.saveDepartment({ name: 'Straßen und Tiefbau' });
    const library = await api.saveDepartment({ name: 'Stadtbibliothek' });
    if (!department.ok || !library.ok) throw new Error('seed departments failed');
    const person = (name: string, language: 'de' | 'en' | 'sv') => ({ anonymous: false, name, phone: '0221 4711', language, consent: true, consentText: 'Einwilligung am Telefon erteilt' });
    const anonymous = { anonymous: true, consent: false };
    // Received some days ago at an office hour, but never in the future.
    const ago = (days: number, hour: number, minute: number) => {
      const at = new Date();
      at.setDate(at.getDate() - days);
      at.setHours(hour, minute, 0, 0);
      return new Date(Math.min(at.getTime(), Date.now() - 60_000)).toISOString();
    };
    const cases = [
      { kind: 'complaint', channel: 'phone', origin: 'external', subject: 'Schlagloch in der Hauptstraße seit Wochen nicht repariert', submitter: person('Jürgen Müller', 'de'), departmentId: department.value.id, receivedAt: ago(21, 8, 15) },
      { kind: 'idea', channel: 'web', origin: 'external', subject: 'Sitzbänke entlang des Radwegs zum Friedhof', submitter: person('Käthe Schröder', 'de'), departmentId: department.value.id, receivedAt: ago(14, 10, 30) },
      { kind: 'praise', channel: 'email', origin: 'external', subject: 'Danke an die Stadtbibliothek für die Lesepaten', submitter: person('Anna Smith', 'en'), departmentId: library.value.id, receivedAt: ago(11, 14, 5) },
      { kind: 'question', channel: 'walk_in', origin: 'external', subject: 'Öffnungszeiten zwischen den Feiertagen?', submitter: anonymous, receivedAt: ago(7, 9, 0) },
      { kind: 'complaint', channel: 'letter', origin: 'external', subject: 'Lång väntetid på bygglov för carport', submitter: person('Åsa Lindström', 'sv'), departmentId: department.value.id, receivedAt: ago(5, 11, 45) },
      { kind: 'idea', channel: 'email', origin: 'internal', subject: 'Formulare auch in leichter Sprache anbieten', submitter: person('Özlem Yılmaz', 'de'), receivedAt: ago(3, 13, 20) },
      { kind: 'complaint', channel: 'phone', origin: 'external', subject: 'Müllcontainer am Spielplatz Lindenweg überfüllt', submitter: anonymous, receivedAt: ago(0, 7, 50) },
    ];
    const references: string[] = [];
    for (const entry of cases) {
      const created = await api.createCase(entry as never);
      if (!created.ok) throw new Error(`seed case failed: ${JSON.stringify(created.error)}`);
      references.push(created.value.reference);
    }
    return references;
  });
}

test.describe.configure({ mode: 'serial' });

test('first start: sign in as admin, choose a password, see the empty inbox, then cases created through the API', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { name: /Anmelden|Sign in/ })).toBeVisible();
  await page.getByLabel(/^(Sprache|Language)$/).selectOption('de');
  await page.screenshot({ path: 'screenshots/login.png' });

  await signIn(page, 'admin', 'wrong password');
  await expect(page.getByRole('alert')).toHaveText('Benutzername oder Passwort ist falsch.');

  await signIn(page, 'admin', ADMIN_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Neues Passwort wählen' })).toBeVisible();
  await page.getByLabel('Bisheriges Passwort').fill(ADMIN_PASSWORD);
  await page.getByLabel('Neues Passwort', { exact: true }).fill('short');
  await page.getByLabel('Neues Passwort wiederholen').fill('short');
  await page.getByRole('button', { name: 'Passwort speichern' }).click();
  await expect(page.getByRole('alert')).toHaveText('Das Passwort muss mindestens 10 Zeichen haben.');
  // The one-time password itself, and ten spaces, are refused with their reason at the new-password field.
  const newField = page.getByLabel('Neues Passwort', { exact: true });
  for (const [attempt, message] of [
    [ADMIN_PASSWORD, 'Das neue Passwort muss sich vom bisherigen unterscheiden.'],
    [' '.repeat(10), 'Das Passwort darf nicht nur aus Leerzeichen bestehen.'],
  ] as const) {
    await newField.fill(attempt);
    await page.getByLabel('Neues Passwort wiederholen').fill(attempt);
    await page.getByRole('button', { name: 'Passwort speichern' }).click();
    await expect(page.getByRole('alert')).toHaveText(message);
    await expect(newField).toHaveAttribute('aria-invalid', 'true');
    await expect(newField).toHaveAccessibleDescription(message);
  }
  await page.getByLabel('Neues Passwort', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Neues Passwort wiederholen').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Passwort speichern' }).click();

  // The office (the administrator too) starts on its day; the inbox is one click away.
  await expect(page.getByRole('heading', { name: 'Heute', level: 1 })).toBeVisible();
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('button', { name: 'Eingang', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Eingang', exact: true, level: 1 })).toBeVisible();
  await expect(page.getByText('Noch keine Fälle.')).toBeVisible();
  await expect(page.getByText('Administration', { exact: false })).toBeVisible();

  const references = await seed(page);
  const year = new Date().getFullYear();
  expect(references).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `${year}-0000${n}`));
  await page.getByRole('button', { name: 'Aktualisieren' }).click();
  const rows = page.getByRole('grid').getByRole('row');
  await expect(rows).toHaveCount(8);
  await expect(rows.nth(1)).toContainText(`${year}-00007`);
  await expect(rows.nth(1)).toContainText('Müllcontainer am Spielplatz');
  await expect(rows.nth(1)).toContainText('anonym');
  await expect(rows.last()).toContainText(`${year}-00001`);
  await expect(rows.last()).toContainText('Straßen und Tiefbau');
  await expect(page.getByText('7 Fälle')).toBeVisible();
  await page.screenshot({ path: 'screenshots/inbox.png', fullPage: true });

  await page.getByLabel('Sprache', { exact: true }).selectOption('en');
  await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Reference' })).toBeVisible();
  await expect(rows.nth(1)).toContainText('anonymous');
  await page.screenshot({ path: 'screenshots/inbox-en.png', fullPage: true });

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  const afterLogout = await page.evaluate(() => window.ombudsdesk.listCases({}));
  expect(afterLogout).toEqual({ ok: false, error: { code: 'not_authenticated' } });
});

test('the transport is only IPC: unknown channels and bad payloads get error codes from the real dispatcher', async ({ page }) => {
  await page.goto('./');
  const unknown = await page.evaluate(async () => {
    const response = await fetch('./api/dropEverything', { method: 'POST', body: '{}' });
    return response.json();
  });
  expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  // The page cannot reach an unknown channel through window.ombudsdesk either: it only has the contract's channels and is frozen.
  const bridge = await page.evaluate(() => {
    const api = window.ombudsdesk as unknown as Record<string, unknown>;
    try {
      api.dropEverything = () => undefined;
    } catch {
      // strict-mode assignment to a frozen object throws; either way it must not stick
    }
    return { unknown: typeof api.dropEverything, frozen: Object.isFrozen(api), channels: Object.keys(api).length };
  });
  expect(bridge).toEqual({ unknown: 'undefined', frozen: true, channels: expect.any(Number) });
  expect(bridge.channels).toBeGreaterThan(5);
  await signIn(page, 'admin', NEW_PASSWORD);
  await expect(page.getByRole('heading', { name: /^(Heute|Today)$/, level: 1 })).toBeVisible();
  const bad = await page.evaluate(() => window.ombudsdesk.createCase({ kind: 'rant' } as never));
  expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
});
