// The service's job JSON (Put body, Update body, `Get Job` answers), checked with zod before anything is written.
import { z } from 'zod';
import { fail } from './errors.ts';
import {
  DRIVE_STATES,
  JOB_STATES,
  type DeliveryPackage,
  type DriveState,
  type JobState,
  type JobType,
  type ReturnAddress,
  type ReturnPackage,
  type ReturnShipping,
} from './model.ts';
import { normalizeCode } from './scan.ts';
import { IntakeError } from './errors.ts';

/** An import larger than this is refused before it is parsed. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_JOBS = 2000;

const text = (max: number) => z.string().trim().min(1).max(max);
const serial = z.string().transform((s, ctx) => {
  try {
    return normalizeCode(s, 'drive serial');
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: e instanceof Error ? e.message : 'not a drive serial' });
    return z.NEVER;
  }
});
const tracking = z.string().transform((s, ctx) => {
  try {
    return normalizeCode(s, 'tracking number');
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: e instanceof Error ? e.message : 'not a tracking number' });
    return z.NEVER;
  }
});

/** The service writes a field it has no value for as null: the same as leaving it out. */
function withoutNulls(v: unknown): unknown {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null));
}
const serviceObject = <T extends z.ZodType>(schema: T) => z.preprocess(withoutNulls, schema);

const deliveryPackage = serviceObject(
  z.object({
    carrierName: text(64),
    trackingNumber: tracking,
    driveCount: z.number().int().min(0).max(1000).optional(),
    shipDate: z.string().max(40).optional(),
  }),
);
const returnAddress = serviceObject(
  z.object({
    recipientName: z.string().max(120).optional(),
    streetAddress1: z.string().max(200).optional(),
    streetAddress2: z.string().max(200).optional(),
    city: z.string().max(100).optional(),
    stateOrProvince: z.string().max(100).optional(),
    postalCode: z.string().max(20).optional(),
    countryOrRegion: z.string().max(60).optional(),
    phone: z.string().max(40).optional(),
    email: z.string().max(254).optional(),
  }),
);
const returnShipping = z.object({ carrierName: text(64), carrierAccountNumber: text(64) });
const returnPackage = serviceObject(
  z.object({
    carrierName: text(64),
    trackingNumber: tracking,
    driveCount: z.number().int().min(0),
    shipDate: z.string().max(40),
  }),
);
const driveIn = serviceObject(
  z
    .object({
      driveId: serial,
      state: z.enum(DRIVE_STATES).optional(),
      bitLockerKey: z.string().max(128).optional(),
      manifestFile: z.string().max(1024).optional(),
      manifestHash: z.string().max(256).optional(),
      manifestUri: z.string().max(2048).optional(),
    })
    .loose(),
);
const jobName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a job name uses letters, digits and . _ -');

const properties = serviceObject(
  z
    .object({
      jobType: z.enum(['Import', 'Export']).optional(),
      state: z.enum(JOB_STATES).optional(),
      cancelRequested: z.boolean().optional(),
      deliveryPackage: deliveryPackage.optional(),
      returnAddress: returnAddress.optional(),
      returnShipping: returnShipping.optional(),
      returnPackage: returnPackage.optional(),
      diagnosticsPath: z.string().max(1024).optional(),
      logLevel: z.enum(['Error', 'Verbose']).optional(),
      incompleteBlobListUri: z.string().max(2048).optional(),
      driveList: z.array(driveIn).max(100).optional(),
    })
    .loose(),
);

const jobJson = z.object({ name: jobName, properties }).loose();

export interface DriveInput {
  driveId: string;
  state?: DriveState;
  bitLockerKey?: string;
  manifestFile?: string;
  manifestHash?: string;
  manifestUri?: string;
}

export interface JobInput {
  name: string;
  jobType: JobType;
  state?: JobState;
  cancelRequested?: boolean;
  deliveryPackage?: DeliveryPackage;
  returnAddress?: Partial<ReturnAddress>;
  returnShipping?: ReturnShipping;
  returnPackage?: ReturnPackage;
  diagnosticsPath?: string;
  logLevel?: 'Error' | 'Verbose';
  incompleteBlobListUri?: string;
  driveList: DriveInput[];
  /** From the service's JSON: drive and job states are taken as reported. */
  imported: boolean;
}

