// The custody record as staff read it: a job's, a drive's or a box's records, newest first, and a job's as CSV.
import { fail } from '../errors.ts';
import type { CustodyRecord } from '../model.ts';
import { normalizeCode } from '../scan.ts';
import { csvDocument } from '../csv.ts';
import type { StoreReads } from '../store/types.ts';

export function custodyOf(
  store: StoreReads,
  input: { jobName?: unknown; driveId?: unknown; trackingNumber?: unknown; limit?: unknown; beforeSeq?: unknown },
): CustodyRecord[] {
  const limit = Math.max(1, Math.min(1000, Number(input.limit ?? 200) || 200));
  const before = Number(input.beforeSeq ?? Number.MAX_SAFE_INTEGER) || Number.MAX_SAFE_INTEGER;
  let col: 'job_name' | 'drive_id' | 'tracking_number';
  let v: string;
  if (typeof input.jobName === 'string' && input.jobName) {
    col = 'job_name';
    v = input.jobName;
  } else if (input.driveId !== undefined) {
    col = 'drive_id';
    v = normalizeCode(input.driveId, 'drive serial');
  } else if (input.trackingNumber !== undefined) {
    col = 'tracking_number';
    v = normalizeCode(input.trackingNumber, 'tracking number');
  } else fail('BAD_INPUT', 'Give a job name, drive serial or tracking number.');
  return store.custodyBy(col, v, before, limit);
}

/** The custody records of a job as CSV, oldest first. */
export function custodyCsv(store: StoreReads, jobName: unknown): string {
  if (typeof jobName !== 'string' || !jobName) fail('BAD_INPUT', 'A job name is required.');
  const rows = store.custodyOfJob(jobName);
  if (!rows.length && !store.job(jobName)) fail('JOB_UNKNOWN', `There is no job named "${jobName}".`);
  const cols = [
    'seq',
    'at',
    'operator',
    'station',
    'action',
    'jobName',
    'driveId',
    'trackingNumber',
    'stateBefore',
    'stateAfter',
    'reason',
  ] as const;
  // the details (destruction method and witness, return carrier and account …) as JSON, minus the row id
  const detail = (r: CustodyRecord) => {
    if (!r.detail) return '';
    const { row: _row, ...rest } = r.detail;
    return Object.keys(rest).length ? JSON.stringify(rest) : '';
  };
  return csvDocument([[...cols, 'detail'], ...rows.map((r) => [...cols.map((c) => r[c]), detail(r)])]);
}
