// What goes on a label, read from the station's records. Everything here reads through views and drive rows
// that have no BitLocker key column, so no label can ever carry one. A label that cannot be right (no return
// address, no tracking number, a drive of another job) is refused with a stable code and a plain message.
import { isoWithZone } from '../clock.ts';
import { fail } from '../errors.ts';
import type { Intake } from '../intake.ts';
import type { CustodyRecord, DriveRecord, JobRecord, ReturnAddress } from '../model.ts';
import { missingAddressFields } from '../rules.ts';
import { normalizeCode } from '../scan.ts';
import type {
  DestructionCertificateData,
  DriveTagData,
  HeldReturnLabelData,
  LabelData,
  LabelKind,
  PostalAddress,
  ReturnLabelData,
} from './types.ts';

/** The station settings a label needs (a subset of the station's Settings). */
export interface LabelSettings {
  stationId: string;
  dockName: string;
  dockAddress: {
    name: string;
    streetAddress1: string;
    streetAddress2?: string | undefined;
    city: string;
    stateOrProvince?: string | undefined;
    postalCode: string;
    countryOrRegion: string;
    phone?: string | undefined;
  };
}

export interface LabelRequest {
  kind: LabelKind;
  jobName?: string | undefined;
  driveId?: string | undefined;
  returnTrackingNumber?: string | undefined;
  carrierName?: string | undefined;
  carrierAccountNumber?: string | undefined;
  /** The drives scanned into the return box; by default every drive of the job waiting to go back. */
  driveIds?: string[] | undefined;
  /**
   * held-return only: the address staff typed for held drives of no job (or of a job without a complete
   * return address). When given it replaces the job's address whole, as `Intake.returnHeldDrives` does.
   */
  address?: Record<string, string> | undefined;
}

const localDate = (intake: Intake) => isoWithZone(intake.clock.now()).slice(0, 10);

function sender(s: LabelSettings): PostalAddress {
  const a = s.dockAddress;
  const out: PostalAddress = {
    name: a.name || s.dockName,
    streetAddress1: a.streetAddress1,
    city: a.city,
    postalCode: a.postalCode,
    countryOrRegion: a.countryOrRegion,
  };
  if (a.streetAddress2) out.streetAddress2 = a.streetAddress2;
  if (a.stateOrProvince) out.stateOrProvince = a.stateOrProvince;
  if (a.phone) out.phone = a.phone;
  return out;
}

function job(intake: Intake, name: unknown): JobRecord {
  if (typeof name !== 'string' || !name.trim()) fail('BAD_INPUT', 'Name the job the label is for.');
  const j = intake.store.job(name.trim());
  if (!j) fail('JOB_UNKNOWN', `There is no job named "${name}".`);
  return j;
}

function recipient(j: JobRecord): PostalAddress {
  const missing = missingAddressFields(j.returnAddress);
  if (missing.length)
    fail('ADDRESS_INCOMPLETE', `The return address of ${j.name} is missing: ${missing.join(', ')}. No label until it is complete.`, {
      fields: missing,
    });
  return postal(j.returnAddress as ReturnAddress);
}

function postal(a: ReturnAddress): PostalAddress {
  const out: PostalAddress = {
    name: a.recipientName.trim(),
    streetAddress1: a.streetAddress1.trim(),
    city: a.city.trim(),
    postalCode: a.postalCode.trim(),
    countryOrRegion: a.countryOrRegion.trim(),
    phone: a.phone.trim(),
    email: a.email.trim(),
  };
  if (a.streetAddress2?.trim()) out.streetAddress2 = a.streetAddress2.trim();
  if (a.stateOrProvince?.trim()) out.stateOrProvince = a.stateOrProvince.trim();
  return out;
}

export function returnLabelData(intake: Intake, settings: LabelSettings, r: LabelRequest): ReturnLabelData {
  const j = job(intake, r.jobName);
  const to = recipient(j);
  const shipped = j.returnPackage;
  const tracking =
    r.returnTrackingNumber !== undefined && r.returnTrackingNumber !== ''
      ? normalizeCode(r.returnTrackingNumber, 'tracking number')
      : (shipped?.trackingNumber ?? fail('BAD_INPUT', `Scan or type the return tracking number of ${j.name} first.`));
  const reprint = shipped !== null && shipped.trackingNumber === tracking;
  const carrierName =
    r.carrierName?.trim() ||
    (reprint ? shipped.carrierName : '') ||
    j.returnShipping?.carrierName ||
    fail('BAD_INPUT', `Name the return carrier of ${j.name}.`);
  const account = r.carrierAccountNumber?.trim() || j.returnShipping?.carrierAccountNumber || null;
  let drives: DriveRecord[];
  const all = intake.store.allDrivesOfJob(j.name);
  if (r.driveIds?.length) {
    const boxed = r.driveIds.map((s) => normalizeCode(s, 'drive serial'));
    const foreign = boxed.filter((s) => !all.some((d) => d.driveId === s));
    if (foreign.length) fail('DRIVE_NOT_IN_JOB', `Not drives of ${j.name}: ${foreign.join(', ')}.`, { driveIds: foreign });
    drives = boxed.map((s) => all.find((d) => d.driveId === s)!);
  } else {
    drives = reprint ? all.filter((d) => d.state === 'ShippedBack') : intake.returnDrives(j.name);
  }
  return {
    kind: 'return',
    sender: sender(settings),
    stationId: settings.stationId,
    recipient: to,
    carrierName,
    carrierAccountNumber: account,
    trackingNumber: tracking,
    jobName: j.name,
    driveIds: drives.map((d) => d.driveId),
    date: reprint ? shipped.shipDate.slice(0, 10) : localDate(intake),
  };
}

