// The Receive screen, driven as the dock drives it: a scanner typing bursts (about 5 ms a character, then
// Enter) with no click anywhere. One rule per test, each a case of DOMAIN.md's exception table or of the
// receiving flow, each leaving a screenshot in test-results/screens to be looked at.
import { test, expect, putJob, signIn, scan, scanAndWait, shot, banner, driveRow, dumpStore, OPERATOR } from './dock.ts';

test('a package scanned shows its job and expected drives, and each drive scanned turns Received with "n of m received"', async ({
  page,
  station,
}) => {
  await putJob(station, { name: 'contoso-001', tracking: '1Z999AA10123456784', drives: ['WD-A1', 'WD-A2', 'WD-A3', 'WD-A4', 'WD-A5'] });
  await signIn(page, station);
  await scanAndWait(page, '1Z999AA10123456784');
  await expect(banner(page)).toHaveAttribute('data-kind', 'package');
  await expect(page.getByTestId('package')).toHaveAttribute('data-tracking', '1Z999AA10123456784');
  await expect(page.getByTestId('count-contoso-001')).toHaveText('0 of 5 received');
  for (const s of ['WD-A1', 'WD-A2', 'WD-A3']) {
    await scanAndWait(page, s);
    await expect(driveRow(page, s)).toHaveAttribute('data-state', 'Received');
  }
  await expect(banner(page)).toHaveAttribute('data-tone', 'accepted');
  await expect(banner(page)).toHaveAttribute('data-kind', 'received');
  await expect(page.getByTestId('count-contoso-001')).toHaveText('3 of 5 received');
  await expect(driveRow(page, 'WD-A4')).toHaveAttribute('data-state', 'Specified');
  await shot(page, 'receive-3-of-5');
  // the store agrees, and every custody record names the operator who signed in
  const pkg = await station.api.call('packages.get', { trackingNumber: '1Z999AA10123456784' });
  expect(pkg.jobs[0]!.receivedCount).toBe(3);
  const custody = await station.api.call('custody.list', { jobName: 'contoso-001' });
  const scans = custody.filter((c) => c.action === 'drive.scanned');
  expect(scans).toHaveLength(3);
  expect(new Set(scans.map((c) => c.operator))).toEqual(new Set([OPERATOR]));
});

