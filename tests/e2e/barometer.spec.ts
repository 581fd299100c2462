// The satisfaction barometer as its users meet it: the foyer kiosk (a click, the keyboard, a quick double press counted
// once, the result after a vote, back to the smileys, a staff login to leave) and the office's barometer view (a paper
// tally typed with the keyboard, a double click saving one tally, Esc asking before typed text is discarded).
import { ADMIN_PASSWORD, expect, test } from './fixtures.ts';
import { api, firstSignIn, noSeriousViolations } from './session.ts';

const OFFICE_NOW = '2027-05-10T09:00:00';
const ADMIN_NEW = 'admin-password-barometer-1';
test.use({ officeNow: OFFICE_NOW });
test.describe.configure({ mode: 'serial' });

interface Quarter {
  quarter: string;
  counts: { good: number; okay: number; could_be_better: number };
  n: number;
  reliable: boolean;
}
const currentQuarter = async (page: import('@playwright/test').Page) =>
  (await api<{ quarters: Quarter[] }>(page, 'barometerReport', { from: '2027-Q2', to: '2027-Q2' })).quarters[0]!;

test('the kiosk: votes by touch and keyboard, a double press counts once, the result after a vote, a staff login to leave', async ({ page, context }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await firstSignIn(page, OFFICE_NOW, 'admin', ADMIN_PASSWORD, ADMIN_NEW);

  const kiosk = await context.newPage();
  await kiosk.setViewportSize({ width: 1280, height: 800 });
  await kiosk.addInitScript(() => localStorage.setItem('ombudsdesk.language', 'de'));
  await kiosk.goto('./kiosk#kiosk');
  // The kiosk page is given the kiosk channels only (main refuses it everything else, see tests/integration/kiosk.test.ts).
  expect(await kiosk.evaluate(() => Object.keys(window.ombudsdesk).sort())).toEqual(['castVote', 'currentResult', 'leaveKiosk']);
  await expect(kiosk.getByRole('heading', { name: 'Wie zufrieden waren Sie heute mit unserem Service?' })).toBeVisible();
  const smileys = kiosk.getByRole('group', { name: 'Ihre Bewertung' });
  await expect(smileys.getByRole('button')).toHaveCount(3);
  await kiosk.screenshot({ path: 'screenshots/kiosk-smileys-1280.png' });
  await noSeriousViolations(kiosk, 'kiosk smileys');

  // A touch (click): thank you, and this quarter's result at once.
  await smileys.getByRole('button', { name: /Gut/ }).click();
  await expect(kiosk.getByRole('heading', { name: 'Vielen Dank für Ihre Stimme!' })).toBeVisible();
  await expect(kiosk.getByText('Dieses Quartal (2027-Q2): Index 100 von 100')).toBeVisible();
  await expect(kiosk.getByText('Bisher 1 Stimme', { exact: true })).toBeVisible();
  await expect(kiosk.getByText('Noch wenige Stimmen: Das Ergebnis ist noch nicht belastbar.')).toBeVisible();
  await kiosk.screenshot({ path: 'screenshots/kiosk-thanks-1280.png' });
  // Back by itself after a few seconds.
  await expect(kiosk.getByRole('heading', { name: 'Wie zufrieden waren Sie heute mit unserem Service?' })).toBeVisible({ timeout: 10_000 });

  // The keyboard: 3 is "could be better" (more than the 5 s interval after the first press has passed by now).
  await kiosk.keyboard.press('3');
  await expect(kiosk.getByText('Bisher 2 Stimmen')).toBeVisible();
  await kiosk.getByRole('button', { name: 'Zurück zu den Gesichtern' }).click();
  await expect(smileys.getByRole('button', { name: /Gut/ })).toBeFocused();

  // A quick double press, 5 s after the last counted press: one vote.
  await kiosk.waitForTimeout(5_200);
  await smileys.getByRole('button', { name: /Geht so/ }).dblclick();
  await expect(kiosk.getByText('Bisher 3 Stimmen')).toBeVisible();
  // And main's own rule, not just the busy button: two more presses straight away through the bridge count nothing.
  const again = await kiosk.evaluate(async () => [await window.ombudsdesk.castVote({ rating: 'okay' }), await window.ombudsdesk.castVote({ rating: 'okay' })]);
  expect(again.map((r) => r.ok && r.value.counted)).toEqual([false, false]);
  expect(await currentQuarter(page)).toMatchObject({ counts: { good: 1, okay: 1, could_be_better: 1 }, n: 3, reliable: false });

  // Leaving needs a staff login: a wrong password is refused at its field; the right one brings the sign-in back.
  await kiosk.getByRole('button', { name: 'Personal' }).click();
  await kiosk.getByLabel('Benutzername').fill('admin');
  await kiosk.getByLabel('Passwort').fill('not-the-password');
  await kiosk.keyboard.press('Enter');
  const password = kiosk.getByLabel('Passwort');
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(password).toHaveAccessibleDescription('Benutzername oder Passwort ist falsch.');
  await kiosk.screenshot({ path: 'screenshots/kiosk-staff-1280.png' });
  await noSeriousViolations(kiosk, 'kiosk staff login');
  await password.fill(ADMIN_NEW);
  await kiosk.keyboard.press('Enter');
  await expect(kiosk.getByRole('button', { name: 'Anmelden' })).toBeVisible();
  await expect(kiosk.getByRole('group', { name: 'Ihre Bewertung' })).toHaveCount(0);
  await kiosk.close();
});

