// A working day at 8 a.m., in Chromium against the real handlers: each role lands on its start screen after sign-in
// (the office's day, the head's requests with reminders, the executive's figures), a figure opens the inbox filtered
// to it, and the notification badge and list work with the keyboard alone. Screens at 1280x800 and 1920x1080.
// Run by working-day-start.spec.ts (SQLite) and postgres-day.spec.ts (PostgreSQL), each on a day of its own.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { ADMIN_PASSWORD, expect, test } from './fixtures.ts';
import { firstSignIn } from './session.ts';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

async function noSeriousViolations(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${screen}: ${v.id} (${v.nodes.length}) ${v.help}`)).toEqual([]);
}

type Due = 'dueToday' | 'overdue' | 'nearDue';

export interface StartDay {
  /** The office's morning (ISO, local time); a day of its own, so its own server or database. */
  officeNow: string;
  /**
   * 'postgres': on a database of its own on the worker's PostgreSQL server (fixtures.ts, pgOfficeNow; the spec file sets
   * `test.use({ engine: 'postgres' })`); SQLite otherwise.
   */
  engine?: 'sqlite' | 'postgres';
  /**
   * When the four cases came in (ISO): the first due today, the second due the working day before (triaged), the third
   * due the next working day (the head's reminder), the fourth later (the statement the head returns).
   */
  received: Record<Due | 'returned', string>;
  /** The answer deadlines these give, as the screens show them (dd.mm.yyyy). */
  due: Record<Due, string>;
}

/** The start screens of each role on one day; called at the top level of a spec file. */
export function workingDayStart(day: StartDay): void {
  const OFFICE_NOW = day.officeNow;
  const postgres = day.engine === 'postgres';
  // On SQLite the office clock is the worker's (its own server); on PostgreSQL the spec file sets the worker's engine
  // and the clock picks this walk's seat (a test option, so the walks share the worker's one database server).
  if (!postgres) test.use({ officeNow: OFFICE_NOW });
  test.describe(`each role's start screen${postgres ? ' on PostgreSQL' : ''}`, () => {
    if (postgres) test.use({ pgOfficeNow: OFFICE_NOW });
    test.describe.configure({ mode: 'serial' });

    async function screenshots(page: Page, name: string) {
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await page.screenshot({ path: `screenshots/${postgres ? 'pg-' : ''}${name}-${size.width}x${size.height}.png`, fullPage: true });
      }
      await page.setViewportSize(SIZES[0]);
    }

    const signIn = (page: Page, username: string, password: string, newPassword: string) => firstSignIn(page, OFFICE_NOW, username, password, newPassword);
    const refs: Record<'dueToday' | 'overdue' | 'nearDue' | 'returned', string> = { dueToday: '', overdue: '', nearDue: '', returned: '' };

    test('the office lands on its day: figures, and each opens the inbox filtered to it', async ({ page }) => {
      await page.setViewportSize(SIZES[0]);
      await signIn(page, 'admin', ADMIN_PASSWORD, 'admin-password-6');
      // The administrator reads cases too, so it also starts on the office's day.
      await expect(page.getByRole('heading', { name: 'Heute', level: 1 })).toBeVisible();
      await page.evaluate(async () => {
        const roads = await window.ombudsdesk.saveDepartment({ name: 'Straßen und Tiefbau' });
        if (!roads.ok) throw new Error(roads.error.code);
        await window.ombudsdesk.saveUser({ username: 'petra', displayName: 'Petra Lang', role: 'ombudsman', password: 'petra-first-password' });
        await window.ombudsdesk.saveUser({ username: 'gerd', displayName: 'Gerd Grün', role: 'department_head', departmentIds: [roads.value.id], password: 'gerd-first-password' });
        await window.ombudsdesk.saveUser({ username: 'chief', displayName: 'Clara Chef', role: 'executive', password: 'chief-first-password' });
      });
      await page.getByRole('button', { name: 'Abmelden' }).click();

      await signIn(page, 'petra', 'petra-first-password', 'petra-password-6');
      Object.assign(
        refs,
        await page.evaluate(async (received) => {
          const [roads] = (await window.ombudsdesk.listDepartments()).ok ? ((await window.ombudsdesk.listDepartments()) as { value: { id: number }[] }).value : [];
          const make = async (subject: string, receivedAt: string, departmentId?: number) => {
            const created = await window.ombudsdesk.createCase({ kind: 'complaint', channel: 'phone', origin: 'external', subject, receivedAt, departmentId });
            if (!created.ok) throw new Error(created.error.code);
            return created.value;
          };
          const dueToday = await make('Laterne in der Goethestraße defekt', received.dueToday);
          const overdue = await make('Schlagloch in der Hauptstraße', received.overdue);
          await window.ombudsdesk.transitionCase({ id: overdue.id, action: 'triage' });
          const nearDue = await make('Ampel am Markt zu kurz', received.nearDue, roads!.id);
          const returned = await make('Radweg zugeparkt', received.returned, roads!.id);
          for (const id of [nearDue.id, returned.id]) {
            const forwarded = await window.ombudsdesk.transitionCase({ id, action: 'forward', departmentId: roads!.id });
            if (!forwarded.ok) throw new Error(forwarded.error.code);
          }
          return { dueToday: dueToday.reference, overdue: overdue.reference, nearDue: nearDue.reference, returned: returned.reference };
        }, day.received),
      );
      await page.getByRole('button', { name: 'Aktualisieren' }).click();
      // Reading the day wrote the deadline notifications owed (due today, overdue); the badge follows at once.
      await expect(page.getByRole('button', { name: 'Benachrichtigungen, 2 ungelesen' })).toBeVisible();
      const figures = page.getByRole('list', { name: 'Was heute zu tun ist' });
      await expect(figures.getByRole('button', { name: /^1 Heute fällig/ })).toBeVisible();
      await expect(figures.getByRole('button', { name: /^1 Überfällig/ })).toBeVisible();
      await expect(figures.getByRole('button', { name: /^1 Neueingänge/ })).toBeVisible();
      await expect(figures.getByRole('button', { name: /^1 Meine Fälle/ })).toBeVisible();
      await expect(figures.getByRole('button', { name: /^0 Stellungnahmen zurück/ })).toBeVisible();
      await expect(page.getByRole('region', { name: /Als Nächstes/ }).getByRole('row')).toHaveCount(3);
      await screenshots(page, 'start-office');
      await noSeriousViolations(page, 'office start');

      // A figure opens the inbox with exactly its cases, keyboard only.
      await figures.getByRole('button', { name: /Heute fällig/ }).focus();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { name: 'Eingang', level: 1 })).toBeVisible();
      await expect(page.getByText('Aus der Startseite: Heute fällig')).toBeVisible();
      await expect(page.locator('.toolbar .count')).toHaveText('1 Fall');
      await expect(page.locator('table.cases tbody tr.row')).toHaveCount(1);
      await expect(page.locator('table.cases tbody tr.row').first()).toContainText(refs.dueToday);
      await noSeriousViolations(page, 'filtered inbox');
      await page.getByRole('button', { name: 'Filter aufheben' }).click();
      await expect(page.getByText('Aus der Startseite: Heute fällig')).toHaveCount(0);
      await expect(page.locator('.toolbar .count')).toHaveText('4 Fälle');

      await page.getByRole('button', { name: 'Heute', exact: true }).click();
      await page.getByRole('list', { name: 'Was heute zu tun ist' }).getByRole('button', { name: /Überfällig/ }).click();
      await expect(page.locator('.toolbar .count')).toHaveText('1 Fall');
      await expect(page.locator('table.cases tbody tr.row').first()).toContainText(refs.overdue);
    });

    test('a department head starts on new requests, with a reminder for the one due tomorrow', async ({ page }) => {
      await page.setViewportSize(SIZES[0]);
      await signIn(page, 'gerd', 'gerd-first-password', 'gerd-password-6');
      await expect(page.getByRole('heading', { name: 'Mein Bereich', level: 1 })).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: '2 neue Anfragen seit' })).toBeVisible();
      const reminders = page.getByRole('region', { name: /Erinnerungen/ });
      await expect(reminders.getByRole('listitem')).toHaveCount(1);
      await expect(reminders).toContainText(`${refs.nearDue} Ampel am Markt zu kurz: fällig am ${day.due.nearDue} · noch 1 Arbeitstag`);
      const statements = page.getByRole('region', { name: 'Angeforderte Stellungnahmen Ihres Bereichs' });
      await expect(statements.getByRole('row', { name: new RegExp(refs.nearDue) })).toHaveClass('near-due-row');
      await expect(statements.getByRole('row', { name: new RegExp(refs.returned) })).toContainText('neu');
      // The bell: a forward to the head's department, and the reminder.
      await expect(page.getByRole('button', { name: 'Benachrichtigungen, 3 ungelesen' })).toBeVisible();
      await screenshots(page, 'start-department');
      await noSeriousViolations(page, 'department start');

      // The head returns one statement; the office will be told.
      await page.evaluate(async (reference) => {
        const list = await window.ombudsdesk.listCases({ filter: { reference } });
        if (!list.ok) throw new Error(list.error.code);
        const done = await window.ombudsdesk.transitionCase({ id: list.value.rows[0]!.id, action: 'return_from_department', statement: 'Parkverbot wird kontrolliert.' });
        if (!done.ok) throw new Error(done.error.code);
      }, refs.returned);
      await page.getByRole('button', { name: 'Abmelden' }).click();
    });

    test('the office sees the returned statement in its figures and its notifications, read with the keyboard', async ({ page }) => {
      await page.setViewportSize(SIZES[0]);
      await page.clock.setFixedTime(new Date(OFFICE_NOW));
      await page.addInitScript(() => localStorage.setItem('ombudsdesk.language', 'de'));
      await page.goto('./');
      await page.getByLabel('Benutzername').fill('petra');
      await page.getByLabel('Passwort').fill('petra-password-6');
      await page.keyboard.press('Enter');
      const figures = page.getByRole('list', { name: 'Was heute zu tun ist' });
      await expect(figures.getByRole('button', { name: /^1 Stellungnahmen zurück/ })).toBeVisible();

      // Deadlines reached (due today, overdue) and the returned statement: three unread.
      const bell = page.getByRole('button', { name: 'Benachrichtigungen, 3 ungelesen' });
      await expect(bell).toBeVisible();
      await bell.focus();
      await page.keyboard.press('Enter');
      const panel = page.getByRole('dialog', { name: 'Benachrichtigungen' });
      await expect(panel).toBeVisible();
      const items = panel.getByRole('listitem');
      await expect(items).toHaveCount(3);
      await expect(items.first()).toContainText(`Stellungnahme zurück: ${refs.returned} (Straßen und Tiefbau)`);
      await expect(panel).toContainText(`Frist erreicht: ${refs.overdue}, fällig am ${day.due.overdue}`);
      await expect(panel).toContainText(`Frist erreicht: ${refs.dueToday}, fällig am ${day.due.dueToday}`);
      await expect(items.first().getByRole('button')).toBeFocused();
      await page.keyboard.press('ArrowDown');
      await expect(items.nth(1).getByRole('button')).toBeFocused();
      await screenshots(page, 'notifications');
      await noSeriousViolations(page, 'notifications');
      await page.keyboard.press('Escape');
      await expect(panel).toHaveCount(0);
      await expect(bell).toBeFocused();

      // Enter on a notification opens its case and marks it read.
      await page.keyboard.press('Enter');
      await expect(items.first().getByRole('button')).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { name: new RegExp(refs.returned), level: 1 })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Benachrichtigungen, 2 ungelesen' })).toBeVisible();

      // Mark all read: the badge goes.
      await page.getByRole('button', { name: /^Benachrichtigungen/ }).click();
      await panel.getByRole('button', { name: 'Alle als gelesen markieren' }).click();
      await expect(page.getByRole('button', { name: 'Benachrichtigungen', exact: true })).toBeVisible();
      await expect(panel.getByRole('button', { name: 'Alle als gelesen markieren' })).toBeDisabled();
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Abmelden' }).click();
    });

    test('the executive starts on the figures, read-only, not on the inbox', async ({ page }) => {
      await page.setViewportSize(SIZES[0]);
      await signIn(page, 'chief', 'chief-first-password', 'chief-password-6');
      await expect(page.getByRole('heading', { name: 'Übersicht', level: 1 })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Eingang', exact: true, level: 1 })).toHaveCount(0);
      const volumes = page.getByRole('table', { name: new RegExp(`Eingegangene Fälle nach Art und Quartal ${OFFICE_NOW.slice(0, 4)}`) });
      await expect(volumes.getByRole('row', { name: /Beschwerde/ })).toContainText('4');
      await expect(page.getByText('Davon überfällig')).toBeVisible();
      await expect(page.getByText('1 von 4')).toBeVisible();
      await expect(page.getByRole('region', { name: 'Verlosung' })).toContainText('noch nicht vorbereitet');
      // No notifications for the executive. Since the dashboard (issue 13) the executive's figures open the inbox filtered
      // to them (read-only: the executive reads cases), as the office's do; the table of volumes above stays.
      await expect(page.getByRole('button', { name: /^Benachrichtigungen/ })).toHaveCount(0);
      await expect(page.locator('button.figure').first()).toBeVisible();
      await screenshots(page, 'start-executive');
      await noSeriousViolations(page, 'executive start');
    });
  });
}
