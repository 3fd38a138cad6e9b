// A demo dock: realistic jobs in every job and drive state, made by the real operations (so every record
// has its custody trail), deterministic from a seed. `npm start` uses it on first run; `npm run demo` too.
import { ManualClock, DAY, HOUR } from './clock.ts';
import { Intake } from './intake.ts';
import type { Actor, ReturnAddress } from './model.ts';

export interface DemoOptions {
  jobs: number;
  seed?: number;
}

// ---- deterministic randomness ---------------------------------------------------------------------

/** mulberry32: small, fast and the same on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Dice {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = rng(seed);
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  digits(n: number): string {
    let s = String(this.int(1, 9));
    while (s.length < n) s += String(this.int(0, 9));
    return s;
  }
  alnum(n: number, alphabet = 'ABCDEFGHJKLMNPRSTVWXYZ0123456789'): string {
    let s = '';
    while (s.length < n) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }
}

// ---- realistic data -------------------------------------------------------------------------------

export const CARRIERS = ['DHL', 'FedEx', 'UPS', 'SF Express', 'Chunghwa Post', 'T-Cat'] as const;
export type Carrier = (typeof CARRIERS)[number];

/** Tracking numbers in each carrier's own shape. */
export function trackingFor(d: Dice, carrier: Carrier): string {
  switch (carrier) {
    case 'DHL':
      return d.digits(10);
    case 'FedEx':
      return d.digits(12);
    case 'UPS':
      return `1Z${d.alnum(6, 'ABCDEFGHJKLMNPRSTVWXY0123456789')}${d.digits(10)}`;
    case 'SF Express':
      return `SF${d.digits(13)}`;
    case 'Chunghwa Post':
      return `RR${d.digits(9)}TW`;
    case 'T-Cat':
      return d.digits(12);
  }
}

/** Hardware serials as the drive makers print them. */
export function driveSerial(d: Dice): string {
  switch (d.int(0, 4)) {
    case 0:
      return `WD-WCC${d.alnum(1, '4567')}${d.alnum(1, 'ADEFHKN')}${d.digits(7)}`;
    case 1:
      return `Z${d.alnum(1, 'ACLN')}${d.alnum(6, 'ABCDEFGHJKLMNPQRSTVWXYZ0123456789')}`;
    case 2:
      return `S${d.alnum(3, 'ABCDEFGHJKLMNPRSTVWXYZ0123456789')}NX0${d.alnum(1, 'KLMNRT')}${d.digits(6)}${d.alnum(1, 'ABCDEFGHJKLMN')}`;
    case 3:
      return `${d.digits(2)}${d.alnum(1, 'ABCDEFGH')}0A0${d.alnum(5, 'ABCDEFGHJKLMNPQRSTVWXYZ0123456789')}`;
    default:
      return `WX${d.alnum(1, '12')}${d.alnum(1, 'ABCDE')}${d.digits(8)}`;
  }
}

/** 48 digits in 8 groups of 6: the shape of a BitLocker recovery key. Stored, never shown. */
export function bitLockerKey(d: Dice): string {
  return Array.from({ length: 8 }, () => String(d.int(0, 999999)).padStart(6, '0')).join('-');
}

interface Customer {
  org: string;
  slug: string;
  account: string;
  address: ReturnAddress;
}

