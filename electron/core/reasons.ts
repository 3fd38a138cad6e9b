// The reasons the station itself writes into custody, each a code with its parameters. The screens word the
// code in the reader's language; the plain English text is kept beside it for the CSV and for anyone reading
// the record without the screens. A reason a person typed stays their own words and carries no code.

export const REASONS = {
  noJob: () => 'no job on record',
  jobCreating: () => 'job still Creating',
  packageJobCreating: () => 'job still Creating: nothing is processed until it is Shipping',
  jobEnded: (p: { state: string }) => `job already ${p.state}`,
  jobReady: (p: { job: string; state: string }) => `job ${p.job} is ${p.state}`,
  notInPackage: (p: { tracking: string }) => `not in package ${p.tracking}`,
  undo: (p: { seq: number }) => `undo of custody record ${p.seq}`,
  cancelSkipsCopy: () => 'a cancelled job skips the data copy',
  nothingArrived: () => "none of the job's drives arrived",
  cancelRequested: () => 'cancel requested',
  nothingToShip: () => 'nothing of the job is at the dock to ship back',
  heldReturned: () => 'held drive returned to the sender',
  allHeldReturned: () => 'every held drive was returned',
  allHeldDestroyed: () => 'every held drive was destroyed',
  creatingExpired: (p: { weeks: number }) => `${p.weeks} weeks in Creating`,
  jobDeletedCreating: (p: { weeks: number }) => `job deleted after ${p.weeks} weeks in Creating`,
  shippingTimedOut: (p: { weeks: number }) => `${p.weeks} weeks in Shipping and the package never arrived`,
  noReply: (p: { days: number }) => `no reply ${p.days} days after the customer was notified`,
  closedNoReply: () => 'job Closed: no reply from the customer',
  purged: (p: { days: number }) => `${p.days} days after the job ended`,
  jobPurged: (p: { days: number }) => `job purged ${p.days} days after it ended`,
  purgedDeleted: (p: { days: number }) => `${p.days} days after the job was deleted`,
  jobPurgedDeleted: (p: { days: number }) => `job purged ${p.days} days after it was deleted`,
} as const;

export type ReasonCode = keyof typeof REASONS;
export type ReasonParams<C extends ReasonCode> = Parameters<(typeof REASONS)[C]> extends [infer P] ? P : Record<string, never>;

/** A reason the station wrote: its code and parameters, and the English text kept in the record. */
export interface StationReason {
  readonly code: ReasonCode;
  readonly params: Readonly<Record<string, string | number>>;
  readonly text: string;
}

export function because<C extends ReasonCode>(code: C, ...params: Parameters<(typeof REASONS)[C]>): StationReason {
  const p = (params[0] ?? {}) as Record<string, string | number>;
  const text = (REASONS[code] as (p: Record<string, string | number>) => string)(p);
  return { code, params: p, text };
}

/** The English text of a reason, whoever wrote it. */
export function reasonText(r: string | StationReason | null | undefined): string | null {
  if (r === null || r === undefined) return null;
  return typeof r === 'string' ? r : r.text;
}

/** What a custody record keeps of a station's reason in its detail, so the screens can word it. */
export function reasonDetail(
  r: string | StationReason | null | undefined,
): { reasonCode: ReasonCode; reasonParams: Record<string, string | number> } | null {
  return r && typeof r !== 'string' ? { reasonCode: r.code, reasonParams: { ...r.params } } : null;
}