test("a drive not on the job's list is an extra drive: it looks and sounds like one and is listed with the job", async ({
  page,
  station,
}) => {
  await putJob(station, { name: 'contoso-002', tracking: 'TRK-EXTRA', drives: ['WD-B1'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-EXTRA');
  await scanAndWait(page, 'SN-NOT-LISTED-9');
  // a serial on no list is asked first (a drive's label carries model and WWN barcodes too); F6 confirms it
  await expect(banner(page)).toHaveAttribute('data-kind', 'confirmExtra');
  await page.keyboard.press('F6');
  await expect(banner(page)).toHaveAttribute('data-kind', 'extra');
  await expect(banner(page)).toHaveAttribute('data-tone', 'warning');
  await expect(banner(page)).toHaveAttribute('data-sound', 'extra');
  await expect(page.locator('html')).toHaveAttribute('data-sound', 'extra');
  await expect(banner(page)).toContainText('EXTRA DRIVE');
  await expect(driveRow(page, 'SN-NOT-LISTED-9')).toHaveAttribute('data-role', 'extra');
  await shot(page, 'receive-extra-drive');
  const job = await station.api.call('jobs.get', { name: 'contoso-002' });
  expect(job.dock.extraDrives.map((d) => d.driveId)).toEqual(['SN-NOT-LISTED-9']);
});

test('a drive of another job in this package is received for its own job, and looks and sounds different', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-003', tracking: 'TRK-MINE', drives: ['WD-C1'] });
  await putJob(station, { name: 'fabrikam-003', tracking: 'TRK-THEIRS', drives: ['WD-F1', 'WD-F2'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-MINE');
  await scanAndWait(page, 'WD-F1');
  await expect(banner(page)).toHaveAttribute('data-kind', 'otherJob');
  await expect(banner(page)).toHaveAttribute('data-sound', 'otherJob');
  await expect(banner(page)).toContainText('fabrikam-003');
  await expect(driveRow(page, 'WD-F1')).toHaveAttribute('data-job', 'fabrikam-003');
  await shot(page, 'receive-other-job');
  const job = await station.api.call('jobs.get', { name: 'fabrikam-003' });
  expect(job.properties.driveList.find((d) => d.driveId === 'WD-F1')?.state).toBe('Received');
});

test('a drive already received is a notice of its own look and sound, and changes nothing', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-004', tracking: 'TRK-AGAIN', drives: ['WD-D1', 'WD-D2'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-AGAIN');
  await scanAndWait(page, 'WD-D1');
  await page.waitForTimeout(1100); // past the one-second double-read window
  const before = dumpStore(station);
  await scanAndWait(page, 'WD-D1');
  await expect(banner(page)).toHaveAttribute('data-kind', 'alreadyReceived');
  await expect(banner(page)).toHaveAttribute('data-tone', 'notice');
  await expect(banner(page)).toHaveAttribute('data-sound', 'notice');
  await expect(banner(page)).toContainText('ALREADY RECEIVED');
  expect(dumpStore(station)).toEqual(before);
  await shot(page, 'receive-already-received');
});

test('the same drive scanned twice within a second counts once, with a notice', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-005', tracking: 'TRK-DOUBLE', drives: ['WD-E1', 'WD-E2'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-DOUBLE');
  await scan(page, 'WD-E1');
  await scan(page, 'WD-E1');
  await expect(banner(page)).toHaveAttribute('data-kind', 'duplicate');
  await expect(banner(page)).toHaveAttribute('data-tone', 'notice');
  await expect(page.getByTestId('count-contoso-005')).toHaveText('1 of 2 received');
  const custody = await station.api.call('custody.list', { driveId: 'WD-E1' });
  expect(custody.filter((c) => c.action === 'drive.scanned')).toHaveLength(1);
  expect(custody.filter((c) => c.action.startsWith('drive.') && c.action !== 'drive.listed' && c.action !== 'drive.scanned')).toHaveLength(
    0,
  );
  await shot(page, 'receive-double-read');
});

test('drives arriving for a job still Creating are held, with their deadlines shown', async ({ page, station }) => {
  await putJob(station, { name: 'northwind-006', state: 'Creating', tracking: 'TRK-CREATING', drives: ['WD-G1', 'WD-G2'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-CREATING');
  await expect(banner(page)).toHaveAttribute('data-kind', 'packageHeld');
  await expect(page.getByTestId('package')).toHaveAttribute('data-held', 'true');
  await scanAndWait(page, 'WD-G1');
  await expect(banner(page)).toHaveAttribute('data-kind', 'held');
  await expect(banner(page)).toHaveAttribute('data-sound', 'held');
  await expect(banner(page)).toContainText('still Creating');
  await expect(driveRow(page, 'WD-G1')).toHaveAttribute('data-held', 'true');
  await expect(page.getByTestId('count-northwind-006')).toHaveText('1 of 2 arrived, held');
  // 2 November + 14 days: try to return; + 90 days: destroy
  await expect(page.getByTestId('held-deadlines')).toContainText('2026-11-16');
  await expect(page.getByTestId('held-deadlines')).toContainText('2027-01-31');
  await shot(page, 'receive-held-creating');
});

test('drives arriving for no job on record are held, after the person chooses to receive the unknown package (F6)', async ({
  page,
  station,
}) => {
  await signIn(page, station);
  const before = dumpStore(station);
  await scanAndWait(page, 'TRK-NOBODY');
  await expect(banner(page)).toHaveAttribute('data-tone', 'rejected');
  expect(dumpStore(station)).toEqual(before);
  // scanning it again later is refused again: only the explicit choice receives it
  await page.waitForTimeout(1100);
  await scanAndWait(page, 'TRK-NOBODY');
  await expect(banner(page)).toHaveAttribute('data-tone', 'rejected');
  await expect(page.getByTestId('package')).toHaveCount(0);
  expect(dumpStore(station)).toEqual(before);
  await expect(page.getByTestId('receive-held')).toContainText('Receive TRK-NOBODY as a package of no job');
  await page.keyboard.press('F6');
  await expect(banner(page)).toHaveAttribute('data-kind', 'packageHeld');
  await expect(page.getByTestId('held-box')).toContainText('No job on record');
  await scanAndWait(page, 'SN-ORPHAN-1');
  await expect(banner(page)).toHaveAttribute('data-kind', 'held');
  await expect(banner(page)).toContainText('belongs to no job');
  await expect(page.getByTestId('held-deadlines')).toContainText('SN-ORPHAN-1');
  await shot(page, 'receive-held-no-job');
});

test('drives marked NeverReceived when their package was 2 weeks late turn Received when it arrives after all', async ({
  page,
  station,
  clock,
}) => {
  await putJob(station, { name: 'contoso-007', tracking: 'TRK-LATE', drives: ['WD-H1', 'WD-H2'] });
  clock.advanceDays(15);
  await station.api.call('deadlines.sweep', { operator: OPERATOR });
  const late = await station.api.call('jobs.get', { name: 'contoso-007' });
  expect(late.properties.driveList.map((d) => d.state)).toEqual(['NeverReceived', 'NeverReceived']);
  await signIn(page, station);
  await scanAndWait(page, 'TRK-LATE');
  await expect(driveRow(page, 'WD-H1')).toHaveAttribute('data-state', 'NeverReceived');
  await scanAndWait(page, 'WD-H1');
  await expect(banner(page)).toHaveAttribute('data-kind', 'arrivedLater');
  await expect(banner(page)).toHaveAttribute('data-tone', 'accepted');
  await expect(driveRow(page, 'WD-H1')).toHaveAttribute('data-state', 'Received');
  await shot(page, 'receive-arrived-later');
});

test('a drive NeverReceived at close that comes later in another box arrives: Received for its own job', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-017', tracking: 'TRK-FIRST', drives: ['WD-Q1', 'WD-Q2'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-FIRST');
  await scanAndWait(page, 'WD-Q1');
  await page.keyboard.press('F8');
  await expect(page.getByTestId('never-received-list')).toContainText('WD-Q2');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('closed-summary')).toContainText('1 NeverReceived');
  // weeks later the missing drive comes in a box no job names: refused, then received as held by choice (F6)
  await scanAndWait(page, 'TRK-LATER');
  await page.keyboard.press('F6');
  await expect(banner(page)).toHaveAttribute('data-kind', 'packageHeld');
  await scanAndWait(page, 'WD-Q2');
  await expect(banner(page)).toHaveAttribute('data-kind', 'arrivedLater');
  await expect(banner(page)).toHaveAttribute('data-tone', 'accepted');
  const job = await station.api.call('jobs.get', { name: 'contoso-017' });
  expect(job.properties.driveList.find((d) => d.driveId === 'WD-Q2')?.state).toBe('Received');
  await shot(page, 'receive-never-received-comes-later');
});

test('closing a package lists the drives that will become NeverReceived before anything changes', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-008', tracking: 'TRK-CLOSE', drives: ['WD-I1', 'WD-I2', 'WD-I3'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-CLOSE');
  await scanAndWait(page, 'WD-I1');
  const before = dumpStore(station);
  await page.keyboard.press('F8');
  const dialog = page.getByTestId('close-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('never-received-list').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('never-received-list')).toContainText('WD-I2');
  await expect(page.getByTestId('never-received-list')).toContainText('WD-I3');
  await shot(page, 'receive-close-confirmation');
  expect(dumpStore(station)).toEqual(before); // asking changes nothing
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(dumpStore(station)).toEqual(before);
  await page.keyboard.press('F8');
  await page.getByTestId('confirm-close').click();
  await expect(page.getByTestId('closed-summary')).toContainText('1 received, 2 NeverReceived');
  const job = await station.api.call('jobs.get', { name: 'contoso-008' });
  expect(job.properties.state).toBe('Received');
  expect(
    job.properties.driveList
      .filter((d) => d.state === 'NeverReceived')
      .map((d) => d.driveId)
      .sort(),
  ).toEqual(['WD-I2', 'WD-I3']);
  await shot(page, 'receive-closed');
});