const CUSTOMERS: readonly Customer[] = [
  {
    org: 'Formosa Genomics',
    slug: 'formosa-genomics',
    account: 'fgenomicsarchive',
    address: {
      recipientName: 'Chen Yi-Ting, Formosa Genomics',
      streetAddress1: 'No. 7, Sec. 5, Xinyi Rd.',
      streetAddress2: '12F',
      city: 'Taipei',
      stateOrProvince: 'Xinyi District',
      postalCode: '110',
      countryOrRegion: 'TW',
      phone: '+886 2 2720 1234',
      email: 'it-ops@formosagenomics.com.tw',
    },
  },
  {
    org: 'Hsinchu Wafer Labs',
    slug: 'hsinchu-wafer',
    account: 'hcwaferlabs',
    address: {
      recipientName: 'Lin Chih-Hao',
      streetAddress1: 'No. 8, Li-Hsin Rd. 6',
      city: 'Hsinchu',
      stateOrProvince: 'East District',
      postalCode: '300',
      countryOrRegion: 'TW',
      phone: '+886 3 578 9000',
      email: 'storage@hcwaferlabs.tw',
    },
  },
  {
    org: 'Taichung Precision Machinery',
    slug: 'tc-precision',
    account: 'tcprecisionbak',
    address: {
      recipientName: 'Wang Mei-Ling',
      streetAddress1: 'No. 2, Gongyequ 38th Rd.',
      city: 'Taichung',
      stateOrProvince: 'Xitun District',
      postalCode: '407',
      countryOrRegion: 'TW',
      phone: '+886 4 2359 0011',
      email: 'mis@tcprecision.com.tw',
    },
  },
  {
    org: 'Kaohsiung Harbour Logistics',
    slug: 'khh-harbour',
    account: 'khhharbourlogs',
    address: {
      recipientName: 'Huang Jun-Wei',
      streetAddress1: 'No. 62, Haibian Rd.',
      streetAddress2: 'Building B',
      city: 'Kaohsiung',
      stateOrProvince: 'Lingya District',
      postalCode: '802',
      countryOrRegion: 'TW',
      phone: '+886 7 331 2200',
      email: 'datateam@khharbour.com.tw',
    },
  },
  {
    org: 'Tainan Film Archive',
    slug: 'tainan-film',
    account: 'tnfilmarchive',
    address: {
      recipientName: 'Tsai Shu-Fen',
      streetAddress1: 'No. 1, Sec. 1, Zhongzheng Rd.',
      city: 'Tainan',
      stateOrProvince: 'West Central District',
      postalCode: '700',
      countryOrRegion: 'TW',
      phone: '+886 6 221 8800',
      email: 'archive@tnfilm.org.tw',
    },
  },
  {
    org: 'Contoso Media',
    slug: 'contoso-media',
    account: 'contosomediaingest',
    address: {
      recipientName: 'Avery Johnson',
      streetAddress1: '4567 Main St',
      streetAddress2: 'Suite 300',
      city: 'Redmond',
      stateOrProvince: 'WA',
      postalCode: '98052',
      countryOrRegion: 'US',
      phone: '+1 425 555 0142',
      email: 'ingest@contoso-media.example',
    },
  },
  {
    org: 'Fabrikam Research',
    slug: 'fabrikam',
    account: 'fabrikamresearch',
    address: {
      recipientName: 'Jonas Becker',
      streetAddress1: 'Lindenstrasse 12',
      city: 'Berlin',
      postalCode: '10969',
      countryOrRegion: 'DE',
      phone: '+49 30 1234 5678',
      email: 'it@fabrikam-research.example',
    },
  },
  {
    org: 'Sakura Survey',
    slug: 'sakura-survey',
    account: 'sakurasurvey',
    address: {
      recipientName: 'Sato Haruka',
      streetAddress1: '2-11-3 Meguro',
      city: 'Meguro-ku',
      stateOrProvince: 'Tokyo',
      postalCode: '153-0063',
      countryOrRegion: 'JP',
      phone: '+81 3 5555 0101',
      email: 'data@sakura-survey.example',
    },
  },
  {
    org: 'Merlion Health',
    slug: 'merlion-health',
    account: 'merlionhealth',
    address: {
      recipientName: 'Tan Wei Ming',
      streetAddress1: '1 Fusionopolis Way',
      streetAddress2: '#20-01',
      city: 'Singapore',
      postalCode: '138632',
      countryOrRegion: 'SG',
      phone: '+65 6555 0123',
      email: 'infra@merlionhealth.example',
    },
  },
  {
    org: 'Han River Studio',
    slug: 'hanriver',
    account: 'hanriverstudio',
    address: {
      recipientName: 'Kim Min-jun',
      streetAddress1: '21 Teheran-ro 10-gil',
      city: 'Seoul',
      stateOrProvince: 'Gangnam-gu',
      postalCode: '06234',
      countryOrRegion: 'KR',
      phone: '+82 2 555 0199',
      email: 'post@hanriver-studio.example',
    },
  },
];

const OPERATORS = ['Amy Lin', 'Ben Chen', 'Chloe Hsu', 'David Wu'] as const;
const STATIONS = ['dock-1', 'dock-2'] as const;
const FAILURES = [
  'CompletedWithErrors',
  'DiskNotFound',
  'VolumeNotNtfs',
  'BitLockerKeyInvalid',
  'ManifestNotFound',
  'ManifestCorrupted',
  'ManifestDriveIdMismatch',
] as const;
const FAULTS = [
  'Drive enclosure cracked in transit; customer contacted',
  'Copy bay reported repeated read errors on the SATA bridge',
  'Customer asked to pause: wrong storage account in the job',
  'Manifest and drive list disagree; waiting for a corrected manifest',
] as const;

