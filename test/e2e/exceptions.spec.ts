// The Exceptions screen: everything that needs a person, each row saying what to do next and by when, and
// offering the action. Time is moved by the station's own clock (weeks, not waits).
import { test, expect, putJob, signIn, shot, dumpStore, OPERATOR, ADDRESS } from './dock.ts';
import type { Page } from '@playwright/test';
import type { StationFixture } from './harness.ts';

const row = (page: Page, kind: string, key: { job?: string; serial?: string }) =>
  page.locator(`tr[data-kind="${kind}"]${key.job ? `[data-job="${key.job}"]` : ''}${key.serial ? `[data-serial="${key.serial}"]` : ''}`);

async function openExceptions(page: Page): Promise<void> {
  await page.keyboard.press('Alt+2');
  await expect(page.getByTestId('exceptions-screen')).toBeVisible();
}

/** Scans a package and its drives through the contract, as another station would, and closes it. */
async function receiveThroughApi(station: StationFixture, tracking: string, serials: string[]): Promise<void> {
  await station.api.call('packages.receive', { operator: OPERATOR, trackingNumber: tracking });
  for (const s of serials) await station.api.call('drives.scan', { operator: OPERATOR, serial: s });
  await station.api.call('packages.close', { operator: OPERATOR });
}

test('a package 2 weeks late: notify the customer from the row, then it waits 30 days for a reply, and with none the job is Closed', async ({ page, station, clock }) => {
  await putJob(station, { name: 'late-301', tracking: 'TRK-301', drives: ['WD-301'] });
  clock.advanceDays(15);
  await signIn(page, station);
  await openExceptions(page);
  const overdue = row(page, 'packageOverdue', { job: 'late-301' });
  await expect(overdue).toContainText('Notify the customer, then extend the wait or cancel.');
  await shot(page, 'exceptions-package-overdue');
  await overdue.getByRole('button', { name: 'Customer notified' }).click();
  await expect(page.getByTestId('dialog-notify')).toBeVisible();
  await page.locator('#f-note').fill('Phoned the customer; they will check with DHL.');
  await page.keyboard.press('Enter');
  const waiting = row(page, 'customerNotified', { job: 'late-301' });
  await expect(waiting).toContainText('Waiting for the customer');
  await expect(waiting).toContainText('2026-12-17'); // notified 17 November + 30 days
  await expect(waiting.getByRole('button', { name: 'Extend the wait' })).toBeVisible();
  await shot(page, 'exceptions-customer-notified');
  clock.advanceDays(31);
  await station.api.call('deadlines.sweep', { operator: OPERATOR });
  await expect(waiting).toHaveCount(0);
  expect((await station.api.call('jobs.get', { name: 'late-301' })).properties.state).toBe('Closed');
});

test('the wait for a late package is extended from the row, and the row goes until the new date', async ({ page, station, clock }) => {
  await putJob(station, { name: 'late-302', tracking: 'TRK-302', drives: ['WD-302'] });
  clock.advanceDays(15);
  await signIn(page, station);
  await openExceptions(page);
  await row(page, 'packageOverdue', { job: 'late-302' }).getByRole('button', { name: 'Extend the wait' }).click();
  await page.locator('#f-days').fill('10');
  await page.locator('#f-note').fill('Customs hold, customer confirmed');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(row(page, 'packageOverdue', { job: 'late-302' })).toHaveCount(0);
  const job = await station.api.call('jobs.get', { name: 'late-302' });
  expect(job.dock.waitUntil?.slice(0, 10)).toBe('2026-11-27');
});

