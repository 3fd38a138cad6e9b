// Jobs and Copy: searching on the station, a page at a time; the job page with its drives, copy status,
// log links and custody timeline; the custody CSV as a download; starting the copy and recording results.
import { readFileSync } from 'node:fs';
import { test, expect, putJob, signIn, shot, scan, OPERATOR } from './dock.ts';
import type { StationFixture } from './harness.ts';
import type { Page } from '@playwright/test';

async function receiveThroughApi(station: StationFixture, tracking: string, serials: string[]): Promise<void> {
  await station.api.call('packages.receive', { operator: OPERATOR, trackingNumber: tracking });
  for (const s of serials) await station.api.call('drives.scan', { operator: OPERATOR, serial: s });
  await station.api.call('packages.close', { operator: OPERATOR });
}

async function search(page: Page, q: string): Promise<void> {
  await page.locator('#job-search').fill(q);
  await page.locator('#job-search').press('Enter');
}

test('jobs are searched on the station by name, tracking number or drive serial, a page at a time', async ({ page, station }) => {
  for (let i = 0; i < 60; i++) {
    const n = String(i).padStart(3, '0');
    await putJob(station, { name: `woodgrove-${n}`, tracking: `WG${n}TRK`, drives: [`WG${n}D1`] });
  }
  await putJob(station, { name: 'contoso-401', tracking: '1Z401', drives: ['WD-401X'] });
  await signIn(page, station);
  await page.keyboard.press('Alt+3');
  await expect(page.getByTestId('jobs-total')).toHaveText('61 jobs');
  await search(page, 'woodgrove');
  await expect(page.getByTestId('jobs-total')).toHaveText('60 jobs');
  await expect(page.locator('tr[data-job]')).toHaveCount(50);
  await expect(page.getByTestId('jobs-showing')).toHaveText('1–50 of 60');
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page.locator('tr[data-job]')).toHaveCount(10);
  await expect(page.getByTestId('jobs-showing')).toHaveText('51–60 of 60');
  await shot(page, 'jobs-paged');
  await search(page, '1Z401');
  await expect(page.locator('tr[data-job]')).toHaveCount(1);
  await expect(page.locator('tr[data-job="contoso-401"]')).toBeVisible();
  await search(page, 'wd-401x');
  await expect(page.locator('tr[data-job="contoso-401"]')).toBeVisible();
  await search(page, 'no-such-thing');
  await expect(page.getByText('No job matches.')).toBeVisible();
});

test('a drive serial scanned on the Jobs screen opens its job', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-402', tracking: 'TRK-402', drives: ['WD-402'] });
  await putJob(station, { name: 'fabrikam-402', tracking: 'TRK-402F', drives: ['WD-402F'] });
  await signIn(page, station);
  await page.keyboard.press('Alt+3');
  await expect(page.locator('tr[data-job]')).toHaveCount(2);
  await scan(page, 'WD-402F');
  await expect(page.getByTestId('job-page')).toHaveAttribute('data-job', 'fabrikam-402');
  await expect(page.locator('html')).toHaveAttribute('data-sound', 'notice');
});

test('the job page shows the job, its drives and custody, and the custody CSV downloads without any BitLocker key', async ({
  page,
  station,
}) => {
  await station.api.call('jobs.put', {
    operator: OPERATOR,
    job: {
      name: 'contoso-403',
      properties: {
        jobType: 'Import',
        state: 'Shipping',
        deliveryPackage: { carrierName: 'FedEx', trackingNumber: 'TRK-403' },
        returnAddress: {
          recipientName: 'Lin',
          streetAddress1: '1 Rd',
          city: 'Taipei',
          postalCode: '100',
          countryOrRegion: 'TW',
          phone: '1',
          email: 'a@b.tw',
        },
        driveList: [
          { driveId: 'WD-403A', bitLockerKey: '111111-222222-333333-444444-555555-666666-777777-888888' },
          { driveId: 'WD-403B' },
        ],
      },
    },
  });
  await receiveThroughApi(station, 'TRK-403', ['WD-403A', 'WD-403B']);
  await signIn(page, station);
  await page.keyboard.press('Alt+3');
  await page.locator('tr[data-job="contoso-403"]').getByRole('button', { name: 'contoso-403' }).click();
  await expect(page.getByTestId('job-page')).toBeVisible();
  await expect(page.getByTestId('job-state')).toHaveText('Received');
  await expect(page.locator('.drive-table tr[data-serial="WD-403A"]')).toContainText('Received');
  await expect(page.getByTestId('custody').locator('tr[data-action="drive.scanned"]')).toHaveCount(2);
  await expect(page.getByTestId('custody')).toContainText(OPERATOR);
  await expect(page.getByTestId('possibilities')).toContainText('Transferring');
  await expect(page.locator('body')).not.toContainText('111111-222222');
  await shot(page, 'job-page');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('custody-contoso-403.csv');
  const csv = readFileSync(await file.path(), 'utf8');
  expect(csv).toBe((await station.api.call('custody.csv', { jobName: 'contoso-403' })).csv);
  expect(csv.split('\r\n')[0]).toBe(
    '"seq","at","operator","station","action","jobName","driveId","trackingNumber","stateBefore","stateAfter",' + '"reason","detail"',
  );
  expect(csv).toContain('drive.scanned');
  expect(csv).not.toContain('111111');
});