test('undo takes back the last scan, as a new custody record', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-009', tracking: 'TRK-UNDO', drives: ['WD-J1', 'WD-J2'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-UNDO');
  await scanAndWait(page, 'WD-J1');
  await expect(driveRow(page, 'WD-J1')).toHaveAttribute('data-state', 'Received');
  await page.keyboard.press('F4');
  await expect(banner(page)).toHaveAttribute('data-kind', 'undone');
  await expect(driveRow(page, 'WD-J1')).toHaveAttribute('data-state', 'Specified');
  await expect(page.getByTestId('count-contoso-009')).toHaveText('0 of 2 received');
  const custody = await station.api.call('custody.list', { driveId: 'WD-J1' });
  expect(custody.map((c) => c.action)).toContain('scan.undone');
  await shot(page, 'receive-undo');
});

test("a shared box shows every job, and a drive on no list asks which job's label it carries", async ({ page, station }) => {
  await putJob(station, { name: 'tailspin-010a', tracking: 'BOX10-1', drives: ['WD-K1'] });
  await putJob(station, { name: 'tailspin-010b', tracking: 'BOX10-2', drives: ['WD-K2'] });
  await signIn(page, station);
  await scanAndWait(page, 'BOX10');
  await expect(page.locator('[data-testid="package"] article[data-job]')).toHaveCount(2);
  await expect(page.getByTestId('count-total')).toHaveText('0 of 2 received');
  await scan(page, 'WD-LOOSE');
  await expect(page.getByTestId('choose-job-dialog')).toBeVisible();
  await shot(page, 'receive-shared-box-choose-job');
  await page.keyboard.press('2');
  await expect(driveRow(page, 'WD-LOOSE')).toHaveAttribute('data-job', 'tailspin-010b');
  await expect(banner(page)).toHaveAttribute('data-kind', 'extra');
});

