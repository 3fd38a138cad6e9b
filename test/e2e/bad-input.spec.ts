// Bad input at the dock: each gets a clear message on screen, the rejection look and sound, and the store
// is exactly as it was (every table compared before and after).
import { test, expect, putJob, signIn, scan, scanAndWait, shot, banner, dumpStore } from './dock.ts';

test('an unknown code with no package open is refused, says what it is not, and changes nothing', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-101', tracking: 'TRK-101', drives: ['WD-101'] });
  await signIn(page, station);
  const before = dumpStore(station);
  await scanAndWait(page, 'ZZ-NOBODY-KNOWS');
  await expect(banner(page)).toHaveAttribute('data-tone', 'rejected');
  await expect(banner(page)).toHaveAttribute('data-sound', 'rejected');
  await expect(banner(page)).toContainText('No job expects a package ZZ-NOBODY-KNOWS, and no drive has this serial');
  await expect(page.getByTestId('package')).toHaveCount(0);
  expect(dumpStore(station)).toEqual(before);
  await shot(page, 'bad-unknown-code');
});

test('a scan with odd characters is refused by the station with what is wrong, and changes nothing', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-102', tracking: 'TRK-102', drives: ['WD-102'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-102');
  const before = dumpStore(station);
  await scanAndWait(page, 'WD#102$');
  await expect(banner(page)).toHaveAttribute('data-tone', 'rejected');
  await expect(banner(page)).toContainText('only letters, digits and . _ / - are used');
  expect(dumpStore(station)).toEqual(before);
  await shot(page, 'bad-odd-characters');
});

test('a GS separator typed by the scanner survives into the scan and is refused by name', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-103', tracking: 'TRK-103', drives: ['WD-103'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-103');
  const before = dumpStore(station);
  // a GS1 barcode through a keyboard wedge: the group separator comes as Ctrl+]
  await scanAndWait(page, '0104012345\u001d21WD103');
  await expect(banner(page)).toHaveAttribute('data-tone', 'rejected');
  await expect(banner(page)).toContainText('GS separator (ASCII 29)');
  await expect(page.getByTestId('feedback-code')).toHaveText('0104012345<GS>21WD103');
  expect(dumpStore(station)).toEqual(before);
  await shot(page, 'bad-gs-separator');
  // a wedge that types GS as a bare character (keydown with no key, keypress 29): the same
  await page.waitForTimeout(1100);
  await scanAndWait(page, '0104012345\u001d21WD103', { gsAs: 'character' });
  await expect(page.getByTestId('feedback-code')).toHaveText('0104012345<GS>21WD103');
  await expect(banner(page)).toContainText('GS separator (ASCII 29)');
  expect(dumpStore(station)).toEqual(before);
});

test('a scan longer than any serial is refused, and changes nothing', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-104', tracking: 'TRK-104', drives: ['WD-104'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-104');
  const before = dumpStore(station);
  await scanAndWait(page, 'X'.repeat(70));
  await expect(banner(page)).toHaveAttribute('data-tone', 'rejected');
  await expect(banner(page)).toContainText('70 characters long');
  expect(dumpStore(station)).toEqual(before);
});

test('a drive scanned with no package open records nothing: its package is named and offered', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-105', tracking: 'TRK-105', drives: ['WD-105'] });
  await signIn(page, station);
  const before = dumpStore(station);
  await scanAndWait(page, 'WD-105');
  await expect(banner(page)).toHaveAttribute('data-tone', 'notice');
  await expect(banner(page)).toHaveAttribute('data-sound', 'notice');
  await expect(banner(page)).toContainText('No package is open');
  await expect(banner(page)).toContainText('expected in package TRK-105');
  expect(dumpStore(station)).toEqual(before);
  await shot(page, 'bad-drive-without-package');
});

test('a package scanned twice while open is refused, and changes nothing', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-106', tracking: 'TRK-106', drives: ['WD-106A', 'WD-106B'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-106');
  await scanAndWait(page, 'WD-106A');
  const before = dumpStore(station);
  await scanAndWait(page, 'TRK-106');
  await expect(banner(page)).toHaveAttribute('data-tone', 'rejected');
  await expect(banner(page)).toContainText('already open');
  await expect(page.getByTestId('count-contoso-106')).toHaveText('1 of 2 received');
  expect(dumpStore(station)).toEqual(before);
  await shot(page, 'bad-package-twice-open');
});

