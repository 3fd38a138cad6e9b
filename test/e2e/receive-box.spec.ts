// A shift at the Receive screen, box after box, hands on the scanner: the next box's scan closes the open one,
// a serial on no list waits for its second scan, any line is taken back, a drive in the wrong box is moved,
// what needs a look stays listed until the box closes, and signing out leaves the box open. Scanner bursts
// and keys only; every refusal is checked against the store before and after.
import { test, expect, putJob, signIn, scan, scanAndWait, shot, banner, driveRow, dumpStore, OPERATOR } from './dock.ts';
import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { DEMO_SUPERVISOR_PIN } from '../../electron/api/settings-schema.ts';

const pastDoubleRead = (page: Page) => page.waitForTimeout(1100); // the scanner's one-second double-read window

test('the next box scanned at 5 of 5 closes the open box and opens the next; the drives after it land in the new box', async ({
  page,
  station,
}) => {
  await putJob(station, { name: 'box-a', tracking: 'TRK-BOX-A', drives: ['WD-A1', 'WD-A2'] });
  await putJob(station, { name: 'box-b', tracking: 'TRK-BOX-B', drives: ['WD-B1', 'WD-B2'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-BOX-A');
  await scanAndWait(page, 'WD-A1');
  await scanAndWait(page, 'WD-A2');
  await scanAndWait(page, 'TRK-BOX-B');
  await expect(page.getByTestId('close-dialog')).toHaveCount(0); // nothing becomes NeverReceived: no question
  await expect(page.getByTestId('package')).toHaveAttribute('data-tracking', 'TRK-BOX-B');
  await expect(banner(page)).toContainText('Package TRK-BOX-A closed');
  await scanAndWait(page, 'WD-B1');
  await expect(driveRow(page, 'WD-B1')).toHaveAttribute('data-state', 'Received');
  const a = await station.api.call('packages.get', { trackingNumber: 'TRK-BOX-A' });
  expect(a.state).toBe('closed');
  const b = await station.api.call('packages.get', { trackingNumber: 'TRK-BOX-B' });
  expect(b.scanned.map((d) => d.driveId)).toEqual(['WD-B1']);
  await shot(page, 'receive-next-box-one-scan');
});

test('closing by the next box asks only when drives would become NeverReceived; the same scan again confirms', async ({
  page,
  station,
}) => {
  await putJob(station, { name: 'box-c', tracking: 'TRK-BOX-C', drives: ['WD-C1', 'WD-C2', 'WD-C3'] });
  await putJob(station, { name: 'box-d', tracking: 'TRK-BOX-D', drives: ['WD-D1'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-BOX-C');
  await scanAndWait(page, 'WD-C1');
  const before = dumpStore(station);
  await scan(page, 'TRK-BOX-D');
  const dialog = page.getByTestId('close-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Close package TRK-BOX-C and open TRK-BOX-D?');
  await expect(page.getByTestId('never-received-list')).toContainText('WD-C2');
  await expect(page.getByTestId('never-received-list')).toContainText('WD-C3');
  expect(dumpStore(station)).toEqual(before); // asked, nothing changed yet
  await shot(page, 'receive-next-box-confirm');
  await pastDoubleRead(page);
  await scanAndWait(page, 'TRK-BOX-D');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('package')).toHaveAttribute('data-tracking', 'TRK-BOX-D');
  const c = await station.api.call('jobs.get', { name: 'box-c' });
  expect(c.properties.driveList.filter((d) => d.state === 'NeverReceived').map((d) => d.driveId)).toEqual(['WD-C2', 'WD-C3']);
});

test('the next-box question is answered by Enter, F8, F9 or CLOSE PACKAGE, and a double read of the tracking number is no answer', async ({
  page,
  station,
}) => {
  for (const n of ['1', '2', '3', '4', '5'])
    await putJob(station, { name: `keys-${n}`, tracking: `TRK-KEYS-${n}`, drives: [`WD-K${n}A`, `WD-K${n}B`] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-KEYS-1');
  const dialog = page.getByTestId('close-dialog');
  const answers: [string, () => Promise<void>][] = [
    ['Enter', () => page.keyboard.press('Enter')],
    ['F8', () => page.keyboard.press('F8')],
    ['F9', () => page.keyboard.press('F9')],
    ['CMD:CLOSE', () => scan(page, 'CMD:CLOSE')],
  ];
  let n = 2;
  for (const [how, press] of answers) {
    await scan(page, `TRK-KEYS-${n}`);
    await scan(page, `TRK-KEYS-${n}`); // the scanner read it twice: still asking
    await expect(dialog).toBeVisible();
    await press();
    await expect(dialog, how).toHaveCount(0);
    await expect(page.getByTestId('package'), how).toHaveAttribute('data-tracking', `TRK-KEYS-${n}`);
    n++;
  }
});

test('scans made while the next-box question is on screen wait for the answer and land in the box open after it', async ({
  page,
  station,
}) => {
  await putJob(station, { name: 'wait-a', tracking: 'TRK-WAIT-A', drives: ['WD-WA1', 'WD-WA2'] });
  await putJob(station, { name: 'wait-b', tracking: 'TRK-WAIT-B', drives: ['WD-WB1', 'WD-WB2'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-WAIT-A');
  await scan(page, 'TRK-WAIT-B');
  await expect(page.getByTestId('close-dialog')).toBeVisible();
  await scan(page, 'WD-WB1');
  await scan(page, 'WD-WB2');
  await expect(page.getByTestId('close-waiting')).toHaveAttribute('data-waiting', '2');
  await shot(page, 'receive-next-box-waiting');
  await page.keyboard.press('F9');
  await expect(page.getByTestId('pending')).toHaveAttribute('data-pending', '0');
  await expect(driveRow(page, 'WD-WB2')).toHaveAttribute('data-state', 'Received');
  const b = await station.api.call('packages.get', { trackingNumber: 'TRK-WAIT-B' });
  expect(b.scanned.map((d) => d.driveId).sort()).toEqual(['WD-WB1', 'WD-WB2']);
  const a = await station.api.call('packages.get', { trackingNumber: 'TRK-WAIT-A' });
  expect(a.scanned).toEqual([]);
});

test('Escape keeps the open box: the next box is not received, and the scans that waited go into the open box', async ({
  page,
  station,
}) => {
  await putJob(station, { name: 'keep-a', tracking: 'TRK-KEEP-A', drives: ['WD-KA1', 'WD-KA2'] });
  await putJob(station, { name: 'keep-b', tracking: 'TRK-KEEP-B', drives: ['WD-KB1'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-KEEP-A');
  await scan(page, 'TRK-KEEP-B');
  await expect(page.getByTestId('close-dialog')).toBeVisible();
  await scan(page, 'WD-KA2');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('pending')).toHaveAttribute('data-pending', '0');
  await expect(page.getByTestId('package')).toHaveAttribute('data-tracking', 'TRK-KEEP-A');
  await expect(driveRow(page, 'WD-KA2')).toHaveAttribute('data-state', 'Received');
  await expect(station.api.call('packages.get', { trackingNumber: 'TRK-KEEP-B' })).rejects.toMatchObject({ code: 'PACKAGE_UNKNOWN' });
});

test('a serial on no list is asked before it becomes an extra drive: the same code scanned again records it', async ({ page, station }) => {
  await putJob(station, { name: 'unl-1', tracking: 'TRK-UNL-1', drives: ['WD-U1'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-UNL-1');
  const before = dumpStore(station);
  await scanAndWait(page, 'WWN-5000C500A1B2');
  await expect(banner(page)).toHaveAttribute('data-kind', 'confirmExtra');
  await expect(banner(page)).toContainText('scan it again');
  expect(dumpStore(station)).toEqual(before);
  await shot(page, 'receive-unlisted-asked');
  await scan(page, 'WWN-5000C500A1B2'); // a double read does not confirm
  await expect(banner(page)).toHaveAttribute('data-kind', 'duplicate');
  expect(dumpStore(station)).toEqual(before);
  await pastDoubleRead(page);
  await scanAndWait(page, 'WWN-5000C500A1B2');
  await expect(banner(page)).toHaveAttribute('data-kind', 'extra');
  await expect(driveRow(page, 'WWN-5000C500A1B2')).toHaveAttribute('data-role', 'extra');
});

test('F6 confirms the serial on no list as an extra drive', async ({ page, station }) => {
  await putJob(station, { name: 'unl-2', tracking: 'TRK-UNL-2', drives: ['WD-U2'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-UNL-2');
  await scanAndWait(page, 'SN-EXTRA-F6');
  await expect(page.getByTestId('offer-confirmExtra')).toBeVisible();
  await page.keyboard.press('F6');
  await expect(banner(page)).toHaveAttribute('data-kind', 'extra');
  const job = await station.api.call('jobs.get', { name: 'unl-2' });
  expect(job.dock.extraDrives.map((d) => d.driveId)).toEqual(['SN-EXTRA-F6']);
});

test('a different code scanned instead drops the serial waiting, and says so until the box closes', async ({ page, station }) => {
  await putJob(station, { name: 'unl-3', tracking: 'TRK-UNL-3', drives: ['WD-U3A', 'WD-U3B'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-UNL-3');
  await scanAndWait(page, 'MODEL-WD40EFRX');
  await scanAndWait(page, 'WD-U3A');
  await expect(page.getByTestId('box-notes').locator('[data-kind="dropped"]')).toContainText('MODEL-WD40EFRX was not recorded');
  await scanAndWait(page, 'WD-U3B');
  await expect(page.getByTestId('box-notes').locator('[data-kind="dropped"]')).toBeVisible();
  await pastDoubleRead(page);
  await scanAndWait(page, 'MODEL-WD40EFRX'); // asked again, not recorded by the earlier scan
  await expect(banner(page)).toHaveAttribute('data-kind', 'confirmExtra');
  const job = await station.api.call('jobs.get', { name: 'unl-3' });
  expect(job.dock.extraDrives).toEqual([]);
});

test('any line of the open box is taken back from its own button, as often as needed, each a custody record', async ({ page, station }) => {
  await putJob(station, { name: 'tb-1', tracking: 'TRK-TB-1', drives: ['WD-T1', 'WD-T2', 'WD-T3'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-TB-1');
  for (const s of ['WD-T1', 'WD-T2', 'WD-T3']) await scanAndWait(page, s);
  await page.getByTestId('take-back-WD-T1').focus();
  await page.keyboard.press('Enter');
  await expect(driveRow(page, 'WD-T1')).toHaveAttribute('data-state', 'Specified');
  await expect(driveRow(page, 'WD-T3')).toHaveAttribute('data-state', 'Received');
  await expect(page.getByTestId('count-tb-1')).toHaveText('2 of 3 received');
  await scanAndWait(page, 'WD-T1');
  await page.getByTestId('take-back-WD-T1').focus();
  await page.keyboard.press('Enter');
  await expect(driveRow(page, 'WD-T1')).toHaveAttribute('data-state', 'Specified');
  const custody = await station.api.call('custody.list', { driveId: 'WD-T1' });
  expect(custody.filter((c) => c.action === 'scan.undone')).toHaveLength(2);
  expect(custody.every((c) => c.operator === OPERATOR || c.action === 'drive.listed')).toBe(true);
  await shot(page, 'receive-take-back-line');
});

test('a drive recorded in the previous box is moved to the box open here with F6, a custody record in each box', async ({
  page,
  station,
}) => {
  await putJob(station, { name: 'mv-a', tracking: 'TRK-MV-A', drives: ['WD-MA1'] });
  await putJob(station, { name: 'mv-b', tracking: 'TRK-MV-B', drives: ['WD-MB1', 'WD-MB2'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-MV-A');
  await scanAndWait(page, 'WD-MA1');
  await scanAndWait(page, 'WD-MB1'); // the next box's drive, read before its box
  await scanAndWait(page, 'TRK-MV-B');
  await expect(page.getByTestId('package')).toHaveAttribute('data-tracking', 'TRK-MV-B');
  await pastDoubleRead(page);
  await scanAndWait(page, 'WD-MB1');
  await expect(banner(page)).toHaveAttribute('data-kind', 'alreadyReceived');
  await expect(banner(page)).toContainText('already received in package TRK-MV-A');
  await shot(page, 'receive-already-in-other-box');
  await page.keyboard.press('F6');
  await expect(banner(page)).toHaveAttribute('data-kind', 'moved');
  await expect(driveRow(page, 'WD-MB1')).toHaveAttribute('data-state', 'Received');
  const b = await station.api.call('packages.get', { trackingNumber: 'TRK-MV-B' });
  expect(b.scanned.map((d) => d.driveId)).toEqual(['WD-MB1']);
  const custody = await station.api.call('custody.list', { driveId: 'WD-MB1' });
  expect(custody.filter((c) => c.action.startsWith('drive.moved')).map((c) => [c.action, c.trackingNumber])).toEqual(
    expect.arrayContaining([
      ['drive.movedOut', 'TRK-MV-A'],
      ['drive.movedIn', 'TRK-MV-B'],
    ]),
  );
});

test('"already received" names its box in Chinese too', async ({ page, station }) => {
  await putJob(station, { name: 'zh-a', tracking: 'TRK-ZH-A', drives: ['WD-ZA1', 'WD-ZA2'] });
  await signIn(page, station);
  await page.keyboard.press('Alt+L');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
  await scanAndWait(page, 'TRK-ZH-A');
  await scanAndWait(page, 'WD-ZA1');
  await pastDoubleRead(page);
  await scanAndWait(page, 'WD-ZA1');
  await expect(banner(page)).toContainText('已在此包裹（TRK-ZH-A）中收過了');
  await shot(page, 'zh-TW-receive-already-in-box');
});

test('every warning of the open box stays listed in a burst, and the close summary names extras, other-job and held drives', async ({
  page,
  station,
}) => {
  await putJob(station, { name: 'warn-a', tracking: 'TRK-WARN-A', drives: ['WD-WA1', 'WD-WA2', 'WD-WA3'] });
  await putJob(station, { name: 'warn-b', tracking: 'TRK-WARN-B', drives: ['WD-WB9'] });
  await putJob(station, { name: 'warn-c', state: 'Creating', tracking: 'TRK-WARN-C', drives: ['WD-WC9'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-WARN-A');
  await scanAndWait(page, 'SN-EXTRA-W');
  await page.keyboard.press('F6');
  await expect(banner(page)).toHaveAttribute('data-kind', 'extra');
  // a burst: the extra's banner is long gone, its line stays
  for (const s of ['WD-WA1', 'WD-WB9', 'WD-WC9', 'WD-WA2', 'WD-WA3']) await scan(page, s);
  await expect(page.getByTestId('pending')).toHaveAttribute('data-pending', '0');
  await expect(driveRow(page, 'WD-WA3')).toHaveAttribute('data-state', 'Received');
  const notes = page.getByTestId('box-notes');
  await expect(notes.locator('[data-kind="extra"]')).toContainText('SN-EXTRA-W');
  await expect(notes.locator('[data-kind="otherJob"]')).toContainText('WD-WB9');
  await expect(notes.locator('[data-kind="held"]')).toContainText('WD-WC9');
  await shot(page, 'receive-notes-after-burst');
  await page.keyboard.press('F8');
  await expect(page.getByTestId('close-extras')).toContainText('SN-EXTRA-W');
  await page.keyboard.press('Enter');
  await expect(banner(page)).toContainText('on hold with its held drives');
  const summary = page.getByTestId('closed-summary');
  await expect(summary.getByTestId('closed-extras')).toContainText('SN-EXTRA-W');
  await expect(summary.getByTestId('closed-other-job')).toContainText('WD-WB9');
  await expect(summary.getByTestId('closed-held')).toContainText('WD-WC9');
  await expect(summary).not.toContainText('every expected drive was received');
  await shot(page, 'receive-closed-summary-names-all');
});

test('a box closed with every expected drive and an extra one says so, and does not say "every expected drive" alone', async ({
  page,
  station,
}) => {
  await putJob(station, { name: 'seen-a', tracking: 'TRK-SEEN-A', drives: ['WD-SA1'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-SEEN-A');
  await scanAndWait(page, 'WD-SA1');
  await scanAndWait(page, 'SN-SEEN-EXTRA');
  await page.keyboard.press('F6');
  await expect(banner(page)).toHaveAttribute('data-kind', 'extra');
  await page.keyboard.press('F8');
  await expect(page.getByTestId('confirm-close')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(banner(page)).toContainText('Every expected drive was received, and 1 extra drive besides: see the list below.');
  await expect(banner(page)).toHaveAttribute('data-tone', 'warning');
  await expect(page.getByTestId('closed-extras')).toContainText('SN-SEEN-EXTRA');
});

test('a box that closes with NeverReceived and held drives does not also say "nothing becomes NeverReceived"', async ({
  page,
  station,
}) => {
  await putJob(station, { name: 'mix-a', tracking: 'TRK-MIX-A', drives: ['WD-XA1', 'WD-XA2'] });
  await putJob(station, { name: 'mix-c', state: 'Creating', tracking: 'TRK-MIX-C', drives: ['WD-XC1'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-MIX-A');
  await scanAndWait(page, 'WD-XA1');
  await scanAndWait(page, 'WD-XC1');
  await page.keyboard.press('F8');
  const dialog = page.getByTestId('close-dialog');
  await expect(page.getByTestId('never-received-list')).toContainText('WD-XA2');
  await expect(page.getByTestId('close-held-note')).toBeVisible();
  await expect(dialog).not.toContainText('Nothing becomes NeverReceived');
  await expect(dialog).not.toContainText('Every expected drive was scanned');
  await shot(page, 'receive-close-mixed');
  await page.keyboard.press('Escape');
});

test('signing out with a box open leaves it open; the next badge continues it and each record names who scanned', async ({
  page,
  station,
}) => {
  await putJob(station, { name: 'so-1', tracking: 'TRK-SO-1', drives: ['WD-S1', 'WD-S2'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-SO-1');
  await scanAndWait(page, 'WD-S1');
  await scan(page, 'CMD:SIGNOUT');
  await expect(page.getByTestId('signin-screen')).toBeVisible();
  await expect(page.getByTestId('signin-screen')).toContainText('TRK-SO-1');
  await shot(page, 'receive-signed-out-box-open');
  const open = await station.api.call('packages.current', {});
  expect(open?.trackingNumber).toBe('TRK-SO-1');
  await scan(page, 'OP-0002');
  await expect(page.getByTestId('receive-screen')).toBeVisible();
  await expect(page.getByTestId('package')).toHaveAttribute('data-tracking', 'TRK-SO-1');
  await scanAndWait(page, 'WD-S2');
  const custody = await station.api.call('custody.list', { jobName: 'so-1' });
  const who: Record<string, string> = {};
  for (const c of custody) if (c.action === 'drive.scanned' && c.driveId) who[c.driveId] = c.operator;
  expect(who).toEqual({ 'WD-S1': 'Amy Lin', 'WD-S2': 'Ben Chen' });
});

test('a drive tag is drawn at Receive for an extra drive and a held drive', async ({ page, station }, testInfo) => {
  await putJob(station, { name: 'tag-a', tracking: 'TRK-TAG-A', drives: ['WD-TA1'] });
  await putJob(station, { name: 'tag-c', state: 'Creating', tracking: 'TRK-TAG-C', drives: ['WD-TC1'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-TAG-A');
  await scanAndWait(page, 'SN-TAG-EXTRA');
  await page.keyboard.press('F6');
  await scanAndWait(page, 'WD-TC1');
  for (const serial of ['SN-TAG-EXTRA', 'WD-TC1']) {
    await page.getByTestId(`tag-${serial}`).focus();
    await page.keyboard.press('Enter');
    const link = page.getByTestId('tag-download');
    await expect(link).toContainText(serial);
    await link.focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const file = testInfo.outputPath(`${serial}.pdf`);
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // the tag carries the serial as text (and as its barcode)
    expect(execFileSync('pdftotext', [file, '-']).toString()).toContain(serial);
  }
  await shot(page, 'receive-drive-tag');
  await expect(page.getByTestId('tag-WD-TA1')).toHaveCount(0); // a listed drive received has no tag here
});

test('with a box open, an operator with a PIN signs in by badge and PIN and continues the box', async ({ page, station }) => {
  await putJob(station, { name: 'pin-1', tracking: 'TRK-PIN-1', drives: ['WD-P1', 'WD-P2'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-PIN-1');
  await scanAndWait(page, 'WD-P1');
  await scan(page, 'CMD:SIGNOUT');
  await expect(page.getByTestId('signin-screen')).toBeVisible();
  await scan(page, 'OP-0009'); // Dana Wu, a supervisor: her PIN is asked
  await expect(page.getByTestId('pin-screen')).toBeVisible();
  await expect(page.getByTestId('pin-screen')).toContainText('TRK-PIN-1');
  await page.keyboard.insertText(DEMO_SUPERVISOR_PIN);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('operator')).toContainText('Dana Wu');
  await expect(page.getByTestId('package')).toHaveAttribute('data-tracking', 'TRK-PIN-1');
  await scanAndWait(page, 'WD-P2');
  const custody = await station.api.call('custody.list', { driveId: 'WD-P2' });
  expect(custody.find((c) => c.action === 'drive.scanned')?.operator).toBe('Dana Wu');
});

test('the idle sign-out leaves the box open, says so, and the next badge continues it', async ({ page, station }) => {
  await putJob(station, { name: 'idle-1', tracking: 'TRK-IDLE-1', drives: ['WD-I1', 'WD-I2'] });
  await page.clock.install();
  await signIn(page, station);
  await scanAndWait(page, 'TRK-IDLE-1');
  await scanAndWait(page, 'WD-I1');
  await page.clock.fastForward('16:00'); // past the default 15 minutes without a key or a scan
  await expect(page.getByTestId('signin-screen')).toBeVisible();
  await expect(page.getByTestId('signin-screen')).toContainText('15');
  await expect(page.getByTestId('signin-screen')).toContainText('TRK-IDLE-1');
  expect((await station.api.call('packages.current', {}))?.trackingNumber).toBe('TRK-IDLE-1');
  await scan(page, 'OP-0002');
  await expect(page.getByTestId('package')).toHaveAttribute('data-tracking', 'TRK-IDLE-1');
  await scanAndWait(page, 'WD-I2');
  const custody = await station.api.call('custody.list', { driveId: 'WD-I2' });
  expect(custody.find((c) => c.action === 'drive.scanned')?.operator).toBe('Ben Chen');
});

test('the move stays offered on the drive\'s line in "needs a look" after the banner moved on, and works by keyboard', async ({
  page,
  station,
}) => {
  await putJob(station, { name: 'ml-a', tracking: 'TRK-ML-A', drives: ['WD-LA1'] });
  await putJob(station, { name: 'ml-b', tracking: 'TRK-ML-B', drives: ['WD-LB1', 'WD-LB2'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-ML-A');
  await scanAndWait(page, 'WD-LA1');
  await scanAndWait(page, 'WD-LB1');
  await scanAndWait(page, 'TRK-ML-B');
  await pastDoubleRead(page);
  await scanAndWait(page, 'WD-LB1');
  await scanAndWait(page, 'WD-LB2'); // the banner moves on; the line keeps the offer
  await expect(banner(page)).toHaveAttribute('data-kind', 'received');
  const move = page.getByTestId('move-here-WD-LB1');
  await move.focus();
  await page.keyboard.press('Enter');
  await expect(banner(page)).toHaveAttribute('data-kind', 'moved');
  await expect(move).toHaveCount(0);
  const b = await station.api.call('packages.get', { trackingNumber: 'TRK-ML-B' });
  expect(b.scanned.map((d) => d.driveId).sort()).toEqual(['WD-LB1', 'WD-LB2']);
});

test('a listed drive scanned with no box open offers the box its job expects; F6 opens it and records the drive in it', async ({
  page,
  station,
}) => {
  await putJob(station, { name: 'box-first', tracking: 'TRK-BOX-FIRST', drives: ['WD-F1', 'WD-F2'] });
  await signIn(page, station);
  const before = dumpStore(station);
  await scanAndWait(page, 'WD-F2');
  await expect(banner(page)).toContainText('WD-F2 is a drive of job box-first, expected in package TRK-BOX-FIRST');
  const offer = page.getByTestId('offer-openBox');
  await expect(offer).toContainText('Open package TRK-BOX-FIRST and record WD-F2 in it');
  expect(dumpStore(station)).toEqual(before); // offered, nothing recorded
  await shot(page, 'receive-no-box-drive-offers-its-box');
  await page.keyboard.press('F6');
  await expect(page.getByTestId('package')).toHaveAttribute('data-tracking', 'TRK-BOX-FIRST');
  await expect(driveRow(page, 'WD-F2')).toHaveAttribute('data-state', 'Received');
  const box = await station.api.call('packages.get', { trackingNumber: 'TRK-BOX-FIRST' });
  expect(box.scanned.map((d) => d.driveId)).toEqual(['WD-F2']);
});