/** An address typed by staff, read the way `Intake.returnHeldDrives` reads it: text fields only, trimmed. */
function typedAddress(a: unknown): Partial<ReturnAddress> | null {
  if (a === undefined || a === null) return null;
  if (typeof a !== 'object' || Array.isArray(a)) fail('BAD_INPUT', 'The return address must be an address.');
  return Object.fromEntries(
    Object.entries(a)
      .filter(([, v]) => typeof v === 'string' && v.length <= 254)
      .map(([k, v]) => [k, (v as string).trim()]),
  );
}

/**
 * The return label of held drives: the drives must be held at the dock now, of one job or of no job (one box
 * goes to one sender), to the address typed or else the job's, complete. A tracking number already used to
 * return held drives gives the label of that return again (a reprint), with its drives and ship date.
 */
export function heldReturnLabelData(intake: Intake, settings: LabelSettings, r: LabelRequest): HeldReturnLabelData {
  if (r.returnTrackingNumber === undefined || r.returnTrackingNumber === '')
    fail('BAD_INPUT', 'Scan or type the return tracking number of the held drives first.');
  const tracking = normalizeCode(r.returnTrackingNumber, 'tracking number');
  const typed = typedAddress(r.address);
  const boxed = r.driveIds?.length ? [...new Set(r.driveIds.map((s) => normalizeCode(s, 'drive serial')))] : null;
  const shipped = intake.store.recordsOf('drive.heldReturned', tracking);
  let drives: { driveId: string; jobName: string | null }[];
  let recorded: { carrierName: string | null; account: string | null; date: string | null; address: Partial<ReturnAddress> | null } = {
    carrierName: null,
    account: null,
    date: null,
    address: null,
  };
  if (shipped.length) {
    drives = [...new Map(shipped.filter((c) => c.driveId).map((c) => [c.driveId!, { driveId: c.driveId!, jobName: c.jobName }])).values()];
    if (boxed && (boxed.length !== drives.length || boxed.some((s) => !drives.some((d) => d.driveId === s)))) {
      fail(
        'BAD_INPUT',
        `Return tracking number ${tracking} was already used for the held drives ${drives.map((d) => d.driveId).join(', ')}.`,
        { driveIds: drives.map((d) => d.driveId) },
      );
    }
    const pkg = (shipped[0]!.detail?.returnPackage ?? {}) as { carrierName?: unknown; shipDate?: unknown };
    const account = shipped[0]!.detail?.carrierAccountNumber;
    recorded = {
      carrierName: typeof pkg.carrierName === 'string' ? pkg.carrierName : null,
      account: typeof account === 'string' && account ? account : null,
      date: typeof pkg.shipDate === 'string' ? pkg.shipDate.slice(0, 10) : null,
      // the address the drives went to, where the return's custody record keeps it
      address: typedAddress(shipped[0]!.detail?.address),
    };
  } else {
    if (!boxed) fail('BAD_INPUT', 'Scan the held drives into the return box first.');
    const recs = boxed.map((s) => intake.store.activeDrive(s) ?? fail('DRIVE_UNKNOWN', `Drive ${s} is not at this dock.`, { driveId: s }));
    const notHeld = recs.filter((d) => !d.heldSince).map((d) => d.driveId);
    if (notHeld.length)
      fail('DRIVE_NOT_HELD', `Not held drives: ${notHeld.join(', ')}. Drives of a ready job go back on the job's own return label.`, {
        driveIds: notHeld,
      });
    drives = recs.map((d) => ({ driveId: d.driveId, jobName: d.jobName }));
  }
  const jobNames = [...new Set(drives.map((d) => d.jobName))];
  if (jobNames.length > 1) {
    const names = jobNames.map((n) => n ?? 'no job on record');
    fail('BAD_INPUT', `One box goes to one sender: these held drives are of ${names.join(' and ')}. Return them in separate boxes.`, {
      jobNames,
    });
  }
  const jobName = jobNames[0] ?? null;
  const job = jobName ? intake.store.job(jobName) : null;
  const address = typed ?? recorded.address ?? job?.returnAddress ?? {};
  const missing = missingAddressFields(address);
  if (missing.length) {
    fail(
      'ADDRESS_INCOMPLETE',
      typed || !jobName
        ? `The return address for these held drives is missing: ${missing.join(', ')}. No label until it is complete.`
        : `The return address of ${jobName} is missing: ${missing.join(', ')}. Type the address for these held drives; no label until it is complete.`,
      { fields: missing },
    );
  }
  const carrierName =
    r.carrierName?.trim() ||
    recorded.carrierName ||
    job?.returnShipping?.carrierName ||
    fail('BAD_INPUT', 'Name the return carrier of the held drives.');
  const account = r.carrierAccountNumber?.trim() || recorded.account || job?.returnShipping?.carrierAccountNumber || null;
  return {
    kind: 'held-return',
    sender: sender(settings),
    stationId: settings.stationId,
    recipient: postal(address as ReturnAddress),
    carrierName,
    carrierAccountNumber: account,
    trackingNumber: tracking,
    jobName,
    driveIds: drives.map((d) => d.driveId),
    date: recorded.date ?? localDate(intake),
  };
}

