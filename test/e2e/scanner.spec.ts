// The scanner and the keyboard: a keyboard-wedge scanner works without a click, its Enter never presses a
// button or submits a form, a person typing is not a scanner, no scan is lost at 20 a second, command
// barcodes drive the flow, focus comes back after dialogs, and everything works by keyboard alone.
import { join } from 'node:path';
import { test, expect, putJob, signIn, scan, scanAndWait, shot, banner, driveRow, dumpStore, SCREENS_DIR, OPERATOR } from './dock.ts';
import { decodeBarcodes } from '../decode-barcodes.ts';

const activeId = (page: import('@playwright/test').Page) =>
  page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute('data-testid') || document.activeElement?.tagName);

test('a scan needs no click, and its Enter does not press the button that has focus', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-201', tracking: 'TRK-201', drives: ['WD-201A', 'WD-201B'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-201');
  await page.getByTestId('close-package').focus();
  await scanAndWait(page, 'WD-201A');
  await expect(driveRow(page, 'WD-201A')).toHaveAttribute('data-state', 'Received');
  await expect(page.getByTestId('close-dialog')).toHaveCount(0);
  await expect(page.getByTestId('close-package')).toBeFocused();
});

test('a scan while a person is typing in the damaged-label field does not submit that field, and the field keeps what was typed', async ({
  page,
  station,
}) => {
  await putJob(station, { name: 'contoso-202', tracking: 'TRK-202', drives: ['WD-202A', 'WD-202B'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-202');
  await page.keyboard.press('F2');
  await expect(page.locator('#manual-code')).toBeFocused();
  await page.keyboard.type('WD-2', { delay: 150 }); // a person, half way through typing a serial
  const id = await banner(page).getAttribute('data-feedback-id');
  await scan(page, 'WD-202B'); // and the scanner fires
  await expect(banner(page)).not.toHaveAttribute('data-feedback-id', id ?? '');
  await expect(driveRow(page, 'WD-202B')).toHaveAttribute('data-state', 'Received');
  await expect(page.locator('#manual-code')).toHaveValue('WD-2');
  await expect(driveRow(page, 'WD-202A')).toHaveAttribute('data-state', 'Specified');
  await shot(page, 'scanner-burst-into-field');
  // the person finishes typing and presses Enter: that is manual entry, and it counts
  await page.keyboard.type('02A', { delay: 150 });
  await page.keyboard.press('Enter');
  await expect(driveRow(page, 'WD-202A')).toHaveAttribute('data-state', 'Received');
  await expect(page.locator('#manual-code')).toHaveValue('');
});

test("a scan into a dialog's field fills the field and never submits the dialog's form", async ({ page, station, clock }) => {
  await station.api.call('packages.receive', { operator: OPERATOR, trackingNumber: 'TRK-NOJOB-212' });
  await station.api.call('drives.scan', { operator: OPERATOR, serial: 'SN-212' });
  await station.api.call('packages.close', { operator: OPERATOR });
  clock.advanceDays(91);
  await signIn(page, station);
  await page.keyboard.press('Alt+2');
  await page.locator('tr[data-kind="destructionDue"]').getByRole('button', { name: 'Record destruction' }).click();
  await page.locator('#f-method').fill('Shredded');
  await page.locator('#f-witness').focus();
  const before = dumpStore(station);
  await scan(page, 'OP-0002'); // the witness scans their badge into the field
  await expect(page.locator('#f-witness')).toHaveValue('OP-0002');
  await page.waitForTimeout(300);
  await expect(page.getByTestId('dialog-destroy')).toBeVisible();
  expect(dumpStore(station)).toEqual(before);
  await shot(page, 'scanner-scan-into-dialog-field');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('dialog-destroy')).toHaveCount(0);
  await expect(page.locator('tr[data-kind="destructionDue"]').getByRole('button', { name: 'Record destruction' })).toBeFocused();
});

test('a person typing on the Receive screen is not a scanner', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-203', tracking: 'TRK-203', drives: ['WD-203'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-203');
  const id = await banner(page).getAttribute('data-feedback-id');
  await page.locator('main').focus();
  await page.keyboard.type('WD-203', { delay: 160 });
  await page.keyboard.press('Enter');
  await page.waitForTimeout(400);
  await expect(banner(page)).toHaveAttribute('data-feedback-id', id ?? '');
  await expect(driveRow(page, 'WD-203')).toHaveAttribute('data-state', 'Specified');
});

