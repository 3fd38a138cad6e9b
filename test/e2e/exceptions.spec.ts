// The Exceptions screen: everything that needs a person, each row saying what to do next and by when, and
// offering the action. Time is moved by the station's own clock (weeks, not waits).
import { test, expect, putJob, signIn, shot, dumpStore, OPERATOR, ADDRESS } from './dock.ts';
import type { Page } from '@playwright/test';
import type { StationFixture } from './harness.ts';
import { localDate as localDay } from '../../electron/core/clock.ts';

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

test('a package 2 weeks late: notify the customer from the row, then it waits 30 days for a reply, and with none the job is Closed', async ({
  page,
  station,
  clock,
}) => {
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

test('a job being copied without a complete return address: the row names what is missing, and the address entered there clears it', async ({
  page,
  station,
}) => {
  await putJob(station, { name: 'addr-303', tracking: 'TRK-303', drives: ['WD-303'] });
  await receiveThroughApi(station, 'TRK-303', ['WD-303']);
  await station.api.call('copy.start', { operator: OPERATOR, jobName: 'addr-303' });
  await station.api.call('jobs.update', { operator: OPERATOR, name: 'addr-303', patch: { returnAddress: { phone: '', email: '' } } });
  await signIn(page, station);
  await openExceptions(page);
  const r = row(page, 'addressMissing', { job: 'addr-303' });
  await expect(r).toContainText('missing: Phone, Email');
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

test('a wanting return address: the contact is recorded unreachable from the row, then its drives are destroyed and the job ends', async ({
  page,
  station,
  clock,
}) => {
  await putJob(station, { name: 'addr-330', tracking: 'TRK-330', drives: ['WD-330'] });
  await receiveThroughApi(station, 'TRK-330', ['WD-330']);
  await station.api.call('copy.start', { operator: OPERATOR, jobName: 'addr-330' });
  await station.api.call('copy.record', { operator: OPERATOR, driveId: 'WD-330', copyStatus: 'Completed' });
  await station.api.call('jobs.update', { operator: OPERATOR, name: 'addr-330', patch: { returnAddress: { phone: '' } } });
  clock.advanceDays(3);
  await signIn(page, station);
  await openExceptions(page);
  const r = row(page, 'addressMissing', { job: 'addr-330' });
  await expect(r).toContainText('2027-01-31'); // 90 days from the day the phone number went missing
  await r.getByRole('button', { name: 'Record contact' }).click();
  await page.locator('#f-note').fill('No answer by phone or email for 2 weeks');
  await page.getByTestId('contact-unreachable').click();
  await expect(r).toContainText('could not be reached');
  await shot(page, 'exceptions-address-unreachable');
  await r.getByRole('button', { name: 'Record destruction' }).click();
  await expect(page.getByTestId('dialog-destroy')).toContainText('WD-330');
  await page.locator('#f-method').fill('Degauss and shred');
  await page.locator('#f-witness').fill('Ben Chen');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(r).toHaveCount(0);
  const job = await station.api.call('jobs.get', { name: 'addr-330' });
  expect(job.properties.state).toBe('Closed');
  expect(job.properties.driveList[0]?.destroyedAt).toBeTruthy();
});

test('a clock jumped a year ahead: Exceptions says so, a scan is refused, and the date typed by a person lets the dock go on', async ({
  page,
  station,
  clock,
}) => {
  await putJob(station, { name: 'clock-340', tracking: 'TRK-340', drives: ['WD-340'] });
  await signIn(page, station);
  clock.setClockTo('2027-11-03T09:00:00Z');
  await openExceptions(page);
  const banner = page.getByTestId('clock-banner');
  await expect(banner).toHaveAttribute('data-clock', 'jumped');
  await shot(page, 'exceptions-clock-jumped');
  const before = dumpStore(station);
  await expect(station.api.call('packages.receive', { operator: OPERATOR, trackingNumber: 'TRK-340' })).rejects.toMatchObject({
    code: 'CLOCK_JUMPED',
  });
  expect(dumpStore(station)).toEqual(before);
  await page.locator('#f-clock-date').fill('2026-11-02');
  await page.getByTestId('clock-confirm').click();
  await expect(banner).toContainText('2027-11-03');
  await page.locator('#f-clock-date').fill(localDay(clock.now()));
  await page.getByTestId('clock-confirm').click();
  await expect(banner).toHaveCount(0);
  const r = await station.api.call('deadlines.sweep', { operator: OPERATOR });
  expect(r.heldBack).toBeNull();
});

test('held drives of a job still Creating: once the job is Shipping, the row releases the hold and the drives are received', async ({
  page,
  station,
}) => {
  await putJob(station, { name: 'held-304', state: 'Creating', tracking: 'TRK-304', drives: ['WD-304A', 'WD-304B'] });
  await receiveThroughApi(station, 'TRK-304', ['WD-304A', 'WD-304B']);
  await signIn(page, station);
  await openExceptions(page);
  const held = row(page, 'held', { serial: 'WD-304A' });
  // the customer is contacted once for the job, not once per drive; each drive says when its return falls due
  await expect(page.locator('tbody[data-job="held-304"] [data-testid="exc-group-step"]')).toHaveText(
    'Contact the customer once about its 2 held drive(s).',
  );
  await expect(held).not.toContainText('Contact the customer');
  await expect(held).toContainText('its return is due on 2026-11-16'); // try to return within 2 weeks
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

test('a held drive of no job past 90 days is due for destruction: recorded from the row with a witness other than the operator', async ({
  page,
  station,
  clock,
}) => {
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
  // the job opens from its head line, above all its rows
  await page.locator('tbody[data-job="mixed-306"]').getByRole('button', { name: 'Open job mixed-306' }).click();
  await expect(page.getByTestId('job-page')).toHaveAttribute('data-job', 'mixed-306');
});

test('every button on a row names what it acts on, so fourteen "Open job" buttons read apart', async ({ page, station }) => {
  await putJob(station, { name: 'named-307', tracking: 'TRK-307', drives: ['WD-307A', 'WD-307B'] });
  await putJob(station, { name: 'named-308', tracking: 'TRK-308', drives: ['WD-308A', 'WD-308B'] });
  await receiveThroughApi(station, 'TRK-307', ['WD-307A']);
  await receiveThroughApi(station, 'TRK-308', ['WD-308A']);
  await signIn(page, station);
  await openExceptions(page);
  await expect(page.getByRole('button', { name: 'Open job named-307', exact: true })).toHaveCount(1);
  await page.getByRole('button', { name: 'Open job named-308', exact: true }).click();
  await expect(page.getByTestId('job-page')).toHaveAttribute('data-job', 'named-308');
});

test('a faulted job says what to do and is resolved from its row with a reason, back to the state it left', async ({ page, station }) => {
  await putJob(station, { name: 'fault-309', tracking: 'TRK-309', drives: ['WD-309'] });
  await station.api.call('jobs.fault', { operator: OPERATOR, name: 'fault-309', reason: 'Carrier lost the manifest' });
  await signIn(page, station);
  await openExceptions(page);
  const r = row(page, 'faultedJob', { job: 'fault-309' });
  await expect(r).toContainText('Faulted job');
  await expect(r).toContainText('Faulted (Carrier lost the manifest): contact the customer, then resolve back to Shipping.');
  await r.getByRole('button', { name: 'Resolve job fault-309' }).click();
  await expect(page.getByTestId('dialog-resolveJob')).toBeVisible();
  // no reason, no change: the field is required
  const before = dumpStore(station);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('dialog-resolveJob')).toBeVisible();
  expect(dumpStore(station)).toEqual(before);
  await page.locator('#f-reason').fill('Customer resent the manifest');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('exc-done')).toHaveText('Done: Resolve job — fault-309');
  await expect(r).toHaveCount(0);
  expect((await station.api.call('jobs.get', { name: 'fault-309' })).properties.state).toBe('Shipping');
});

test('a faulted drive is resolved from its row with a reason, and the confirmation names the drive', async ({ page, station }) => {
  await putJob(station, { name: 'fault-310', tracking: 'TRK-310', drives: ['WD-310'] });
  await receiveThroughApi(station, 'TRK-310', ['WD-310']);
  await station.api.call('drives.fault', { operator: OPERATOR, driveId: 'WD-310', reason: 'Connector bent' });
  await signIn(page, station);
  await openExceptions(page);
  const r = row(page, 'faultedDrive', { serial: 'WD-310' });
  await expect(r).toContainText('Faulted (Connector bent): resolve back to Received once fixed.');
  await r.getByRole('button', { name: 'Resolve drive WD-310' }).click();
  await page.locator('#f-reason').fill('Connector straightened, drive reads');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('exc-done')).toHaveText('Done: Resolve drive — WD-310');
  await expect(r).toHaveCount(0);
  expect((await station.api.call('jobs.get', { name: 'fault-310' })).properties.driveList[0]!.state).toBe('Received');
});

test('a held box whose only drive is destroyed is held no more: no row is left for it, and its custody says the hold ended', async ({
  page,
  station,
  clock,
}) => {
  await station.api.call('packages.receive', { operator: OPERATOR, trackingNumber: 'TRK-EMPTY-311' });
  await station.api.call('drives.scan', { operator: OPERATOR, serial: 'SN-311' });
  await station.api.call('packages.close', { operator: OPERATOR });
  clock.advanceDays(91);
  await station.api.call('drives.destroy', { operator: OPERATOR, driveIds: ['SN-311'], method: 'Shredded', witness: 'Ben Chen' });
  await signIn(page, station);
  await openExceptions(page);
  const { rows } = await station.api.call('exceptions.list', {});
  expect(rows.filter((r) => r.trackingNumber === 'TRK-EMPTY-311' || r.driveId === 'SN-311')).toEqual([]);
  await expect(page.locator('tr[data-kind]')).toHaveCount(rows.length);
  await expect(page.locator('tr[data-tracking="TRK-EMPTY-311"], tr[data-serial="SN-311"]')).toHaveCount(0);
  const records = await station.api.call('custody.list', { trackingNumber: 'TRK-EMPTY-311' });
  expect(records.map((r) => r.action)).toContain('package.holdEnded');
});

test('a held drive of no job is offered its return only once its return is due; once destruction is due the row also records it', async ({
  page,
  station,
  clock,
}) => {
  await station.api.call('packages.receive', { operator: OPERATOR, trackingNumber: 'TRK-NOJOB-312' });
  await station.api.call('drives.scan', { operator: OPERATOR, serial: 'SN-312' });
  await station.api.call('packages.close', { operator: OPERATOR });
  await signIn(page, station);
  await openExceptions(page);
  const held = row(page, 'held', { serial: 'SN-312' });
  await expect(held).toContainText('No job on record: keep it in the held-drive area and look for its job by the box TRK-NOJOB-312');
  await expect(held.getByRole('button', { name: /Return/ })).toHaveCount(0); // Packaging would refuse it: not offered
  clock.advanceDays(15);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(held.getByRole('button', { name: 'Return (Packaging) SN-312' })).toBeVisible();
  await expect(held.getByRole('button', { name: /Record destruction/ })).toHaveCount(0);
  clock.advanceDays(76);
  await page.getByRole('button', { name: 'Refresh' }).click();
  const due = row(page, 'destructionDue', { serial: 'SN-312' });
  await expect(due.getByRole('button', { name: 'Record destruction SN-312' })).toBeVisible();
  await expect(due.getByRole('button', { name: 'Return (Packaging) SN-312' })).toBeVisible();
});

test("rows come in the station's order, most urgent first, a job's rows together, not grouped by kind", async ({
  page,
  station,
  clock,
}) => {
  await putJob(station, { name: 'order-313', tracking: 'TRK-313', drives: ['WD-313'] });
  await putJob(station, { name: 'order-314', tracking: 'TRK-314', drives: ['WD-314A', 'WD-314B'] });
  await receiveThroughApi(station, 'TRK-314', ['WD-314A', 'SN-EXTRA-314']);
  await station.api.call('packages.receive', { operator: OPERATOR, trackingNumber: 'TRK-NOJOB-315' });
  await station.api.call('drives.scan', { operator: OPERATOR, serial: 'SN-315' });
  await station.api.call('packages.close', { operator: OPERATOR });
  clock.advanceDays(15);
  await signIn(page, station);
  await openExceptions(page);
  const expected = (await station.api.call('exceptions.list', { limit: 50, by: 'job' })).rows.map(
    (r) => `${r.kind}:${r.driveId ?? r.jobName ?? r.trackingNumber}`,
  );
  await expect(page.locator('tr[data-kind]')).toHaveCount(expected.length);
  const shown = await page
    .locator('tr[data-kind]')
    .evaluateAll((trs) =>
      trs.map(
        (tr) =>
          `${tr.getAttribute('data-kind')}:${tr.getAttribute('data-serial') || tr.getAttribute('data-job') || tr.getAttribute('data-tracking')}`,
      ),
    );
  expect(shown).toEqual(expected);
  expect(shown[0]).toMatch(/^(held|packageOverdue):/); // dated rows before the undated extra drive
});

/** Twenty jobs two weeks late (three buttons each) and, last, one faulted job with no deadline. */
async function crowded(station: StationFixture, clock: { advanceDays(n: number): void }): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const n = String(i).padStart(2, '0');
    await putJob(station, { name: `hanriver-imp-000${n}`, tracking: `HR${n}TRK`, drives: [`HR${n}D`] });
  }
  await putJob(station, { name: 'fault-316', tracking: 'TRK-316', drives: ['WD-316'] });
  await station.api.call('jobs.fault', { operator: OPERATOR, name: 'fault-316', reason: 'Customer asked to hold' });
  clock.advanceDays(15);
}

test('at 1366×768 the list fits without sideways scrolling and every button of a three-button row is on screen', async ({
  page,
  station,
  clock,
}) => {
  await crowded(station, clock);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, station);
  await openExceptions(page);
  const r = row(page, 'packageOverdue', { job: 'hanriver-imp-00006' });
  await expect(r.locator('.exc-actions button')).toHaveCount(3);
  await expect(r.locator('.exc-due')).toContainText('OVERDUE'); // a package overdue is listed only once past its date
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
  const cancel = await r.getByRole('button', { name: 'Cancel job hanriver-imp-00006' }).boundingBox();
  expect(cancel!.x + cancel!.width).toBeLessThanOrEqual(1366);
  // the next step is wider than the kind: it reads in a few lines, not five to seven
  const kindW = await page.locator('.exc-col-kind').evaluate((c) => (c as HTMLElement).offsetWidth);
  const next = await r.locator('.exc-next').evaluate((td) => {
    const range = document.createRange();
    range.selectNodeContents(td);
    const lineHeight = parseFloat(getComputedStyle(td).lineHeight);
    return { width: td.getBoundingClientRect().width, lines: Math.round(range.getBoundingClientRect().height / lineHeight) };
  });
  expect(next.width).toBeGreaterThan(kindW * 2);
  expect(next.lines).toBeLessThanOrEqual(3);
  await shot(page, 'exceptions-1366');
});

test('after an action far down the list, the confirmation shows where the person is and names the job', async ({
  page,
  station,
  clock,
}) => {
  await crowded(station, clock);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, station);
  await openExceptions(page);
  const r = row(page, 'faultedJob', { job: 'fault-316' });
  await r.scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
  await r.getByRole('button', { name: 'Resolve job fault-316' }).click();
  await page.locator('#f-reason').fill('Customer released the hold');
  await page.getByRole('button', { name: 'Save' }).click();
  const done = page.getByTestId('exc-done');
  await expect(done).toHaveText('Done: Resolve job — fault-316');
  await expect(done).toBeInViewport();
  await shot(page, 'exceptions-1366-confirmation');
});