export function driveTagData(intake: Intake, settings: LabelSettings, r: LabelRequest): DriveTagData {
  if (r.driveId === undefined) fail('BAD_INPUT', 'Scan or type the serial of the drive to tag.');
  const serial = normalizeCode(r.driveId, 'drive serial');
  // the drive at the dock now, or else the last one seen with this serial (a tag can be reprinted)
  const d = intake.store.latestDrive(serial);
  if (!d) fail('DRIVE_UNKNOWN', `Drive ${serial} has never been at this dock.`);
  if (r.jobName && d.jobName !== r.jobName.trim())
    fail('DRIVE_NOT_IN_JOB', `Drive ${serial} is not a drive of ${r.jobName.trim()}.`, { driveIds: [serial] });
  const note = d.destroyedAt
    ? 'DESTROYED'
    : d.heldSince
      ? 'HELD: do not process'
      : d.role === 'extra'
        ? 'EXTRA: return with the job, do not copy'
        : d.role === 'orphan'
          ? 'NO JOB: held'
          : null;
  return {
    kind: 'drive-tag',
    driveId: d.driveId,
    jobName: d.jobName,
    state: d.state,
    note,
    date: localDate(intake),
    stationId: settings.stationId,
  };
}

export function destructionData(intake: Intake, settings: LabelSettings, r: LabelRequest): DestructionCertificateData {
  const serial = r.driveId ? normalizeCode(r.driveId, 'drive serial') : null;
  const jobName = r.jobName?.trim() || null;
  if (!serial && !jobName) fail('BAD_INPUT', 'Name the job or the drive whose destruction certificate to print.');
  const recs = intake
    .custodyOf(serial ? { driveId: serial, limit: 1000 } : { jobName: jobName!, limit: 1000 })
    .filter((c) => c.action === 'drive.destroyed');
  const last = recs[0];
  if (!last) fail('NOT_FOUND', `No secure destruction is recorded for ${serial ? `drive ${serial}` : `job ${jobName}`}.`);
  if (serial && jobName && last.jobName !== jobName)
    fail('DRIVE_NOT_IN_JOB', `Drive ${serial} is not a drive of ${jobName}.`, { driveIds: [serial] });
  // one destruction is one transaction: its records are consecutive, with one operator, method and witness
  const detail = (c: CustodyRecord) => c.detail ?? {};
  // a destruction records its method and witness as text
  const detailText = (c: CustodyRecord, key: 'method' | 'witness') => {
    const v = detail(c)[key];
    return typeof v === 'string' ? v : '';
  };
  const sameEvent = (c: CustodyRecord) =>
    c.action === 'drive.destroyed' &&
    c.operator === last.operator &&
    detail(c).method === detail(last).method &&
    detail(c).witness === detail(last).witness &&
    Math.abs(Date.parse(c.at) - Date.parse(last.at)) < 2000;
  const around = intake.store.custodyBetween(last.seq - 100, last.seq + 100);
  const at = around.findIndex((c) => c.seq === last.seq);
  let lo = at;
  let hi = at;
  while (lo > 0 && sameEvent(around[lo - 1]!) && around[lo - 1]!.seq === around[lo]!.seq - 1) lo--;
  while (hi < around.length - 1 && sameEvent(around[hi + 1]!) && around[hi + 1]!.seq === around[hi]!.seq + 1) hi++;
  const drives = around
    .slice(lo, hi + 1)
    .filter((c) => c.jobName === last.jobName)
    .map((c) => c.driveId)
    .filter((s): s is string => Boolean(s));
  return {
    kind: 'destruction',
    jobName: last.jobName,
    driveIds: [...new Set(drives)],
    method: detailText(last, 'method'),
    operator: last.operator,
    witness: detailText(last, 'witness'),
    at: last.at,
    station: last.station,
    reason: last.reason,
    dockName: settings.dockName,
    sender: sender(settings),
  };
}

export function labelData(intake: Intake, settings: LabelSettings, r: LabelRequest): LabelData {
  switch (r.kind) {
    case 'return':
      return returnLabelData(intake, settings, r);
    case 'held-return':
      return heldReturnLabelData(intake, settings, r);
    case 'drive-tag':
      return driveTagData(intake, settings, r);
    case 'destruction':
      return destructionData(intake, settings, r);
    default:
      return fail('BAD_INPUT', `There is no label kind "${String((r as { kind: unknown }).kind)}".`);
  }
}