export type JobPatch = z.infer<typeof patchSchema>;
const patchSchema = z
  .object({
    state: z.literal('Shipping').optional(),
    cancelRequested: z.literal(true).optional(),
    deliveryPackage: deliveryPackage.optional(),
    returnAddress: returnAddress.optional(),
    returnShipping: returnShipping.optional(),
    diagnosticsPath: z.string().max(1024).optional(),
    logLevel: z.enum(['Error', 'Verbose']).optional(),
    driveList: z.array(driveIn).min(1).max(100).optional(),
  })
  .strict();

/** An issue's message as a clause: a message that is a sentence of its own (a scan's refusal) ends in a full stop. */
const clause = (message: string) => message.replace(/[.\s]+$/, '');

function explain(e: z.ZodError, code: 'BAD_INPUT' | 'IMPORT_INVALID'): never {
  const first = e.issues.slice(0, 3).map((i) => `${i.path.length ? i.path.join('.') : 'input'}: ${clause(i.message)}`);
  fail(code, `The job data is not valid: ${first.join('; ')}.`, {
    issues: e.issues.slice(0, 20).map((i) => ({ path: i.path.map(String), message: i.message })),
  });
}

/** Why a job of the service's JSON cannot be taken in, as a code and its params (words are the screens'). */
export interface Refusal {
  code: 'IMPORT_INVALID' | 'IMPORT_JOB_TOO_LATE' | 'IMPORT_EXPORT_LISTS_DRIVES' | 'IMPORT_DRIVE_TOO_LATE' | 'IMPORT_DRIVE_TWICE';
  params: Record<string, string | number>;
  message: string;
}

/** A job of the service's JSON the dock cannot take in as it is, and why; null when it can. */
export function refusalOf(j: z.infer<typeof jobJson>): Refusal | null {
  const p = j.properties;
  const drives = p.driveList ?? [];
  if (p.state && p.state !== 'Creating' && p.state !== 'Shipping') {
    return {
      code: 'IMPORT_JOB_TOO_LATE',
      params: { name: j.name, state: p.state },
      message:
        `Job ${j.name} is ${p.state} at the service: the dock takes in jobs before their drives arrive (Creating or Shipping); ` +
        'its own records carry it from there.',
    };
  }
  if ((p.jobType ?? 'Import') === 'Export' && drives.length) {
    return {
      code: 'IMPORT_EXPORT_LISTS_DRIVES',
      params: { name: j.name },
      message:
        `Export job ${j.name} lists drives: an export job's drives are not known until they arrive at the dock, ` +
        'where they are received as scanned.',
    };
  }
  const late = drives.find((d) => d.state && d.state !== 'Specified');
  if (late) {
    return {
      code: 'IMPORT_DRIVE_TOO_LATE',
      params: { name: j.name, driveId: late.driveId, state: late.state! },
      message: `Drive ${late.driveId} of job ${j.name} is ${late.state} at the service: a drive not yet at the dock is Specified.`,
    };
  }
  const seen = new Set<string>();
  for (const d of drives) {
    if (seen.has(d.driveId)) {
      return {
        code: 'IMPORT_DRIVE_TWICE',
        params: { name: j.name, driveId: d.driveId },
        message: `Drive ${d.driveId} is listed twice in job ${j.name}.`,
      };
    }
    seen.add(d.driveId);
  }
  return null;
}

/** The first problems zod found, worded with their path; never the value (it may be a BitLocker key). */
export function invalidRefusal(e: z.ZodError, name: string | null): Refusal {
  const first = e.issues.slice(0, 3).map((i) => `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`);
  return {
    code: 'IMPORT_INVALID',
    params: { ...(name ? { name } : {}), problem: first.join('; ') },
    message: `The job data is not valid: ${first.join('; ')}.`,
  };
}

/** The service's job JSON as parsed, or null with why not. */
export function parseServiceJob(item: unknown): { job: JobInput; refusal: null } | { job: null; refusal: Refusal } {
  const r = jobJson.safeParse(item);
  if (!r.success) {
    const n = item && typeof item === 'object' ? (item as { name?: unknown }).name : undefined;
    return { job: null, refusal: invalidRefusal(r.error, typeof n === 'string' ? n.slice(0, 64) : null) };
  }
  const refusal = refusalOf(r.data);
  if (refusal) return { job: null, refusal };
  return { job: toInput(r.data, true), refusal: null };
}

