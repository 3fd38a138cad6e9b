// What goes on each label, as plain data. Built from the station's records by data.ts; drawn by the
// HTML and ZPL writers. Nothing here can hold a BitLocker key: the records it is built from never carry one.

export const LABEL_KINDS = ['return', 'held-return', 'drive-tag', 'destruction'] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];

export const LABEL_FORMATS = ['pdf', 'html', 'zpl'] as const;
export type LabelFormat = (typeof LABEL_FORMATS)[number];

/** Page size in inches. PDF pages and ZPL labels are exactly this size. */
export interface PageSize {
  widthIn: number;
  heightIn: number;
}

export const PAGE_SIZES: Record<LabelKind, PageSize> = {
  // the carrier's standard thermal label
  return: { widthIn: 4, heightIn: 6 },
  // held drives go back on the same carrier label as a job's drives
  'held-return': { widthIn: 4, heightIn: 6 },
  // fits the top of a 2.5" drive as well as a 3.5" one
  'drive-tag': { widthIn: 3, heightIn: 2 },
  // a document, not a label: A4 (210 × 297 mm)
  destruction: { widthIn: 210 / 25.4, heightIn: 297 / 25.4 },
};

export interface PostalAddress {
  name: string;
  streetAddress1: string;
  streetAddress2?: string;
  city: string;
  stateOrProvince?: string;
  postalCode: string;
  countryOrRegion: string;
  phone?: string;
  email?: string;
}

/** What every 4 × 6 return label carries: from the dock, to the recipient, on the carrier, with the drives. */
interface ReturnShipmentLabel {
  sender: PostalAddress;
  stationId: string;
  recipient: PostalAddress;
  carrierName: string;
  carrierAccountNumber: string | null;
  trackingNumber: string;
  driveIds: string[];
  /** YYYY-MM-DD, the station's local date (the ship date on a reprint). */
  date: string;
}

export interface ReturnLabelData extends ReturnShipmentLabel {
  kind: 'return';
  jobName: string;
}

/**
 * The return label of held drives (of a job still `Creating`, or of no job on record), sent back to the
 * sender once their return is due: the same 4 × 6 label, to the address staff typed or the job's own.
 */
export interface HeldReturnLabelData extends ReturnShipmentLabel {
  kind: 'held-return';
  /** The one job the drives belong to, or null when they belong to no job on record. */
  jobName: string | null;
}

/** The line in place of the job on the return label of held drives of no job. */
export const NO_JOB_LINE = 'Held drives — no job on record';

export interface DriveTagData {
  kind: 'drive-tag';
  driveId: string;
  /** null for a drive that belongs to no job. */
  jobName: string | null;
  state: string;
  /** extra / held / listed: what a person handling the drive must know. */
  note: string | null;
  date: string;
  stationId: string;
}

export interface DestructionCertificateData {
  kind: 'destruction';
  jobName: string | null;
  driveIds: string[];
  method: string;
  operator: string;
  witness: string;
  /** When the destruction was recorded, ISO 8601 with the station's offset. */
  at: string;
  station: string;
  reason: string | null;
  dockName: string;
  sender: PostalAddress;
}

export type LabelData = ReturnLabelData | HeldReturnLabelData | DriveTagData | DestructionCertificateData;
