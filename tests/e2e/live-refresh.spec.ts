// Two seats on one PostgreSQL server (issue 11, point 4): the ombudsman at one desk and the deputy at another, each
// with an app of their own (a transport server with its own process and pool) on the same database. What one seat
// changes appears at the other without a reload: a new case in the inbox (the row the deputy's keyboard is on keeps
// the focus), a note and a status change in the open case view. The database server is a throwaway one started here
// (tests/support/postgres.ts); where Debian's PostgreSQL is not installed, the test is skipped and says why (in CI,
// with OMBUDSDESK_PG_REQUIRED=1, it fails instead).
import type { Browser, Page } from '@playwright/test';
import pg from 'pg';
import { startPostgres, stopPostgres, type TestPostgres } from '../support/postgres.ts';
import { ADMIN_PASSWORD, expect, postgresMissing, startTransport, test, type Transport } from './fixtures.ts';
import { api, firstSignIn, noSeriousViolations } from './session.ts';

const OFFICE_NOW = '2027-07-19T09:00:00';
// Skipped with the reason printed where PostgreSQL is not installed; an error instead with OMBUDSDESK_PG_REQUIRED=1 (CI).
const missing = postgresMissing('live-refresh.spec.ts');

let server: TestPostgres | null = null;
const seats: (Transport & { stop(): Promise<void> })[] = [];

test.describe('two seats on one PostgreSQL database', () => {
  test.skip(missing !== null, `PostgreSQL is not installed: ${missing}`);

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = await startPostgres();
    const admin = new pg.Client({ host: server.host, port: server.port, user: server.user, database: 'postgres' });
    await admin.connect();
    await admin.query(`CREATE DATABASE live_seats TEMPLATE ${server.template}`);
    await admin.end();
    const connection = JSON.stringify({ host: server.host, port: server.port, user: server.user, database: 'live_seats' });
    // One after the other: the first start creates the administrator, the second finds it.
    for (let i = 0; i < 2; i++) seats.push(await startTransport({ OMBUDSDESK_TEST_NOW: OFFICE_NOW, OMBUDSDESK_TEST_PG_CONNECTION: connection }));
  });

  test.afterAll(async () => {
    for (const seat of seats.splice(0)) await seat.stop();
    await stopPostgres();
  });

  async function seatPage(browser: Browser, seat: Transport): Promise<Page> {
    const context = await browser.newContext({ baseURL: seat.baseURL, viewport: { width: 1280, height: 800 } });
    return context.newPage();
  }

  const inboxHeading = (page: Page) => page.getByRole('heading', { name: 'Eingang', exact: true, level: 1 });
  const row = (page: Page, text: string) => page.locator('table.cases tbody tr.row', { hasText: text });

  test('what the ombudsman changes at one desk appears at the deputy’s desk without a reload', async ({ browser }) => {
    test.setTimeout(180_000);
    // The administrator (at the first desk) sets up the two colleagues.
    const setup = await seatPage(browser, seats[0]!);
    await firstSignIn(setup, OFFICE_NOW, 'admin', ADMIN_PASSWORD, 'admin-password-live-seats');
    await api(setup, 'saveUser', { username: 'petra', displayName: 'Petra Lang', role: 'ombudsman', password: 'petra-first-password' });
    await api(setup, 'saveUser', { username: 'dora', displayName: 'Dora Vogt', role: 'deputy', password: 'dora-first-password' });
    await setup.context().close();

    const petra = await seatPage(browser, seats[0]!);
    await firstSignIn(petra, OFFICE_NOW, 'petra', 'petra-first-password', 'petra-password-live-seats');
    const first = await api<{ id: number; reference: string }>(petra, 'createCase', { kind: 'complaint', channel: 'phone', origin: 'external', subject: 'Laterne in der Bahnhofstraße defekt' });

    const dora = await seatPage(browser, seats[1]!);
    await firstSignIn(dora, OFFICE_NOW, 'dora', 'dora-first-password', 'dora-password-live-seats');
    await dora.getByRole('navigation').getByRole('button', { name: 'Eingang', exact: true }).click();
    await expect(inboxHeading(dora)).toBeVisible();
    await expect(row(dora, first.reference)).toBeVisible();
    // The deputy is on the first row with the keyboard.
    await dora.getByRole('searchbox', { name: 'Volltextsuche' }).focus();
    await dora.keyboard.press('ArrowDown');
    await expect(row(dora, first.reference)).toBeFocused();

    // The ombudsman logs a call at her desk: the deputy's inbox shows it, and her keyboard stays where it was.
    const started = Date.now();
    const second = await api<{ id: number; reference: string }>(petra, 'createCase', { kind: 'idea', channel: 'phone', origin: 'external', subject: 'Mehr Bänke am Marktplatz' });
    await expect(row(dora, second.reference)).toBeVisible({ timeout: 3_000 });
    console.log(`live-refresh.spec.ts: the new case appeared at the other desk ${Date.now() - started} ms after it was saved`);
    await expect(row(dora, first.reference)).toBeFocused();
    await dora.screenshot({ path: 'screenshots/live-refresh-inbox-1280x800.png' });

    // The deputy opens the first case with Enter; the ombudsman adds a note and triages it at her desk.
    await dora.keyboard.press('Enter');
    await expect(dora.getByRole('heading', { level: 1, name: new RegExp(first.reference) })).toBeVisible();
    await expect(dora.locator('.case-view .status')).toHaveClass(/status-new/);
    await api(petra, 'addCaseNote', { id: first.id, text: 'Rückruf mit dem Bauhof vereinbart' });
    await expect(dora.locator('.case-view').getByText('Rückruf mit dem Bauhof vereinbart')).toBeVisible({ timeout: 3_000 });
    await api(petra, 'transitionCase', { id: first.id, action: 'triage' });
    await expect(dora.locator('.case-view .status')).not.toHaveClass(/status-new/, { timeout: 3_000 });
    await dora.screenshot({ path: 'screenshots/live-refresh-case-1280x800.png' });
    await noSeriousViolations(dora, 'case view after a live refresh');

    // Back in the inbox (Esc): the view "Neu" no longer lists the case the ombudsman triaged meanwhile, the focus is
    // not dropped to the page, and under "Alle" the case shows its new status.
    await dora.keyboard.press('Escape');
    await expect(inboxHeading(dora)).toBeVisible();
    await expect(row(dora, second.reference)).toBeVisible();
    await expect(row(dora, first.reference)).toHaveCount(0);
    expect(await dora.evaluate(() => document.activeElement !== document.body && document.activeElement !== null)).toBe(true);
    await dora.getByRole('toolbar', { name: 'Ansichten' }).getByRole('button', { name: 'Alle' }).click();
    await expect(row(dora, first.reference).locator('.status')).not.toHaveClass(/status-new/);

    // And the other way round: what the deputy does reaches the ombudsman's open inbox.
    await petra.getByRole('navigation').getByRole('button', { name: 'Eingang', exact: true }).click();
    await expect(row(petra, second.reference)).toBeVisible();
    const third = await api<{ id: number; reference: string }>(dora, 'createCase', { kind: 'praise', channel: 'walk_in', origin: 'external', subject: 'Freundliche Beratung im Bürgerbüro' });
    await expect(row(petra, third.reference)).toBeVisible({ timeout: 3_000 });
  });
});
