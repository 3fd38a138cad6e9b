// A real station store on disk with a job ready to ship back (Packaging), an extra drive, a held drive of no
// job, and a securely destroyed drive, every drive carrying a known BitLocker key that must never be printed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { ManualClock, DAY } from '../../electron/core/clock.ts';
import { Intake } from '../../electron/core/intake.ts';
import { Store } from '../../electron/core/store/index.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../electron/api/settings-schema.ts';
import { decodeBarcodes as decode } from '../decode-barcodes.ts';

export const KEY = '123456-654321-111111-222222-333333-444444-555555-666666';
export const JOB = 'JOB-TW-2026-0042';
export const SERIALS = ['WCC4N0ABC123', 'ZDH1K7QX', 'S4EVNX0M912345'] as const;
export const EXTRA = 'EXTRA-9X77';
export const TRACKING_IN = '7731-8842-1001';
export const RETURN_TRACKING = '1Z999AA10123456784';
export const HELD_JOB = 'JOB-HELD-0007';
export const HELD_SERIALS = ['HELD-DRV-1', 'HELD-DRV-2'] as const;
export const actor = { operator: 'Amy Lin', station: 'dock-1' };

export const chineseAddress = {
  recipientName: '王小明 Wang Hsiao-ming',
  streetAddress1: '中正路 100 號 5 樓',
  city: '臺北市',
  stateOrProvince: '中正區',
  postalCode: '100',
  countryOrRegion: 'TW',
  phone: '+886 2 2345 6789',
  email: 'wang@example.com.tw',
};

export const settings: Settings = {
  ...structuredClone(DEFAULT_SETTINGS),
  dockName: 'Taoyuan Receiving Dock',
  dockAddress: {
    name: 'Import/Export Receiving Dock',
    streetAddress1: '1 Datacenter Way',
    streetAddress2: 'Dock B',
    city: 'Taoyuan',
    postalCode: '330',
    countryOrRegion: 'TW',
    phone: '+886 3 000 0000',
  },
};

export interface Fixture {
  dir: string;
  store: Store;
  intake: Intake;
  clock: ManualClock;
  close(): void;
}

export function job(name: string, serials: readonly string[], tracking: string, address: Record<string, string> = chineseAddress) {
  return {
    name,
    properties: {
      jobType: 'Import',
      state: 'Shipping',
      deliveryPackage: { carrierName: 'DHL', trackingNumber: tracking },
      returnAddress: address,
      returnShipping: { carrierName: 'DHL', carrierAccountNumber: '960112233' },
      driveList: serials.map((driveId) => ({ driveId, bitLockerKey: KEY })),
    },
  };
}

/** A job through receive, copy and into Packaging, with one extra drive in its box. */
export function packagingJob(
  intake: Intake,
  name: string,
  serials: readonly string[],
  tracking: string,
  address?: Record<string, string>,
): void {
  intake.putJob(actor, job(name, serials, tracking, address));
  intake.receivePackage(actor, { trackingNumber: tracking });
  for (const s of serials) intake.scanDrive(actor, { serial: s });
  return void finishCopy(intake, name, serials);
}

function finishCopy(intake: Intake, name: string, serials: readonly string[]): void {
  intake.closePackage(actor, {});
  intake.startCopy(actor, { jobName: name });
  for (const s of serials) intake.recordCopyResult(actor, { driveId: s, copyStatus: 'Completed', bytesSucceeded: 1000 });
}

export function openFixture(): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'labels-'));
  const store = new Store(join(dir, 'intake.sqlite'));
  const clock = new ManualClock('2026-11-24T01:30:00Z');
  const intake = new Intake({ store, clock });
  // the main job: three listed drives and one extra in its box
  intake.putJob(actor, job(JOB, SERIALS, TRACKING_IN));
  intake.receivePackage(actor, { trackingNumber: TRACKING_IN });
  for (const s of SERIALS) intake.scanDrive(actor, { serial: s });
  intake.scanDrive(actor, { serial: EXTRA });
  finishCopy(intake, JOB, SERIALS);
  // a package of no job: its drive is held, and after 90 days securely destroyed
  intake.receivePackage(actor, { trackingNumber: 'NOJOB-555' });
  intake.scanDrive(actor, { serial: 'ORPHAN-001' });
  intake.scanDrive(actor, { serial: 'ORPHAN-002' });
  intake.closePackage(actor, {});
  // a job still Creating when its box came: its drives are held, and after 90 days destroyed together
  intake.putJob(actor, {
    ...job(HELD_JOB, HELD_SERIALS, 'HOLD-PKG-9'),
    properties: { ...job(HELD_JOB, HELD_SERIALS, 'HOLD-PKG-9').properties, state: 'Creating' },
  });
  intake.receivePackage(actor, { trackingNumber: 'HOLD-PKG-9' });
  for (const s of HELD_SERIALS) intake.scanDrive(actor, { serial: s });
  intake.closePackage(actor, {});
  clock.advance(91 * DAY);
  intake.recordDestruction(actor, {
    driveIds: ['ORPHAN-002'],
    method: 'Degauss and shred (NIST 800-88 Purge)',
    witness: 'Ben Chen',
    reason: 'customer unreachable for 90 days',
  });
  intake.recordDestruction(actor, {
    driveIds: [...HELD_SERIALS],
    method: 'Shredded to 2 mm particles',
    witness: 'Ben Chen',
    reason: 'no contact within 90 days',
  });
  return {
    dir,
    store,
    intake,
    clock,
    close() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs the team's decoder on a PDF or image; one "TYPE:DATA" per barcode found. */
export function decodeBarcodes(file: string, dpi?: number): string[] {
  return decode(file, dpi);
}

export function pdfinfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Object.fromEntries(
    out
      .split('\n')
      .filter((l) => l.includes(':'))
      .map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]),
  );
}

export function pdftotext(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

export function pdffonts(file: string): string {
  return execFileSync('pdffonts', [file], { encoding: 'utf8' });
}