test('a job being copied without a complete return address: the row names what is missing, and the address entered there clears it', async ({ page, station }) => {
  await putJob(station, { name: 'addr-303', tracking: 'TRK-303', drives: ['WD-303'] });
  await receiveThroughApi(station, 'TRK-303', ['WD-303']);
  await station.api.call('copy.start', { operator: OPERATOR, jobName: 'addr-303' });
  await station.api.call('jobs.update', { operator: OPERATOR, name: 'addr-303', patch: { returnAddress: { phone: '', email: '' } } });
  await signIn(page, station);
  await openExceptions(page);
  const r = row(page, 'addressMissing', { job: 'addr-303' });
  await expect(r).toContainText('missing: phone, email');
  await r.getByRole('button', { name: 'Enter address' }).click();
  await expect(page.locator('#f-addr-phone')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#f-addr-city')).toHaveValue(ADDRESS.city); // what the job has is kept
  await shot(page, 'exceptions-address-form');
  await page.locator('#f-addr-phone').fill('+886 2 2311 9999');
  await page.locator('#f-addr-email').fill('ops@example.com.tw');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(r).toHaveCount(0);
  const job = await station.api.call('jobs.get', { name: 'addr-303' });
  expect(job.dock.missingAddressFields).toEqual([]);
  expect(job.properties.returnAddress?.phone).toBe('+886 2 2311 9999');
});

test('held drives of a job still Creating: once the job is Shipping, the row releases the hold and the drives are received', async ({ page, station }) => {
  await putJob(station, { name: 'held-304', state: 'Creating', tracking: 'TRK-304', drives: ['WD-304A', 'WD-304B'] });
  await receiveThroughApi(station, 'TRK-304', ['WD-304A', 'WD-304B']);
  await signIn(page, station);
  await openExceptions(page);
  const held = row(page, 'held', { serial: 'WD-304A' });
  await expect(held).toContainText('Contact the customer.');
  await expect(held).toContainText('2026-11-16'); // try to return within 2 weeks
  await shot(page, 'exceptions-held');
  await station.api.call('jobs.update', { operator: OPERATOR, name: 'held-304', patch: { state: 'Shipping' } });
  await expect(held).toContainText('release the held package');
  await held.getByRole('button', { name: 'Release hold' }).click();
  await expect(page.getByText('Done: Release hold')).toBeVisible();
  await expect(row(page, 'held', { job: 'held-304' })).toHaveCount(0);
  const job = await station.api.call('jobs.get', { name: 'held-304' });
  expect(job.properties.driveList.map((d) => d.state)).toEqual(['Received', 'Received']);
  // the released package is open at this station again: Receive shows it
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('package')).toHaveAttribute('data-tracking', 'TRK-304');
});

test('a held drive of no job past 90 days is due for destruction: recorded from the row with a witness other than the operator', async ({ page, station, clock }) => {
  await station.api.call('packages.receive', { operator: OPERATOR, trackingNumber: 'TRK-NOJOB-305' });
  await station.api.call('drives.scan', { operator: OPERATOR, serial: 'SN-305' });
  await station.api.call('packages.close', { operator: OPERATOR });
  clock.advanceDays(91);
  await signIn(page, station);
  await openExceptions(page);
  const due = row(page, 'destructionDue', { serial: 'SN-305' });
  await expect(due).toContainText('Securely destroy the drive with a witness.');
  await expect(due).toContainText('OVERDUE');
  await shot(page, 'exceptions-destruction-due');
  // the operator cannot witness their own destruction: refused, nothing changed
  await due.getByRole('button', { name: 'Record destruction' }).click();
  await page.locator('#f-method').fill('Shredded (NIST 800-88 purge)');
  await page.locator('#f-witness').fill(OPERATOR);
  const before = dumpStore(station);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.form-error')).toContainText('The witness must be someone other than the operator.');
  expect(dumpStore(station)).toEqual(before);
  await page.locator('#f-witness').fill('Ben Chen');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(due).toHaveCount(0);
  const custody = await station.api.call('custody.list', { driveId: 'SN-305' });
  const destroyed = custody.find((c) => c.action === 'drive.destroyed');
  expect(destroyed?.operator).toBe(OPERATOR);
  expect(destroyed?.detail).toMatchObject({ witness: 'Ben Chen', method: 'Shredded (NIST 800-88 purge)' });
});

test('extra and NeverReceived drives are listed with what to do next', async ({ page, station }) => {
  await putJob(station, { name: 'mixed-306', tracking: 'TRK-306', drives: ['WD-306A', 'WD-306B'] });
  await receiveThroughApi(station, 'TRK-306', ['WD-306A', 'SN-EXTRA-306']);
  await signIn(page, station);
  await openExceptions(page);
  await expect(row(page, 'extraDrive', { serial: 'SN-EXTRA-306' })).toContainText('it goes back when the job ships');
  await expect(row(page, 'neverReceived', { serial: 'WD-306B' })).toContainText('if it arrives later, scan it in any package');
  await row(page, 'neverReceived', { serial: 'WD-306B' }).getByRole('button', { name: 'Open job' }).click();
  await expect(page.getByTestId('job-page')).toHaveAttribute('data-job', 'mixed-306');
});