// ---- the plan -------------------------------------------------------------------------------------

/** One step of the demo, at a moment in the past. Steps of different scenarios never touch each other. */
interface Step {
  at: number;
  order: number;
  run: (x: Ctx) => void;
}

interface Ctx {
  intake: Intake;
  clock: ManualClock;
  /** Moves the clock forward a little: time passes between two scans. */
  tick: (ms?: number) => void;
}

const KINDS = [
  'creating',
  'creatingHeld',
  'orphanBox',
  'shipping',
  'shippingOverdue',
  'shippingNotified',
  'shippingExtended',
  'closedNoReply',
  'received',
  'transferring',
  'packaging',
  'completed',
  'closedErrors',
  'faultedJob',
  'faultedDrive',
  'cancelled',
  'sharedBox',
  'export',
  'lateArrival',
  'deleted',
  'undoneScan',
  'destroyed',
] as const;
type Kind = (typeof KINDS)[number];
/** How often each scenario comes after the first round, so a big demo looks like a working dock. */
const WEIGHTS: Record<Kind, number> = {
  creating: 6,
  creatingHeld: 1,
  orphanBox: 1,
  shipping: 10,
  shippingOverdue: 2,
  shippingNotified: 1,
  shippingExtended: 1,
  closedNoReply: 1,
  received: 6,
  transferring: 8,
  packaging: 5,
  completed: 14,
  closedErrors: 4,
  faultedJob: 1,
  faultedDrive: 1,
  cancelled: 1,
  sharedBox: 3,
  export: 4,
  lateArrival: 1,
  deleted: 1,
  undoneScan: 1,
  destroyed: 1,
};

/**
 * Fills the intake's store with `jobs` jobs (a scenario may make two or three) through the real operations,
 * at moments in the past relative to the intake's clock, so deadlines fall as they would at a real dock.
 * The same seed and the same clock give the same store.
 */