test('Tab ends a scan as Enter does, and focus stays where it was', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-204', tracking: 'TRK-204', drives: ['WD-204'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-204');
  await page.getByTestId('undo-scan').focus();
  await scan(page, 'WD-204', { end: 'Tab' });
  await expect(driveRow(page, 'WD-204')).toHaveAttribute('data-state', 'Received');
  await expect(page.getByTestId('undo-scan')).toBeFocused();
});

test('a damaged label is typed by hand in the field, and counts as a scan', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-205', tracking: 'TRK-205', drives: ['WD-205'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-205');
  await page.keyboard.press('F2');
  await page.keyboard.type('wd-205', { delay: 120 });
  await page.keyboard.press('Enter');
  await expect(driveRow(page, 'WD-205')).toHaveAttribute('data-state', 'Received');
  await expect(banner(page)).toHaveAttribute('data-kind', 'received');
  await shot(page, 'scanner-manual-entry');
});

test('no scan is lost at 20 scans a second: every drive Received, in the order scanned', async ({ page, station }) => {
  const serials: string[] = [];
  for (const j of ['a', 'b']) {
    const drives = Array.from({ length: 10 }, (_, i) => `FAST${j.toUpperCase()}${i}X`);
    serials.push(...drives);
    await putJob(station, { name: `fast-${j}`, tracking: `FASTBOX-${j === 'a' ? 1 : 2}`, drives });
  }
  await signIn(page, station);
  await scanAndWait(page, 'FASTBOX');
  const t0 = Date.now();
  for (const [i, s] of serials.entries()) {
    const wait = t0 + i * 50 - Date.now();
    if (wait > 0) await page.waitForTimeout(wait);
    void scan(page, s); // not awaited: a scanner does not wait for the screen
  }
  for (const s of serials) await expect(driveRow(page, s)).toHaveAttribute('data-state', 'Received', { timeout: 15_000 });
  await expect(page.getByTestId('count-total')).toHaveText('20 of 20 received');
  const custody = [
    ...(await station.api.call('custody.list', { jobName: 'fast-a', limit: 100 })),
    ...(await station.api.call('custody.list', { jobName: 'fast-b', limit: 100 })),
  ]
    .filter((c) => c.action === 'drive.scanned')
    .sort((a, b) => a.seq - b.seq);
  expect(custody.map((c) => c.driveId)).toEqual(serials);
  await shot(page, 'scanner-20-per-second');
});

test('focus comes back where it was after every dialog', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-207', tracking: 'TRK-207', drives: ['WD-207'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-207');
  await page.getByTestId('close-package').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('close-dialog')).toBeVisible();
  await expect(page.getByTestId('confirm-close')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('close-dialog')).toHaveCount(0);
  await expect(page.getByTestId('close-package')).toBeFocused();
  // closed by its command barcode: the button it came from is disabled now, focus goes to the screen
  await scan(page, 'CMD:CLOSE');
  await expect(page.getByTestId('close-dialog')).toBeVisible();
  await scan(page, 'CMD:CLOSE');
  await expect(page.getByTestId('closed-summary')).toBeVisible();
  await expect(page.getByTestId('close-dialog')).toHaveCount(0);
  expect(['close-package', 'main']).toContain(await activeId(page));
  // a scan right after the dialog still lands
  await scanAndWait(page, 'TRK-207');
  await expect(banner(page)).toContainText('already received');
});