// ---- what the user test found ------------------------------------------------------------------------

test('undo right after a box was opened by mistake puts the box back: no package on screen, "scan a package" again', async ({
  page,
  station,
}) => {
  await putJob(station, { name: 'contoso-301', tracking: 'TRK-301', drives: ['WD-301'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-301');
  await expect(page.getByTestId('package')).toHaveCount(1);
  await page.keyboard.press('F4');
  await expect(banner(page)).toHaveAttribute('data-kind', 'undone');
  await expect(banner(page)).toContainText('Package TRK-301 put back');
  await expect(page.getByTestId('package')).toHaveCount(0);
  await expect(page.getByTestId('prompt')).toHaveText(/Scan a package tracking number/);
  await shot(page, 'receive-undo-empty-box');
  // undo again: refused, naming the box it was about
  await page.keyboard.press('F4');
  await expect(banner(page)).toHaveAttribute('data-tone', 'rejected');
  await expect(banner(page)).toContainText('TRK-301');
  // the box can be received again for real
  await scanAndWait(page, 'TRK-301');
  await expect(banner(page)).toHaveAttribute('data-kind', 'package');
});

/** A shared box of n drives: jobs of 10 drives each (an import job lists at most 10), tracking `${tracking}-k`. */
async function longJob(station: Parameters<typeof putJob>[0], name: string, tracking: string, n: number): Promise<string[]> {
  const drives = Array.from({ length: n }, (_, i) => `WD-WCC4N88${String(i).padStart(2, '0')}/070`);
  for (let k = 0; k * 10 < n; k++)
    await putJob(station, { name: `${name}-${k + 1}`, tracking: `${tracking}-${k + 1}`, drives: drives.slice(k * 10, k * 10 + 10) });
  return drives;
}

for (const size of [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
]) {
  test(`at ${size.width}×${size.height} the header and the result banner stay in view while the drive list scrolls to the drive scanned`, async ({
    page,
    station,
  }) => {
    await page.setViewportSize(size);
    const drives = await longJob(station, 'contoso-302', 'TRK-302', 40);
    await signIn(page, station);
    await scanAndWait(page, 'TRK-302');
    const last = drives[drives.length - 1]!;
    await scanAndWait(page, last);
    await expect(driveRow(page, last)).toHaveAttribute('data-state', 'Received');
    await expect(driveRow(page, last)).toBeInViewport();
    const headerBox = (await page.locator('.app-header').boundingBox())!;
    const bannerBox = (await banner(page).boundingBox())!;
    expect(headerBox.y).toBeGreaterThanOrEqual(0);
    expect(bannerBox.y).toBeGreaterThanOrEqual(headerBox.y + headerBox.height - 1);
    expect(bannerBox.y + bannerBox.height).toBeLessThanOrEqual(size.height);
    // an extra drive shows where it went, in view, above the expected list
    await scan(page, 'SN-EXTRA-302'); // a shared box: which job's label it carries is asked
    await expect(page.getByTestId('choose-job-dialog')).toBeVisible();
    await page.keyboard.press('4');
    await expect(banner(page)).toHaveAttribute('data-kind', 'extra');
    await expect(driveRow(page, 'SN-EXTRA-302')).toBeInViewport();
    await expect(driveRow(page, 'SN-EXTRA-302')).toContainText('EXTRA DRIVE');
    await expect(page.getByTestId('pkg-others').getByRole('heading', { name: 'Extra drives' })).toBeInViewport();
    await expect(banner(page)).toBeInViewport();
    // serials are never broken across lines: one line each
    const row = driveRow(page, last).locator('.drive-serial');
    const lh = await row.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.4);
    expect((await row.boundingBox())!.height).toBeLessThan(lh * 1.6);
    await shot(page, `receive-layout-${size.width}`);
    // after a close the header is still there
    await page.keyboard.press('F8');
    await page.getByTestId('confirm-close').click();
    await expect(page.getByTestId('closed-summary')).toBeVisible();
    await expect(page.locator('.app-header')).toBeInViewport();
    await expect(banner(page)).toBeInViewport();
    await shot(page, `receive-closed-${size.width}`);
  });
}

test('closing a held box says what is true: nothing becomes NeverReceived, n of m arrived and are held', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-303', state: 'Creating', tracking: 'TRK-303', drives: ['WD-303A', 'WD-303B', 'WD-303C'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-303');
  await scanAndWait(page, 'WD-303A');
  await expect(driveRow(page, 'WD-303A')).toContainText('Arrived · held');
  await page.keyboard.press('F8');
  const dialog = page.getByTestId('close-dialog');
  await expect(dialog).toContainText('Nothing becomes NeverReceived: 1 of 3 expected drives arrived and are held');
  await expect(dialog).not.toContainText('Every expected drive was scanned');
  await expect(dialog).toContainText('Scan CLOSE PACKAGE again');
  await shot(page, 'receive-close-held-dialog');
  await page.keyboard.press('Escape');
  await page.keyboard.press('F9');
  await expect(dialog).toContainText('Scan NEXT PACKAGE again');
});

