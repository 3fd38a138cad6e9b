// The Receive screen, driven as the dock drives it: a scanner typing bursts (about 5 ms a character, then
// Enter) with no click anywhere. One rule per test, each a case of DOMAIN.md's exception table or of the
// receiving flow, each leaving a screenshot in test-results/screens to be looked at.
import { test, expect, putJob, signIn, scan, scanAndWait, shot, banner, driveRow, dumpStore, OPERATOR } from './dock.ts';

test('a package scanned shows its job and expected drives, and each drive scanned turns Received with "n of m received"', async ({ page, station }) => {
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

test('a drive not on the job\'s list is an extra drive: it looks and sounds like one and is listed with the job', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-002', tracking: 'TRK-EXTRA', drives: ['WD-B1'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-EXTRA');
  await scanAndWait(page, 'SN-NOT-LISTED-9');
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
  expect(custody.filter((c) => c.action.startsWith('drive.') && c.action !== 'drive.listed' && c.action !== 'drive.scanned')).toHaveLength(0);
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

test('drives arriving for no job on record are held, after the unknown package is confirmed', async ({ page, station }) => {
  await signIn(page, station);
  const before = dumpStore(station);
  await scanAndWait(page, 'TRK-NOBODY');
  await expect(banner(page)).toHaveAttribute('data-tone', 'rejected');
  expect(dumpStore(station)).toEqual(before);
  await page.waitForTimeout(1100);
  await scanAndWait(page, 'TRK-NOBODY');
  await expect(banner(page)).toHaveAttribute('data-kind', 'packageHeld');
  await expect(page.getByTestId('held-box')).toContainText('No job on record');
  await scanAndWait(page, 'SN-ORPHAN-1');
  await expect(banner(page)).toHaveAttribute('data-kind', 'held');
  await expect(banner(page)).toContainText('belongs to no job');
  await expect(page.getByTestId('held-deadlines')).toContainText('SN-ORPHAN-1');
  await shot(page, 'receive-held-no-job');
});

test('drives marked NeverReceived when their package was 2 weeks late turn Received when it arrives after all', async ({ page, station, clock }) => {
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
  // weeks later the missing drive comes in a box no job names: confirmed, then held
  await scanAndWait(page, 'TRK-LATER');
  await page.waitForTimeout(1100);
  await scanAndWait(page, 'TRK-LATER');
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
  expect(job.properties.driveList.filter((d) => d.state === 'NeverReceived').map((d) => d.driveId).sort()).toEqual(['WD-I2', 'WD-I3']);
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

test('a shared box shows every job, and a drive on no list asks which job\'s label it carries', async ({ page, station }) => {
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