test('a package scanned again after it was closed is refused, naming when it was received, and changes nothing', async ({
  page,
  station,
}) => {
  await putJob(station, { name: 'contoso-107', tracking: 'TRK-107', drives: ['WD-107'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-107');
  await scanAndWait(page, 'WD-107');
  await page.keyboard.press('F8');
  await expect(page.getByTestId('close-dialog')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('closed-summary')).toBeVisible();
  const before = dumpStore(station);
  await scanAndWait(page, 'TRK-107');
  await expect(banner(page)).toHaveAttribute('data-tone', 'rejected');
  await expect(banner(page)).toContainText('was already received on 2026-11-02 by Amy Lin');
  await expect(page.getByTestId('package')).toHaveCount(0);
  expect(dumpStore(station)).toEqual(before);
  await shot(page, 'bad-package-twice-closed');
});

test('an unknown badge does not sign anyone in', async ({ page, station }) => {
  await page.goto(station.url);
  await expect(page.getByTestId('signin-screen')).toBeVisible();
  await scan(page, 'OP-9999');
  await expect(page.getByTestId('signin-error')).toContainText('not an operator of this station');
  await expect(page.getByTestId('signin-screen')).toBeVisible();
  await expect(page.getByTestId('operator')).toHaveCount(0);
  await shot(page, 'bad-unknown-badge');
});

test('an unknown command barcode is refused and changes nothing', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-108', tracking: 'TRK-108', drives: ['WD-108'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-108');
  const before = dumpStore(station);
  await scanAndWait(page, 'CMD:SELFDESTRUCT');
  await expect(banner(page)).toHaveAttribute('data-tone', 'rejected');
  await expect(banner(page)).toContainText('is not a command of this station');
  expect(dumpStore(station)).toEqual(before);
});

test("a scanner's double read of an unknown code with no box open opens no package: refused, with an explicit choice", async ({
  page,
  station,
}) => {
  await signIn(page, station);
  const before = dumpStore(station);
  await scan(page, 'TRK-STRAY-9');
  await scan(page, 'TRK-STRAY-9'); // the same read again, well within a second
  await expect(page.locator('[data-testid="recent"] li')).toHaveCount(3);
  await expect(banner(page)).toHaveAttribute('data-kind', 'duplicate');
  await expect(page.getByTestId('pending')).toHaveAttribute('data-pending', '0');
  await expect(page.getByTestId('package')).toHaveCount(0);
  expect(dumpStore(station)).toEqual(before);
  await page.waitForTimeout(1100);
  await scanAndWait(page, 'TRK-STRAY-9');
  await expect(banner(page)).toHaveAttribute('data-tone', 'rejected');
  await expect(banner(page)).toContainText('press F6');
  await expect(page.getByTestId('receive-held')).toBeVisible();
  await expect(page.getByTestId('package')).toHaveCount(0);
  expect(dumpStore(station)).toEqual(before);
  await shot(page, 'bad-unknown-double-read');
});

test('a scan while a question without a text field is on screen is refused out loud, and changes nothing', async ({
  page,
  station,
  clock,
}) => {
  await station.api.call('packages.receive', { operator: 'Amy Lin', trackingNumber: 'TRK-NOJOB-401' });
  await station.api.call('drives.scan', { operator: 'Amy Lin', serial: 'SN-401' });
  await station.api.call('packages.close', { operator: 'Amy Lin' });
  clock.advanceDays(91);
  await signIn(page, station);
  await page.keyboard.press('Alt+2');
  await page.locator('tr[data-kind="destructionDue"]').getByRole('button', { name: 'Record destruction' }).click();
  const dialog = page.getByTestId('dialog-destroy');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button').last().focus();
  const before = dumpStore(station);
  await scan(page, 'WD-SOMETHING');
  await expect(page.getByTestId('scan-refused')).toContainText('Answer the question on screen first');
  await expect(page.getByTestId('scan-refused')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-sound', 'rejected');
  expect(dumpStore(station)).toEqual(before);
  await shot(page, 'bad-scan-during-dialog');
});
