// Records and state names of the dock, named as the service's REST model names them (its Get Job JSON).

export const JOB_STATES = ['Creating', 'Shipping', 'Received', 'Transferring', 'Packaging', 'Completed', 'Closed', 'Faulted'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const DRIVE_STATES = [
  'Specified',
  'Received',
  'NeverReceived',
  'Transferring',
  'Completed',
  'CompletedMoreInfo',
  'ShippedBack',
  'Faulted',
] as const;
export type DriveState = (typeof DRIVE_STATES)[number];

export type JobType = 'Import' | 'Export';

/** What copy bays report as a drive's final status. Only `Completed` is a clean copy. */
export const COPY_STATUSES = [
  'Completed',
  'CompletedWithWarnings',
  'CompletedWithErrors',
  'DiskNotFound',
  'VolumeNotNtfs',
  'BitLockerKeyInvalid',
  'ManifestNotFound',
  'ManifestCorrupted',
  'ManifestDriveIdMismatch',
  'Failed',
] as const;
export type CopyStatus = (typeof COPY_STATUSES)[number];
/** Copy statuses that make the job end `Closed` rather than `Completed`. Warnings are not errors. */
export const COPY_ERRORS: ReadonlySet<string> = new Set(COPY_STATUSES.filter((s) => s !== 'Completed' && s !== 'CompletedWithWarnings'));

export interface DeliveryPackage {
  carrierName: string;
  trackingNumber: string;
  driveCount?: number;
  shipDate?: string;
}

export interface ReturnAddress {
  recipientName: string;
  streetAddress1: string;
  streetAddress2?: string;
  city: string;
  stateOrProvince?: string;
  postalCode: string;
  countryOrRegion: string;
  phone: string;
  email: string;
}
export const RETURN_ADDRESS_REQUIRED = [
  'recipientName',
  'streetAddress1',
  'city',
  'postalCode',
  'countryOrRegion',
  'phone',
  'email',
] as const satisfies readonly (keyof ReturnAddress)[];

export interface ReturnShipping {
  carrierName: string;
  carrierAccountNumber: string;
}

export interface ReturnPackage {
  carrierName: string;
  trackingNumber: string;
  driveCount: number;
  shipDate: string;
}

/** Why a drive is in the job: listed by the customer, an extra that came in its package, or of no job at all. */
export type DriveRole = 'listed' | 'extra' | 'orphan';

/** A drive as the dock keeps it. `bitLockerKey` never leaves the store through a view. */
export interface DriveRecord {
  id: number;
  driveId: string;
  jobName: string | null;
  role: DriveRole;
  state: DriveState;
  faultedFrom: DriveState | null;
  faultReason: string | null;
  copyStatus: string | null;
  percentComplete: number;
  bytesSucceeded: number;
  errorLogUri: string | null;
  verboseLogUri: string | null;
  manifestUri: string | null;
  manifestFile: string | null;
  manifestHash: string | null;
  hasBitLockerKey: boolean;
  heldSince: string | null;
  holdReason: string | null;
  packageTracking: string | null;
  receivedAt: string | null;
  destroyedAt: string | null;
}

export interface JobRecord {
  name: string;
  jobType: JobType;
  state: JobState;
  cancelRequested: boolean;
  faultedFrom: JobState | null;
  faultReason: string | null;
  deliveryPackage: DeliveryPackage | null;
  returnAddress: Partial<ReturnAddress> | null;
  returnShipping: ReturnShipping | null;
  returnPackage: ReturnPackage | null;
  diagnosticsPath: string | null;
  logLevel: 'Error' | 'Verbose';
  incompleteBlobListUri: string | null;
  createdAt: string;
  updatedAt: string;
  /** When the 2-week `Creating` clock started (creation, or the last update while `Creating`). */
  creatingSince: string | null;
  /** When the customer's shipping information made the job `Shipping`. */
  shippingSince: string | null;
  /** When staff recorded that the customer was notified of a package that never came. */
  notifiedAt: string | null;
  /** Staff extended the wait for a package until this time. */
  waitUntil: string | null;
  finishedAt: string | null;
  deletedAt: string | null;
  /** The job's deadline as the store keeps it beside the job (worked out by `jobDeadline`). */
  deadlineKind?: string | null;
  deadlineAt?: string | null;
  /** When the sweep must next act on the job; null when only a person can. */
  sweepAt?: string | null;
  /** Since when the job, in `Transferring`/`Packaging`, has had a return address wrong or missing. */
  addressWantingSince?: string | null;
  /** Staff reported the address wrong (though complete), why, and the address as it was then. */
  addressWrongAt?: string | null;
  addressWrongReason?: string | null;
  addressWrongWas?: string | null;
  /** Whether the job's contact was reached about the wanting address, and when that was recorded. */
  contactOutcome?: 'reached' | 'unreachable' | null;
  contactedAt?: string | null;
}

export type PackageState = 'open' | 'closed' | 'held';

export interface PackageRecord {
  trackingNumber: string;
  carrierName: string | null;
  state: PackageState;
  station: string;
  openedBy: string;
  openedAt: string;
  closedAt: string | null;
  /** Set while the package holds drives of a job in Creating or of no job. */
  heldSince: string | null;
  jobNames: string[];
}

/** Who did it and where: every change carries one. */
export interface Actor {
  operator: string;
  station: string;
}

export interface CustodyRecord {
  seq: number;
  at: string;
  operator: string;
  station: string;
  action: string;
  /** `station`: the station's own settings (its address, operators, printers), changed by a supervisor. */
  subject: 'job' | 'drive' | 'package' | 'station';
  jobName: string | null;
  driveId: string | null;
  trackingNumber: string | null;
  reason: string | null;
  stateBefore: string | null;
  stateAfter: string | null;
  detail: Record<string, unknown> | null;
}

/** The job as the service's `Get Job` returns it. Never holds a BitLocker key. */
export interface JobView {
  name: string;
  type: 'Microsoft.ImportExport/jobs';
  properties: {
    jobType: JobType;
    state: JobState;
    cancelRequested: boolean;
    percentComplete: number;
    deliveryPackage?: DeliveryPackage;
    returnAddress?: Partial<ReturnAddress>;
    returnShipping?: ReturnShipping;
    returnPackage?: ReturnPackage;
    diagnosticsPath?: string;
    logLevel: 'Error' | 'Verbose';
    incompleteBlobListUri?: string;
    driveList: DriveView[];
    provisioningState: 'Succeeded';
  };
  /** The dock's own facts, beside the service's fields. */
  dock: {
    createdAt: string;
    updatedAt: string;
    faultReason: string | null;
    faultedFrom: JobState | null;
    shippingSince: string | null;
    notifiedAt: string | null;
    waitUntil: string | null;
    deletedAt: string | null;
    extraDrives: DriveView[];
    missingAddressFields: string[];
  };
}

/** A drive as the service's `DriveStatus` names it: no key, ever. */
export interface DriveStatus {
  driveId: string;
  state: DriveState;
  copyStatus?: string;
  percentComplete: number;
  bytesSucceeded: number;
  errorLogUri?: string;
  verboseLogUri?: string;
  manifestUri?: string;
  manifestFile?: string;
  manifestHash?: string;
}

export interface DriveView extends DriveStatus {
  /** Dock facts: never the key itself. */
  role: DriveRole;
  held: boolean;
  heldSince?: string;
  packageTrackingNumber?: string;
  receivedAt?: string;
  destroyedAt?: string;
  faultReason?: string;
}