test('command barcodes drive the whole flow: close (asked, then confirmed), undo, next package, sign out', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-208', tracking: 'TRK-208', drives: ['WD-208A', 'WD-208B'] });
  await putJob(station, { name: 'contoso-209', tracking: 'TRK-209', drives: ['WD-209'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-208');
  await scanAndWait(page, 'WD-208A');
  await scanAndWait(page, 'WD-208B');
  await scanAndWait(page, 'CMD:UNDO');
  await expect(driveRow(page, 'WD-208B')).toHaveAttribute('data-state', 'Specified');
  await scanAndWait(page, 'WD-208B');
  await scan(page, 'CMD:CLOSE');
  await expect(page.getByTestId('close-dialog')).toBeVisible();
  await expect(page.getByTestId('close-dialog')).toContainText('Every expected drive was scanned');
  await shot(page, 'scanner-command-close-asked');
  await scan(page, 'CMD:CLOSE');
  await expect(page.getByTestId('closed-summary')).toContainText('2 received, 0 NeverReceived');
  await scanAndWait(page, 'TRK-209');
  await scanAndWait(page, 'WD-209');
  await scan(page, 'CMD:NEXT');
  await expect(page.getByTestId('close-dialog')).toBeVisible();
  await scan(page, 'CMD:NEXT');
  await expect(page.getByTestId('package')).toHaveCount(0);
  await expect(page.getByTestId('prompt')).toHaveText(/Scan a package tracking number/);
  expect((await station.api.call('jobs.get', { name: 'contoso-209' })).properties.state).toBe('Received');
  await scan(page, 'CMD:SIGNOUT');
  await expect(page.getByTestId('signin-screen')).toBeVisible();
  // every change of the flow was recorded with the operator who scanned
  const custody = await station.api.call('custody.list', { jobName: 'contoso-208' });
  expect(
    custody
      .filter((c) => c.action !== 'job.created' && c.action !== 'drive.listed' && c.action !== 'job.customerShipped')
      .every((c) => c.operator === OPERATOR),
  ).toBe(true);
});

test('the command sheet prints barcodes that decode to the commands', async ({ page, station }) => {
  await signIn(page, station);
  await page.keyboard.press('Alt+6');
  await expect(page.getByTestId('command-sheet')).toBeVisible();
  await expect(page.locator('.barcode svg')).toHaveCount(4);
  const codes: string[] = [];
  for (const card of await page.locator('.command-card').all()) {
    const file = join(SCREENS_DIR, `command-${codes.length}.png`);
    await card.locator('.barcode').screenshot({ path: file });
    codes.push(decodeBarcodes(file).join('\n'));
  }
  expect(codes).toEqual(['CODE-128:CMD:CLOSE', 'CODE-128:CMD:UNDO', 'CODE-128:CMD:NEXT', 'CODE-128:CMD:SIGNOUT']);
  await shot(page, 'command-sheet');
});

test('the whole flow works by keyboard alone', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-210', tracking: 'TRK-210', drives: ['WD-210'] });
  await page.goto(station.url);
  await expect(page.getByTestId('signin-screen')).toBeVisible();
  // sign in by picking a name with Tab and Enter
  for (
    let i = 0;
    i < 12 &&
    !(await page.evaluate(() => document.activeElement?.tagName === 'BUTTON' && document.activeElement.textContent?.includes('Amy Lin')));
    i++
  )
    await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('operator')).toContainText('Amy Lin');
  await scanAndWait(page, 'TRK-210');
  await scanAndWait(page, 'WD-210');
  await page.keyboard.press('F8');
  await expect(page.getByTestId('close-dialog')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('closed-summary')).toBeVisible();
  await page.keyboard.press('Alt+3');
  await expect(page.getByTestId('jobs-screen')).toBeVisible();
  await expect(page.locator('#job-search')).toBeFocused();
  // typed by a person, at a person's pace: keys sent as fast as a loaded machine passes them could read as a scan
  await page.keyboard.type('contoso-210', { delay: 150 });
  await page.keyboard.press('Enter');
  await expect(page.locator('tr[data-job="contoso-210"]')).toBeVisible();
  // Tab on to the job's own button (past the search button and the rows' choose boxes)
  const onJob = () =>
    page.evaluate(() => document.activeElement?.tagName === 'BUTTON' && document.activeElement.textContent === 'contoso-210');
  for (let i = 0; i < 10 && !(await onJob()); i++) await page.keyboard.press('Tab');
  expect(await onJob()).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('job-page')).toBeVisible();
  await expect(page.getByTestId('job-state')).toHaveText('Received');
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('receive-screen')).toBeVisible();
});

test('every control on every screen has an accessible name', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-211', tracking: 'TRK-211', drives: ['WD-211'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-211');
  for (const [key, testid] of [
    ['1', 'receive-screen'],
    ['2', 'exceptions-screen'],
    ['3', 'jobs-screen'],
    ['4', 'copy-screen'],
    ['5', 'packaging-screen'],
    ['6', 'command-sheet'],
  ] as const) {
    await page.keyboard.press(`Alt+${key}`);
    await expect(page.getByTestId(testid)).toBeVisible();
    const controls = page.locator(
      'button:visible, input:visible, select:visible, a[href]:visible, [role="progressbar"]:visible, [role="img"]:visible',
    );
    const n = await controls.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) await expect(controls.nth(i)).toHaveAccessibleName(/\S/);
  }
});