function toInput(j: z.infer<typeof jobJson>, imported: boolean): JobInput {
  const p = j.properties;
  const drives = (p.driveList ?? []).map((d) => {
    const out: DriveInput = { driveId: d.driveId };
    if (imported && d.state) out.state = d.state;
    if (d.bitLockerKey) out.bitLockerKey = d.bitLockerKey;
    if (d.manifestFile) out.manifestFile = d.manifestFile;
    if (d.manifestHash) out.manifestHash = d.manifestHash;
    if (d.manifestUri) out.manifestUri = d.manifestUri;
    return out;
  });
  const refusal = refusalOf(j);
  if (refusal) fail(imported ? 'IMPORT_INVALID' : 'BAD_INPUT', refusal.message);
  const input: JobInput = { name: j.name, jobType: p.jobType ?? 'Import', driveList: drives, imported };
  if (p.state) input.state = p.state;
  if (p.cancelRequested) input.cancelRequested = true;
  if (p.deliveryPackage) input.deliveryPackage = p.deliveryPackage;
  if (p.returnAddress) input.returnAddress = p.returnAddress;
  if (p.returnShipping) input.returnShipping = p.returnShipping;
  if (p.returnPackage) input.returnPackage = p.returnPackage;
  if (p.diagnosticsPath) input.diagnosticsPath = p.diagnosticsPath;
  if (p.logLevel) input.logLevel = p.logLevel;
  if (p.incompleteBlobListUri) input.incompleteBlobListUri = p.incompleteBlobListUri;
  return input;
}

/** A Put body: `{ name, properties }`. The state may only be Creating or Shipping. */
export function parsePut(input: unknown): JobInput {
  const r = jobJson.safeParse(input);
  if (!r.success) explain(r.error, 'BAD_INPUT');
  return toInput(r.data, false);
}

export function parsePatch(input: unknown): JobPatch {
  const r = patchSchema.safeParse(input ?? {});
  if (!r.success) explain(r.error, 'BAD_INPUT');
  return r.data;
}

/**
 * Says where the text stops being JSON, as a line and column, and never quotes it: the parser's own message
 * can quote the text around the fault, which in a job's JSON may be a BitLocker key.
 */
function notJson(raw: string, e: unknown): never {
  const m = e instanceof Error ? /^(.+?) in JSON at position (\d+)/.exec(e.message) : null;
  const what = m && !/token|["`]/i.test(m[1]!) ? m[1]!.charAt(0).toLowerCase() + m[1]!.slice(1) : null;
  if (m && what) {
    const pos = Number(m[2]);
    const before = raw.slice(0, pos);
    const line = before.split('\n').length;
    const column = pos - before.lastIndexOf('\n');
    fail('IMPORT_INVALID', `The import is not JSON: ${what} at line ${line}, column ${column}. Copy the service's answer again, whole.`);
  }
  if (e instanceof Error && /end of JSON input/i.test(e.message)) {
    fail('IMPORT_INVALID', "The import is not JSON: it ends too early. Copy the service's answer again, whole.");
  }
  fail(
    'IMPORT_INVALID',
    'The import is not JSON: a character stands where JSON allows none (a comma before a closing ' +
      "bracket?). Copy the service's answer again, whole.",
  );
}

/** `Get Job` JSON: text or parsed; one job, an array, or `{ value: [...] }`. */
export function parseImport(raw: unknown): JobInput[] {
  let data = raw;
  if (typeof raw === 'string') {
    if (Buffer.byteLength(raw, 'utf8') > MAX_IMPORT_BYTES)
      fail('IMPORT_TOO_LARGE', `The import is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
    try {
      data = JSON.parse(raw);
    } catch (e) {
      notJson(raw, e);
    }
  }
  const list: unknown[] = Array.isArray(data)
    ? data
    : data && typeof data === 'object' && Array.isArray((data as { value?: unknown }).value)
      ? (data as { value: unknown[] }).value
      : [data];
  if (list.length === 0) fail('IMPORT_INVALID', 'The import holds no job.');
  if (list.length > MAX_IMPORT_JOBS) fail('IMPORT_TOO_LARGE', `The import holds ${list.length} jobs; at most ${MAX_IMPORT_JOBS} at once.`);
  const out: JobInput[] = [];
  const names = new Set<string>();
  list.forEach((item, i) => {
    const r = jobJson.safeParse(item);
    if (!r.success) {
      try {
        explain(r.error, 'IMPORT_INVALID');
      } catch (e) {
        if (e instanceof IntakeError) fail('IMPORT_INVALID', `Job ${i + 1} of the import: ${e.message}`, e.detail);
        throw e;
      }
    }
    if (names.has(r.data.name)) fail('IMPORT_INVALID', `Job ${r.data.name} appears twice in the import.`);
    names.add(r.data.name);
    out.push(toInput(r.data, true));
  });
  return out;
}
