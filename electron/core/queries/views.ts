// Read models the screens and the service's JSON use. A view never carries a BitLocker key.
import type { DriveRecord, DriveStatus, DriveView, JobRecord, JobView, PackageRecord } from '../model.ts';
import { jobPercentComplete, missingAddressFields } from '../rules.ts';

/** A drive as the service's `DriveStatus` names it, field by field, so nothing else (a key) slips out. */
export function driveStatus(d: DriveRecord): DriveStatus {
  const o: DriveStatus = { driveId: d.driveId, state: d.state, percentComplete: d.percentComplete, bytesSucceeded: d.bytesSucceeded };
  if (d.copyStatus) o.copyStatus = d.copyStatus;
  if (d.errorLogUri) o.errorLogUri = d.errorLogUri;
  if (d.verboseLogUri) o.verboseLogUri = d.verboseLogUri;
  if (d.manifestUri) o.manifestUri = d.manifestUri;
  if (d.manifestFile) o.manifestFile = d.manifestFile;
  if (d.manifestHash) o.manifestHash = d.manifestHash;
  return o;
}

export function driveView(d: DriveRecord): DriveView {
  const v: DriveView = { ...driveStatus(d), role: d.role, held: d.heldSince !== null };
  if (d.heldSince) v.heldSince = d.heldSince;
  if (d.packageTracking) v.packageTrackingNumber = d.packageTracking;
  if (d.receivedAt) v.receivedAt = d.receivedAt;
  if (d.destroyedAt) v.destroyedAt = d.destroyedAt;
  if (d.faultReason) v.faultReason = d.faultReason;
  return v;
}

export function jobView(job: JobRecord, drives: readonly DriveRecord[]): JobView {
  const props: JobView['properties'] = {
    jobType: job.jobType,
    state: job.state,
    cancelRequested: job.cancelRequested,
    percentComplete: jobPercentComplete(job, drives),
    logLevel: job.logLevel,
    driveList: drives.filter((d) => d.role === 'listed').map(driveView),
    provisioningState: 'Succeeded',
  };
  if (job.deliveryPackage) props.deliveryPackage = job.deliveryPackage;
  if (job.returnAddress) props.returnAddress = job.returnAddress;
  if (job.returnShipping) props.returnShipping = job.returnShipping;
  if (job.returnPackage) props.returnPackage = job.returnPackage;
  if (job.diagnosticsPath) props.diagnosticsPath = job.diagnosticsPath;
  if (job.incompleteBlobListUri) props.incompleteBlobListUri = job.incompleteBlobListUri;
  return {
    name: job.name,
    type: 'Microsoft.ImportExport/jobs',
    properties: props,
    dock: {
      createdAt: job.createdAt,
      updatedAt: job.updatedAt,
      faultReason: job.faultReason,
      faultedFrom: job.faultedFrom,
      shippingSince: job.shippingSince,
      notifiedAt: job.notifiedAt,
      waitUntil: job.waitUntil,
      deletedAt: job.deletedAt,
      extraDrives: drives.filter((d) => d.role !== 'listed').map(driveView),
      missingAddressFields: missingAddressFields(job.returnAddress),
    },
  };
}

export interface PackageJobView {
  name: string;
  jobType: JobRecord['jobType'];
  state: JobRecord['state'];
  cancelRequested: boolean;
  held: boolean;
  expected: DriveView[];
  extra: DriveView[];
  receivedCount: number;
  expectedCount: number;
}

export interface PackageView {
  trackingNumber: string;
  carrierName: string | null;
  state: PackageRecord['state'];
  held: boolean;
  station: string;
  openedBy: string;
  openedAt: string;
  closedAt: string | null;
  jobs: PackageJobView[];
  /** Every drive scanned into this package, whatever job it belongs to. */
  scanned: (DriveView & { jobName: string | null })[];
}