test('copy: started for a received job, results recorded per drive, and the job moves on to Packaging', async ({ page, station }) => {
  await putJob(station, { name: 'copy-404', tracking: 'TRK-404', drives: ['WD-404A', 'WD-404B'] });
  await receiveThroughApi(station, 'TRK-404', ['WD-404A', 'WD-404B']);
  await signIn(page, station);
  await page.keyboard.press('Alt+4');
  await expect(page.getByTestId('copy-screen')).toBeVisible();
  await page.locator('button[data-job="copy-404"]').click();
  await page.getByTestId('start-copy').click();
  await expect(page.locator('form.record-form')).toHaveCount(2);
  expect((await station.api.call('jobs.get', { name: 'copy-404' })).properties.state).toBe('Transferring');
  const a = page.locator('form.record-form[data-serial="WD-404A"]');
  await a.getByLabel('Final status').selectOption('Completed');
  await a.getByLabel('Bytes copied').fill('1000000000');
  await a.getByLabel('Verbose log URI').fill('https://logs.example.com/WD-404A/verbose.log');
  await a.getByRole('button', { name: 'Record result' }).click();
  await expect(page.getByText('Result recorded for WD-404A.')).toBeVisible();
  await expect(page.locator('form.record-form')).toHaveCount(1);
  await shot(page, 'copy-recording');
  const b = page.locator('form.record-form[data-serial="WD-404B"]');
  await b.getByLabel('Final status').selectOption('CompletedWithErrors');
  await b.getByLabel('Error log URI').fill('https://logs.example.com/WD-404B/error.log');
  await b.getByRole('button', { name: 'Record result' }).click();
  await expect(page.locator('form.record-form')).toHaveCount(0);
  const job = await station.api.call('jobs.get', { name: 'copy-404' });
  expect(job.properties.state).toBe('Packaging');
  expect(job.properties.driveList.map((d) => [d.driveId, d.state, d.copyStatus])).toEqual([
    ['WD-404A', 'Completed', 'Completed'],
    ['WD-404B', 'CompletedMoreInfo', 'CompletedWithErrors'],
  ]);
  // the job page shows the copy status and the logs
  await page.keyboard.press('Alt+3');
  await page.locator('tr[data-job="copy-404"]').getByRole('button', { name: 'copy-404' }).click();
  await expect(page.locator('.drive-table tr[data-serial="WD-404B"]')).toContainText('CompletedWithErrors');
  await expect(page.locator('.drive-table tr[data-serial="WD-404B"] a')).toHaveAttribute(
    'href',
    'https://logs.example.com/WD-404B/error.log',
  );
  await expect(page.getByTestId('job-percent')).toContainText(`${job.properties.percentComplete}%`);
  await shot(page, 'job-page-after-copy');
});

test('a copy result with a log that is not a URI is refused by the station, and the drive stays being copied', async ({
  page,
  station,
}) => {
  await putJob(station, { name: 'copy-405', tracking: 'TRK-405', drives: ['WD-405'] });
  await receiveThroughApi(station, 'TRK-405', ['WD-405']);
  await station.api.call('copy.start', { operator: OPERATOR, jobName: 'copy-405' });
  await signIn(page, station);
  await page.keyboard.press('Alt+4');
  await page.locator('button[data-job="copy-405"]').click();
  const f = page.locator('form.record-form[data-serial="WD-405"]');
  await f.getByLabel('Final status').selectOption('Completed');
  await f.getByLabel('Error log URI').evaluate((el: HTMLInputElement) => {
    el.type = 'text';
  });
  await f.getByLabel('Error log URI').fill('javascript:alert(1)');
  await f.getByRole('button', { name: 'Record result' }).click();
  await expect(page.locator('.form-error')).toContainText('errorLogUri must be an http(s) or file URI');
  expect((await station.api.call('jobs.get', { name: 'copy-405' })).properties.driveList[0]!.state).toBe('Transferring');
});

