// The yearly prize draw in Chromium: the chief executive prepares it (the fingerprint is printed), runs the ceremony with a
// public seed and witnesses, exports the protocol; the command line verifies it, and refuses a tampered copy. The
// fingerprint and the ranking are recomputed here independently, with node:crypto, from the documented rules.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ADMIN_PASSWORD, expect, test } from './fixtures.ts';
import { firstSignIn } from './session.ts';

const OFFICE_NOW = '2027-12-06T10:00:00'; // a Monday in December: the draw for 2027
test.use({ officeNow: OFFICE_NOW });
test.describe.configure({ mode: 'serial' });

const cli = fileURLToPath(new URL('../../main/cli.ts', import.meta.url));
const SEED = '3 6 1 4 2 5';

const signIn = (page: Page, username: string, password: string, newPassword: string) => firstSignIn(page, OFFICE_NOW, username, password, newPassword);

function verify(file: string) {
  return spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', cli, 'draw', 'verify', file], { encoding: 'utf8' });
}

test('prepare, print the fingerprint, draw with witnesses, export and verify the protocol; a tampered one fails', async ({ page }, testInfo) => {
  await signIn(page, 'admin', ADMIN_PASSWORD, 'admin-password-5');
  await page.evaluate(async () => {
    const parks = await window.ombudsdesk.saveDepartment({ name: 'Grünflächenamt' });
    if (!parks.ok) throw new Error(parks.error.code);
    await window.ombudsdesk.saveUser({ username: 'petra', displayName: 'Petra Lang', role: 'ombudsman', password: 'petra-first-password' });
    await window.ombudsdesk.saveUser({ username: 'chief', displayName: 'Dr. Clara Vogt', role: 'executive', password: 'chief-first-password' });
  });
  await page.getByRole('button', { name: 'Abmelden' }).click();

  // The office: six ideas led to one improvement done in 2027; one person stayed anonymous.
  await signIn(page, 'petra', 'petra-first-password', 'petra-password-5');
  const references = await page.evaluate(async () => {
    const departments = await window.ombudsdesk.listDepartments();
    if (!departments.ok) throw new Error('departments');
    const departmentId = departments.value[0]!.id;
    const ids: number[] = [];
    const refs: string[] = [];
    for (const name of ['Anna Berg', 'Bernd Kurz', 'Clara Ost', 'Deniz Acar', 'Emil Roth', '']) {
      const submitter = name ? { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.org`, consent: true, consentText: 'Einwilligung' } : { anonymous: true };
      const created = await window.ombudsdesk.createCase({ kind: 'idea', channel: 'web', origin: 'external', subject: `Idee ${name || 'anonym'}`, departmentId, submitter });
      if (!created.ok) throw new Error(created.error.code);
      ids.push(created.value.id);
      if (name) refs.push(created.value.reference);
    }
    const improvement = await window.ombudsdesk.adoptIdea({ caseId: ids[0]!, title: 'Mehr Bäume in der Innenstadt' });
    if (!improvement.ok) throw new Error(improvement.error.code);
    for (const caseId of ids.slice(1)) await window.ombudsdesk.linkCaseToImprovement({ improvementId: improvement.value.id, caseId });
    const done = await window.ombudsdesk.setImprovementStatus({ id: improvement.value.id, status: 'done', doneOn: '2027-10-15', note: '40 Bäume gepflanzt.' });
    if (!done.ok) throw new Error(done.error.code);
    return refs;
  });
  await page.getByRole('button', { name: 'Abmelden' }).click();

  await signIn(page, 'chief', 'chief-first-password', 'chief-password-5');
  await page.getByRole('button', { name: 'Verlosung' }).click();
  await expect(page.getByRole('heading', { name: 'Teilnahmeberechtigt: 5 Einträge' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Ausgeschlossen: 1 Fall' })).toContainText('keine Kontaktdaten');
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  const prepare = page.getByRole('form', { name: 'Verlosung vorbereiten' });
  await prepare.getByRole('group', { name: 'Preis 1' }).getByLabel('Preis').fill('Ein Abendessen für zwei');
  await prepare.getByRole('button', { name: 'Preis hinzufügen' }).click();
  await prepare.getByRole('group', { name: 'Preis 2' }).getByLabel('Preis').fill('Ein Jahr Stadtbad');
  await prepare.getByRole('button', { name: 'Liste einfrieren und Fingerabdruck berechnen' }).click();

  // The fingerprint is SHA-256 over the sorted references joined by newlines (no trailing newline), as documented.
  const canonical = [...references].sort().join('\n');
  const expectedFingerprint = createHash('sha256').update(canonical, 'utf8').digest('hex');
  await expect(page.getByTestId('fingerprint')).toHaveText(expectedFingerprint.match(/.{4}/g)!.join(' '));
  await expect(page.getByTestId('canonical')).toHaveText(canonical);

  // Printing the fingerprint for the announcement: the printout has no app chrome.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.topbar')).toBeHidden();
  const announcement = await page.pdf({ format: 'A4' });
  expect(announcement.subarray(0, 5).toString()).toBe('%PDF-');
  writeFileSync(testInfo.outputPath('fingerprint.pdf'), announcement);
  await page.emulateMedia({ media: 'screen' });

  // The ceremony.
  await page.getByRole('button', { name: 'Ziehung beginnen' }).click();
  const ceremony = page.getByRole('form', { name: 'Ziehung' });
  await ceremony.getByLabel('Öffentlicher Startwert').fill(SEED);
  await ceremony.getByLabel('Zeuginnen und Zeugen (eine Person pro Zeile)').fill('Ida Zeugin\nJan Zeuge');
  await page.setViewportSize({ width: 1280, height: 1350 });
  await page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'screenshots/draw-ceremony.png' });
  await page.setViewportSize({ width: 1280, height: 720 });
  const ceremonyAxe = await new AxeBuilder({ page }).analyze();
  expect(ceremonyAxe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await ceremony.getByRole('button', { name: 'Ziehen' }).click();
  // The browser insists on the confirmation; nothing is drawn without it.
  await expect(page.getByRole('heading', { name: 'Gewinne' })).toHaveCount(0);
  await ceremony.getByRole('checkbox').check();
  // A seed with a lone surrogate (from a damaged copy and paste) would be stored as U+FFFD, not as typed: refused at
  // the seed field, and nothing is drawn.
  const seedField = ceremony.getByLabel('Öffentlicher Startwert');
  await seedField.evaluate((input: HTMLInputElement) => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, '3 6 1 \uD800');
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await ceremony.getByRole('button', { name: 'Ziehen' }).click();
  await expect(ceremony.locator('#seed-error')).toHaveText(/Der Startwert enthält ein Zeichen, das sich nicht speichern lässt/);
  await expect(seedField).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('heading', { name: 'Gewinne' })).toHaveCount(0);
  await seedField.fill(SEED);
  await expect(ceremony.locator('#seed-error')).toHaveCount(0);
  await ceremony.getByRole('button', { name: 'Ziehen' }).click();

  // Ranking: ascending HMAC-SHA256(key = seed, message = reference), recomputed here.
  const ranking = [...references].sort((a, b) => {
    const score = (ref: string) => createHmac('sha256', SEED).update(ref, 'utf8').digest('hex');
    return score(a) < score(b) ? -1 : 1;
  });
  const winners = page.getByRole('region', { name: 'Gewinne' }).locator('ol.winners > li');
  await expect(winners).toHaveCount(2);
  await expect(winners.nth(0)).toContainText(`${ranking[0]}`);
  await expect(winners.nth(0)).toContainText('Ein Abendessen für zwei');
  await expect(winners.nth(1)).toContainText(`${ranking[1]}`);
  await expect(page.locator('ol.reserves > li')).toHaveText(ranking.slice(2));
  await expect(page.getByTestId('seed')).toHaveText(SEED);
  await page.screenshot({ path: 'screenshots/draw-result.png', fullPage: true });

  // The protocol as PDF (the same engine Electron's printToPDF uses) and as JSON.
  await page.emulateMedia({ media: 'print' });
  const protocolPdf = await page.pdf({ format: 'A4', printBackground: true });
  writeFileSync('screenshots/draw-protocol.pdf', protocolPdf);
  await page.emulateMedia({ media: 'screen' });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Protokoll exportieren (JSON)' }).click();
  const file = testInfo.outputPath('protocol.json');
  await (await download).saveAs(file);
  const protocol = JSON.parse(readFileSync(file, 'utf8')) as { entries: string[]; ranking: string[]; fingerprint: string; witnesses: string[]; drawnBy: string };
  expect(protocol).toMatchObject({ fingerprint: expectedFingerprint, ranking, witnesses: ['Ida Zeugin', 'Jan Zeuge'], drawnBy: 'Dr. Clara Vogt' });

  const ok = verify(file);
  expect(ok.stderr).toBe('');
  expect(ok.status).toBe(0);
  expect(ok.stdout).toContain(expectedFingerprint);

  const tampered = testInfo.outputPath('tampered.json');
  writeFileSync(tampered, JSON.stringify({ ...protocol, entries: protocol.entries.map((ref, i) => (i === 2 ? '2027-99999' : ref)) }, null, 2));
  const refused = verify(tampered);
  expect(refused.status).toBe(1);
  expect(refused.stderr).toMatch(/fingerprint mismatch: the file says [0-9a-f]{64}, its entries give [0-9a-f]{64}/);

  // Follow-up: the first winner is notified, the second declines, the first reserve moves up.
  await page.getByRole('button', { name: `${ranking[0]} als benachrichtigt vermerken` }).click();
  await page.getByRole('button', { name: `Verzicht von ${ranking[1]} vermerken` }).click();
  await expect(winners.nth(1)).toContainText(`${ranking[2]}`);
  await expect(winners.nth(1)).toContainText('nachgerückt von Rang 3');
  await expect(page.getByRole('list', { name: 'Verlauf' }).getByRole('listitem')).toHaveCount(2);
});