test('a close that made drives NeverReceived looks and sounds like a warning, and lists them until the next box', async ({
  page,
  station,
}) => {
  await putJob(station, { name: 'contoso-304', tracking: 'TRK-304', drives: ['WD-304A', 'WD-304B'] });
  await putJob(station, { name: 'contoso-305', tracking: 'TRK-305', drives: ['WD-305A'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-304');
  await scanAndWait(page, 'WD-304A');
  await page.keyboard.press('F9');
  await page.getByTestId('confirm-close').click();
  await expect(banner(page)).toHaveAttribute('data-tone', 'warning');
  await expect(banner(page)).toHaveAttribute('data-sound', 'extra');
  await expect(banner(page)).toContainText('CLOSED: DRIVES MISSING');
  await expect(banner(page)).toContainText(/WD.304B/);
  await expect(page.getByTestId('closed-never-list')).toContainText('WD-304B');
  await shot(page, 'receive-closed-never');
  // NEXT again keeps it on screen; the next box clears it
  await page.keyboard.press('F9');
  await expect(page.getByTestId('closed-never-list')).toContainText('WD-304B');
  await scanAndWait(page, 'TRK-305');
  await expect(page.getByTestId('closed-summary')).toHaveCount(0);
  // a clean close is the accepted look
  await scanAndWait(page, 'WD-305A');
  await page.keyboard.press('F8');
  await page.getByTestId('confirm-close').click();
  await expect(banner(page)).toHaveAttribute('data-tone', 'accepted');
  await expect(banner(page)).toContainText('Every expected drive was received');
});

test('signing out with a box open leaves the box open under its opener, and says so', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-306', tracking: 'TRK-306', drives: ['WD-306'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-306');
  await scan(page, 'CMD:SIGNOUT');
  await expect(page.getByTestId('signin-screen')).toBeVisible();
  await expect(page.getByTestId('signin-screen')).toContainText(`Package TRK-306 is open, opened by ${OPERATOR}`);
  const open = await station.api.call('packages.current', {});
  expect(open).toMatchObject({ trackingNumber: 'TRK-306', state: 'open', openedBy: OPERATOR });
});

test('the recent list keeps 30 scans and more, and tells "scanned twice" from "already received"', async ({ page, station }) => {
  const drives = Array.from({ length: 32 }, (_, i) => `WD-R${i}`);
  for (let k = 0; k < 4; k++)
    await putJob(station, { name: `contoso-307-${k + 1}`, tracking: `TRK-307-${k + 1}`, drives: drives.slice(k * 8, k * 8 + 8) });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-307');
  for (const d of drives) await scanAndWait(page, d);
  await expect(page.locator('[data-testid="recent"] li')).toHaveCount(34);
  await scan(page, 'WD-R31'); // within a second of the last: a double read
  await expect(page.locator('[data-testid="recent"] li').first()).toHaveAttribute('data-kind', 'duplicate');
  await page.waitForTimeout(1100);
  await scanAndWait(page, 'WD-R31');
  await expect(page.locator('[data-testid="recent"] li').first()).toHaveAttribute('data-kind', 'alreadyReceived');
  const looks = await page
    .locator('[data-testid="recent"] li')
    .evaluateAll((els) => els.slice(0, 2).map((el) => getComputedStyle(el).backgroundColor + getComputedStyle(el).borderLeftStyle));
  expect(looks[0]).not.toBe(looks[1]);
});