for (const size of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
  test(`the barometer view at ${size.width}x${size.height}: a paper tally by keyboard, saved once, Esc asks first`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.clock.setFixedTime(new Date(OFFICE_NOW));
    await page.addInitScript(() => localStorage.setItem('ombudsdesk.language', 'de'));
    await page.goto('./');
    await page.getByLabel('Benutzername').fill('admin');
    await page.getByLabel('Passwort').fill(ADMIN_NEW);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible();
    if (size.width === 1280) {
      // Earlier quarters, one of them with few votes, for the trend.
      for (const [date, good, okay, couldBeBetter] of [['2026-08-03', 30, 12, 8], ['2026-11-20', 20, 15, 10], ['2027-02-15', 6, 4, 3]] as const) {
        await api(page, 'enterPaperTally', { date, place: 'Rathaus', good, okay, couldBeBetter, requestId: crypto.randomUUID() });
      }
    }
    const before = await currentQuarter(page);
    await page.getByRole('button', { name: 'Barometer' }).click();
    await expect(page.getByRole('heading', { name: 'Zufriedenheitsbarometer' })).toBeVisible();
    const table = page.getByRole('table', { name: 'Zahlen je Quartal' });
    await expect(table.locator('tr[data-quarter="2027-Q1"]')).toContainText('nicht belastbar');

    // Keyboard only: the date is today already; the place, then the three counts.
    const form = page.getByRole('region', { name: 'Strichliste eintragen' });
    await form.getByLabel('Ort').focus();
    await page.keyboard.type('Bürgerbüro');
    await page.keyboard.press('Tab');
    await page.keyboard.type('40');
    await page.keyboard.press('Tab');
    await page.keyboard.type('10');
    await page.keyboard.press('Tab');
    await page.keyboard.type('5');
    await expect(form.getByLabel('Könnte besser sein')).toHaveValue('5');
    // A double click on save: one tally.
    await form.getByRole('button', { name: 'Strichliste speichern' }).dblclick();
    await expect(form.getByRole('status')).toHaveText('Strichliste gespeichert: 55 Stimmen.');
    const after = await currentQuarter(page);
    expect(after.n - before.n).toBe(55);
    expect(after.counts.good - before.counts.good).toBe(40);
    await expect(table.locator('tr[data-quarter="2027-Q2"] td.n')).toHaveText(String(after.n));

    // An empty tally is refused at its field, in German.
    await form.getByLabel('Ort').fill('Foyer');
    await form.getByRole('button', { name: 'Strichliste speichern' }).click();
    await expect(form.getByLabel('Gut')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByLabel('Gut')).toHaveAccessibleDescription('Bitte mindestens eine Stimme eintragen.');

    // Esc mid-typing asks; Esc there keeps the text and the focus; Discard empties the form.
    await form.getByLabel('Gut').focus();
    await page.keyboard.type('12');
    await page.keyboard.press('Escape');
    const confirm = page.getByRole('alertdialog');
    await expect(confirm).toContainText('Die eingegebene Strichliste verwerfen?');
    await page.keyboard.press('Escape');
    await expect(confirm).toHaveCount(0);
    await expect(form.getByLabel('Gut')).toHaveValue('12');
    await expect(form.getByLabel('Gut')).toBeFocused();
    await page.keyboard.press('Escape');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Verwerfen' }).click();
    await expect(form.getByLabel('Gut')).toHaveValue('');
    await expect(form.getByLabel('Ort')).toHaveValue('');
    expect((await currentQuarter(page)).n).toBe(after.n);

    await page.mouse.move(0, 0);
    await page.getByRole('heading', { name: 'Zufriedenheitsbarometer' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `screenshots/barometer-${size.width}.png` });
    await form.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `screenshots/barometer-tally-${size.width}.png` });
    await noSeriousViolations(page, `barometer ${size.width}`);
  });
}