export function seedDemo(intake: Intake, opts: DemoOptions): void {
  const total = Math.max(0, Math.floor(opts.jobs));
  const d = new Dice(opts.seed ?? 1);
  const now = intake.clock.now().getTime();
  const clock = new ManualClock(new Date(now - 200 * DAY));
  // a private intake on the same store with a clock the seeder moves; listeners are not told of each step
  const seeder = new Intake({ store: intake.store, clock });
  const steps: Step[] = [];
  let order = 0;
  const at = (t: number, run: Step['run']) => steps.push({ at: Math.min(t, now - 60_000), order: order++, run });

  const used = new Set<string>();
  const unique = (make: () => string): string => {
    for (;;) {
      const v = make();
      if (!used.has(v)) {
        used.add(v);
        return v;
      }
    }
  };
  let n = 0;
  const kinds: Kind[] = [];
  const weighted = (Object.entries(WEIGHTS) as [Kind, number][]).flatMap(([k, w]) => Array<Kind>(w).fill(k));
  while (n < total) {
    const k = kinds.length < KINDS.length ? KINDS[kinds.length]! : d.pick(weighted);
    kinds.push(k);
    n += k === 'sharedBox' ? 2 : k === 'lateArrival' ? 2 : k === 'orphanBox' || k === 'destroyed' ? 0 : 1;
    if (k === 'orphanBox' || k === 'destroyed') n += 1; // a box of no job counts as one job's worth of work
  }

  const actor = (): Actor => ({ operator: d.pick(OPERATORS), station: d.pick(STATIONS) });
  let jobNo = 0;
  const newJob = (kind: 'Import' | 'Export', driveCount: number) => {
    const c = d.pick(CUSTOMERS);
    jobNo++;
    const name = unique(() => `${c.slug}-${kind === 'Import' ? 'imp' : 'exp'}-${String(jobNo).padStart(5, '0')}`);
    const carrier = d.pick(CARRIERS);
    const tracking = unique(() => trackingFor(d, carrier));
    const drives = Array.from({ length: driveCount }, () => ({
      driveId: unique(() => driveSerial(d)),
      bitLockerKey: bitLockerKey(d),
      manifestFile: '\\DriveManifest.xml',
      manifestHash: d.alnum(32, '0123456789ABCDEF'),
    }));
    return { c, name, carrier, tracking, drives, kind };
  };
  type J = ReturnType<typeof newJob>;
  const body = (j: J, state: 'Creating' | 'Shipping', extra: Record<string, unknown> = {}) => ({
    name: j.name,
    properties: {
      jobType: j.kind,
      state,
      deliveryPackage: { carrierName: j.carrier, trackingNumber: j.tracking, driveCount: j.drives.length, shipDate: '' },
      returnAddress: j.c.address,
      returnShipping: { carrierName: d.pick(['DHL', 'FedEx', 'UPS']), carrierAccountNumber: d.digits(9) },
      diagnosticsPath: 'waimportexport',
      logLevel: d.chance(0.3) ? 'Verbose' : 'Error',
      ...(j.kind === 'Import' ? { driveList: j.drives } : {}),
      ...extra,
    },
  });
  const logs = (j: J, serial: string, t: number) => {
    const stamp = new Date(t).toISOString().replace(/[-:]/g, '').slice(0, 15);
    const base = `https://${j.c.account}.blob.core.windows.net/waimportexport/${serial}_${stamp}`;
    return { errorLogUri: `${base}_error.xml`, verboseLogUri: `${base}_verbose.xml` };
  };
  const bytes = () => d.int(200, 7_800) * 1_000_000_000 + d.int(0, 999_999_999);

  // The steps a job goes through; each returns the time after it. t is when the job was created.
  const put = (j: J, t: number, state: 'Creating' | 'Shipping', extra: Record<string, unknown> = {}) => {
    const who = actor();
    const b = body(j, state, extra);
    (b.properties.deliveryPackage as { shipDate: string }).shipDate = new Date(t).toISOString().slice(0, 10);
    at(t, (x) => {
      x.intake.putJob(who, b);
    });
  };
  const ship = (j: J, t: number) => {
    const who = actor();
    at(t, (x) => {
      x.intake.updateJob(who, j.name, { state: 'Shipping' });
    });
  };
  /** A box arrives: scanned drive by drive (all but `missing`), with `extras` and foreign drives in it, then closed. */
  const receive = (
    t: number,
    tracking: string,
    carrier: string,
    scans: { serial: string; jobName?: string }[],
    opts2: { undo?: string } = {},
  ) => {
    const who = actor();
    at(t, (x) => {
      x.intake.receivePackage(who, { trackingNumber: tracking, carrierName: carrier });
      for (const s of scans) {
        x.tick(d.int(3, 25) * 1000);
        x.intake.scanDrive(who, { serial: s.serial, ...(s.jobName ? { jobName: s.jobName } : {}) });
        if (opts2.undo === s.serial) {
          x.tick(4000);
          x.intake.undoLastScan(who);
        }
      }
      x.tick(d.int(20, 90) * 1000);
      x.intake.closePackage(who, { trackingNumber: tracking });
    });
  };
  const copy = (j: J, t: number, serials: string[], outcome: (serial: string, i: number) => string | number) => {
    const who = { operator: 'copy-bay-3', station: 'copy-bay-3' };
    at(t, (x) => {
      x.intake.startCopy(who, { jobName: j.name, driveIds: serials });
    });
    serials.forEach((serial, i) => {
      const o = outcome(serial, i);
      const tEnd = t + d.int(3, 30) * HOUR;
      if (typeof o === 'number') {
        at(t + (tEnd - t) / 2, (x) => {
          x.intake.recordCopyResult(who, { driveId: serial, percentComplete: o, bytesSucceeded: Math.floor((bytes() * o) / 100) });
        });
      } else {
        at(tEnd, (x) => {
          x.intake.recordCopyResult(who, {
            driveId: serial,
            copyStatus: o,
            percentComplete: o === 'Completed' || o === 'CompletedWithWarnings' || o === 'CompletedWithErrors' ? 100 : d.int(0, 40),
            bytesSucceeded: bytes(),
            ...logs(j, serial, tEnd),
          });
        });
      }
    });
    return t + 31 * HOUR;
  };
  const shipBack = (j: J, t: number) => {
    const who = actor();
    const carrier = d.pick(['DHL', 'FedEx', 'UPS'] as const);
    const tracking = unique(() => trackingFor(d, carrier));
    at(t, (x) => {
      x.intake.shipBack(who, { jobName: j.name, carrierName: carrier, trackingNumber: tracking });
    });
  };
  const ago = (lo: number, hi: number) => now - d.int(lo * 24, hi * 24) * HOUR - d.int(0, 3599) * 1000;
  const serials = (j: J) => j.drives.map((x) => x.driveId);
  const cleanOrWarn = () => (d.chance(0.85) ? 'Completed' : 'CompletedWithWarnings');

  /** An import job that went all the way to a received and closed box, with some variety. */
  const arrived = (j: J, t0: number, o: { missing?: number; extra?: number; undo?: boolean } = {}) => {
    if (d.chance(0.5)) put(j, t0, 'Shipping');
    else {
      put(j, t0, 'Creating');
      ship(j, t0 + d.int(1, 20) * HOUR);
    }
    const present = serials(j).slice(0, j.drives.length - (o.missing ?? 0));
    const scans = present.map((s) => ({ serial: s }));
    for (let i = 0; i < (o.extra ?? 0); i++) scans.splice(d.int(0, scans.length), 0, { serial: unique(() => driveSerial(d)) });
    // a drive from the next box scanned by mistake, then undone
    const wrong = o.undo ? unique(() => driveSerial(d)) : null;
    if (wrong) scans.push({ serial: wrong });
    const t2 = t0 + d.int(2, 6) * DAY;
    receive(t2, j.tracking, j.carrier, scans, wrong ? { undo: wrong } : {});
    return { t: t2 + HOUR, present };
  };

  let orphanBoxes = 0;
  for (const kind of kinds) {
    switch (kind) {
      case 'creating': {
        const j = newJob('Import', d.int(1, 4));
        const t0 = ago(1, 12);
        put(j, t0, 'Creating');
        if (d.chance(0.4)) {
          const who = actor();
          at(Math.min(now - HOUR, t0 + d.int(2, 48) * HOUR), (x) => {
            x.intake.updateJob(who, j.name, { logLevel: 'Verbose' });
          });
        }
        break;
      }
      case 'deleted': {
        const j = newJob('Import', d.int(1, 3));
        put(j, ago(15, 40), 'Creating');
        break;
      }
      case 'creatingHeld': {
        // the customer shipped before their job left Creating: the box and its drives are held
        const j = newJob('Import', d.int(1, 3));
        const t0 = ago(16, 30);
        put(j, t0, 'Creating');
        receive(
          t0 + d.int(2, 5) * DAY,
          j.tracking,
          j.carrier,
          serials(j).map((s) => ({ serial: s })),
        );
        // the customer keeps updating the job (each update restarts its 2 weeks) but has not shipped it
        for (let t = t0 + d.int(8, 12) * DAY; t < now - DAY; t += d.int(8, 12) * DAY) {
          const who = actor();
          const level = d.chance(0.5) ? 'Verbose' : 'Error';
          at(t, (x) => {
            x.intake.updateJob(who, j.name, { logLevel: level });
          });
        }
        break;
      }
      case 'orphanBox': {
        // a box with no job on record: held, with its 2-week and 90-day deadlines running
        const carrier = d.pick(CARRIERS);
        const tracking = unique(() => trackingFor(d, carrier));
        // the first box of no job is past its 90 days, the second past its 2 weeks, then any age
        const age = [ago(91, 120), ago(15, 60), ago(1, 10)];
        orphanBoxes++;
        receive(
          orphanBoxes <= age.length ? age[orphanBoxes - 1]! : d.pick(age),
          tracking,
          carrier,
          Array.from({ length: d.int(1, 2) }, () => ({ serial: unique(() => driveSerial(d)) })),
        );
        break;
      }
      case 'destroyed': {
        const carrier = d.pick(CARRIERS);
        const tracking = unique(() => trackingFor(d, carrier));
        const orphans = Array.from({ length: d.int(1, 2) }, () => unique(() => driveSerial(d)));
        const t0 = ago(95, 150);
        receive(
          t0,
          tracking,
          carrier,
          orphans.map((s) => ({ serial: s })),
        );
        const who = { operator: 'Ben Chen', station: 'dock-1' };
        at(t0 + d.int(91, 94) * DAY, (x) => {
          x.intake.recordDestruction(who, {
            driveIds: orphans,
            method: 'NIST 800-88 purge and shred',
            witness: 'Amy Lin',
            reason: 'held 90 days: no job on record, customer unreachable',
          });
        });
        break;
      }
      case 'shipping': {
        const j = newJob('Import', d.int(1, 5));
        const t0 = ago(1, 12);
        put(j, t0, 'Creating');
        ship(j, Math.min(now - HOUR, t0 + d.int(1, 30) * HOUR));
        break;
      }
      case 'shippingOverdue': {
        const j = newJob('Import', d.int(1, 3));
        put(j, ago(15, 25), 'Shipping');
        break;
      }
      case 'shippingNotified': {
        const j = newJob('Import', d.int(1, 3));
        const t0 = ago(20, 40);
        put(j, t0, 'Shipping');
        const who = actor();
        at(t0 + d.int(15, 19) * DAY, (x) => {
          x.intake.notifyCustomer(who, j.name, 'Emailed the job contact: package not yet at the dock');
        });
        break;
      }
      case 'shippingExtended': {
        const j = newJob('Import', d.int(1, 3));
        const t0 = ago(16, 25);
        put(j, t0, 'Shipping');
        const who = actor();
        at(t0 + 15 * DAY, (x) => {
          x.intake.extendWait(who, j.name, 14, 'Customer says the box is held at customs');
        });
        break;
      }
      case 'closedNoReply': {
        const j = newJob('Import', d.int(1, 2));
        const t0 = ago(50, 80);
        put(j, t0, 'Shipping');
        const who = actor();
        at(t0 + 15 * DAY, (x) => {
          x.intake.notifyCustomer(who, j.name, 'Called and emailed; no answer');
        });
        break;
      }
      case 'received': {
        const j = newJob('Import', d.int(1, 6));
        arrived(j, ago(3, 10), { missing: j.drives.length > 2 && d.chance(0.4) ? 1 : 0, extra: d.chance(0.3) ? 1 : 0 });
        break;
      }
      case 'undoneScan': {
        const j = newJob('Import', d.int(2, 4));
        arrived(j, ago(3, 10), { extra: 1, undo: true });
        break;
      }
      case 'transferring': {
        const j = newJob('Import', d.int(2, 6));
        const r = arrived(j, ago(6, 14), { extra: d.chance(0.2) ? 1 : 0 });
        copy(j, r.t, r.present, (_s, i) => (i === 0 ? d.int(5, 95) : d.chance(0.5) ? cleanOrWarn() : d.int(5, 95)));
        if (d.chance(0.3)) {
          // the customer's address turned out wrong: staff cleared the phone until they reach them
          const who = actor();
          at(r.t + 2 * HOUR, (x) => {
            x.intake.updateJob(who, j.name, { returnAddress: { phone: '' } });
          });
        }
        break;
      }
      case 'faultedDrive': {
        const j = newJob('Import', d.int(2, 4));
        const r = arrived(j, ago(6, 14));
        copy(j, r.t, r.present.slice(1), () => 50);
        const who = actor();
        const first = r.present[0]!;
        at(r.t + 2 * HOUR, (x) => {
          x.intake.faultDrive(who, first, d.pick(FAULTS));
        });
        break;
      }
      case 'faultedJob': {
        const j = newJob('Import', d.int(1, 3));
        const r = arrived(j, ago(6, 14));
        const who = actor();
        at(r.t + 3 * HOUR, (x) => {
          x.intake.faultJob(who, j.name, d.pick(FAULTS));
        });
        break;
      }
      case 'packaging': {
        const j = newJob('Import', d.int(1, 5));
        const r = arrived(j, ago(8, 20), { missing: j.drives.length > 3 && d.chance(0.3) ? 1 : 0 });
        copy(j, r.t, r.present, () => (d.chance(0.15) ? d.pick(FAILURES) : cleanOrWarn()));
        break;
      }
      case 'completed':
      case 'closedErrors': {
        const j = newJob('Import', d.int(1, 5));
        const r = arrived(j, ago(12, 80), { extra: d.chance(0.15) ? 1 : 0 });
        const tEnd = copy(j, r.t, r.present, (_s, i) =>
          kind === 'closedErrors' && i === 0 ? d.pick(FAILURES) : kind === 'completed' ? cleanOrWarn() : 'Completed',
        );
        shipBack(j, tEnd + d.int(1, 3) * DAY);
        break;
      }
      case 'cancelled': {
        const j = newJob('Import', d.int(1, 3));
        const t0 = ago(10, 30);
        put(j, t0, 'Shipping');
        const who = actor();
        at(t0 + DAY, (x) => {
          x.intake.cancelJob(who, j.name, 'Customer cancelled: data uploaded over the network instead');
        });
        receive(
          t0 + d.int(3, 6) * DAY,
          j.tracking,
          j.carrier,
          serials(j).map((s) => ({ serial: s })),
        );
        if (d.chance(0.5)) shipBack(j, t0 + 8 * DAY);
        break;
      }
      case 'sharedBox': {
        // several jobs in one box: trackings …, each disk labelled with its job name
        const parts = d.int(2, 3);
        const jobs = Array.from({ length: parts }, () => newJob('Import', d.int(1, 3)));
        const carrier = d.pick(CARRIERS);
        const base = unique(() => trackingFor(d, carrier));
        const t0 = ago(5, 30);
        jobs.forEach((j, i) => {
          j.carrier = carrier;
          j.tracking = `${base}-${i + 1}`;
          put(j, t0 + i * HOUR, 'Shipping');
        });
        const scans: { serial: string; jobName?: string }[] = jobs.flatMap((j) => serials(j).map((s) => ({ serial: s })));
        // one unlisted disk labelled with the first job's name
        scans.push({ serial: unique(() => driveSerial(d)), jobName: jobs[0]!.name });
        const tBox = t0 + d.int(2, 4) * DAY;
        receive(tBox, base, carrier, scans);
        if (d.chance(0.6)) copy(jobs[0]!, tBox + HOUR, serials(jobs[0]!), () => cleanOrWarn());
        break;
      }
      case 'export': {
        // an export job's drives are not known until they arrive: each is Received when scanned
        const j = newJob('Export', 0);
        const blank = Array.from({ length: d.int(1, 3) }, () => unique(() => driveSerial(d)));
        const t0 = ago(4, 40);
        put(j, t0, 'Shipping', { incompleteBlobListUri: `https://${j.c.account}.blob.core.windows.net/exports/incomplete-${j.name}.xml` });
        const tBox = t0 + d.int(2, 5) * DAY;
        receive(
          tBox,
          j.tracking,
          j.carrier,
          blank.map((s) => ({ serial: s })),
        );
        const stage = d.int(0, 2);
        if (stage >= 1) {
          const tEnd = copy(j, tBox + HOUR, blank, (_s, i) => (stage === 1 && i === 0 ? 60 : 'Completed'));
          if (stage === 2) shipBack(j, tEnd + DAY);
        }
        break;
      }
      case 'lateArrival': {
        // job A's box came without one drive (NeverReceived); the drive turned up later in job B's box
        const a = newJob('Import', d.int(2, 4));
        const b = newJob('Import', d.int(1, 3));
        const t0 = ago(8, 20);
        put(a, t0, 'Shipping');
        const late = a.drives[a.drives.length - 1]!.driveId;
        receive(
          t0 + 2 * DAY,
          a.tracking,
          a.carrier,
          serials(a)
            .filter((s) => s !== late)
            .map((s) => ({ serial: s })),
        );
        put(b, t0 + 3 * DAY, 'Shipping');
        receive(
          t0 + 5 * DAY,
          b.tracking,
          b.carrier,
          [...serials(b), late].map((s) => ({ serial: s })),
        );
        break;
      }
    }
  }

  steps.sort((x, y) => x.at - y.at || x.order - y.order);
  const ctx: Ctx = { intake: seeder, clock, tick: (msd = 5000) => clock.advance(msd) };
  // many steps per transaction: a fresh demo store is written in seconds, not one fsync per scan
  const BATCH = 400;
  for (let i = 0; i < steps.length; i += BATCH) {
    intake.store.transaction(() => {
      for (const s of steps.slice(i, i + BATCH)) {
        if (s.at > clock.now().getTime()) clock.set(new Date(s.at));
        else clock.advance(1000);
        s.run(ctx);
      }
    });
  }
  // what was due by now is applied, as the station's own sweep would have done
  clock.set(new Date(Math.max(now, clock.now().getTime())));
  seeder.sweep({ operator: 'deadline sweep', station: 'dock-1' });
}