test("a drive serial scanned on the Copy screen selects that drive's job and drive, and stays on Copy", async ({ page, station }) => {
  await putJob(station, { name: 'copy-406', tracking: 'TRK-406', drives: ['WD-406'] });
  await putJob(station, { name: 'copy-407', tracking: 'TRK-407', drives: ['WD-407A', 'WD-407B'] });
  await receiveThroughApi(station, 'TRK-406', ['WD-406']);
  await receiveThroughApi(station, 'TRK-407', ['WD-407A', 'WD-407B']);
  await station.api.call('copy.start', { operator: OPERATOR, jobName: 'copy-407' });
  await signIn(page, station);
  await page.keyboard.press('Alt+4');
  await expect(page.locator('button[data-job="copy-406"]')).toHaveAttribute('aria-current', 'true');
  await scan(page, 'WD-407B');
  await expect(page.getByTestId('copy-screen')).toBeVisible();
  await expect(page.locator('button[data-job="copy-407"]')).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('copy-done')).toHaveText('Drive WD-407B of job copy-407 selected.');
  await expect(page.locator('form.record-form[data-serial="WD-407B"] select')).toBeFocused();
  // a serial not waiting for copy is refused, and the selection stays
  await scan(page, 'SN-NOWHERE-9');
  await expect(page.locator('.form-error')).toContainText('Drive SN-NOWHERE-9 is not waiting for copy or a result.');
  await expect(page.locator('button[data-job="copy-407"]')).toHaveAttribute('aria-current', 'true');
});

test('the chosen job stays chosen when a recorded result re-sorts the list and when the person comes back to Copy', async ({
  page,
  station,
}) => {
  for (const n of ['408', '409', '410']) {
    await putJob(station, { name: `copy-${n}`, tracking: `TRK-${n}`, drives: [`WD-${n}A`, `WD-${n}B`] });
    await receiveThroughApi(station, `TRK-${n}`, [`WD-${n}A`, `WD-${n}B`]);
  }
  await station.api.call('copy.start', { operator: OPERATOR, jobName: 'copy-410' });
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, station);
  await page.keyboard.press('Alt+4');
  await page.locator('button[data-job="copy-410"]').click();
  const a = page.locator('form.record-form[data-serial="WD-410A"]');
  await a.getByLabel('Final status').selectOption('Completed');
  await a.getByRole('button', { name: 'Record result' }).click();
  const done = page.getByTestId('copy-done');
  await expect(done).toHaveText('Result recorded for WD-410A.');
  await expect(done).toBeInViewport();
  await expect(page.locator('button[data-job="copy-410"]')).toHaveAttribute('aria-current', 'true');
  await expect(page.locator('form.record-form[data-serial="WD-410B"]')).toBeVisible();
  await shot(page, 'copy-1366-recorded');
  await page.keyboard.press('Alt+3');
  await expect(page.getByTestId('jobs-screen')).toBeVisible();
  await page.keyboard.press('Alt+4');
  await expect(page.locator('button[data-job="copy-410"]')).toHaveAttribute('aria-current', 'true');
  await expect(page.locator('form.record-form[data-serial="WD-410B"]')).toBeVisible();
});

test('one job found reads "1 job"; custody times show their UTC offset; an update without a state change says so', async ({
  page,
  station,
}) => {
  await putJob(station, { name: 'single-411', tracking: 'TRK-411', drives: ['WD-411'] });
  await receiveThroughApi(station, 'TRK-411', ['WD-411']);
  await station.api.call('copy.start', { operator: OPERATOR, jobName: 'single-411' });
  await station.api.call('copy.record', { operator: OPERATOR, driveId: 'WD-411', percentComplete: 40 });
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, station);
  await page.keyboard.press('Alt+3');
  await expect(page.getByTestId('jobs-total')).toHaveText('1 job');
  await expect(page.locator('form.search button[type="submit"] svg')).toHaveCount(0);
  await shot(page, 'jobs-list-1366');
  await page.getByRole('button', { name: 'single-411' }).click();
  const custody = page.getByTestId('custody');
  await expect(custody.locator('tr[data-action] td').first()).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d [+-]\d\d:\d\d$/);
  await expect(custody.locator('tr[data-action="drive.copyProgress"]')).toContainText('no state change');
  await expect(custody).not.toContainText('Transferring → Transferring');
  await expect(custody).not.toContainText('∅');
  await shot(page, 'job-page-1366');
});
