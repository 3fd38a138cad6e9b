// Every operation and query of the contract, each written once: its input schema and what it runs. The
// contract's types (`OpName`, `Input`, `Output`) are read off this object, and the dispatcher runs it, so an
// operation without a handler, a handler without an operation, or a result the screens are told wrong
// cannot compile.
import { z } from 'zod';
import { IntakeError } from '../core/errors.ts';
import { upperAscii } from '../core/scan.ts';
import { knownOperatorName, witnessRefusal } from '../core/witness.ts';
import { EXCEPTION_KINDS, EXCEPTION_PAGE } from '../core/queries/exceptions.ts';
import { settingsPatchSchema } from './settings-schema.ts';
import type { StationInfo } from './contract.ts';
import type { CodeIdentity } from '../core/intake.ts';
import { anyJson, change, code, define, name, query, reason, type OperationContext } from './operation.ts';
import { labelOperations } from './label-operations.ts';

const tracking = code;

/** The operator whose badge this code is, matched as a scanner may type it (either case, surrounding blanks). */
function badgeOwner(ctx: OperationContext, raw: string): string | null {
  const c = raw.trim().toUpperCase();
  if (!c) return null;
  return ctx.settings.get().operators.find((o) => o.badge && o.badge.trim().toUpperCase() === c)?.name ?? null;
}
const carrierName = z.string().max(64);
const carrierAccountNumber = z.string().max(64);

export const operations = {
  // ---- queries
  'station.info': define(query({}), (_i, ctx): StationInfo => {
    const s = ctx.settings.get();
    return {
      stationId: s.stationId, dockName: s.dockName, language: s.language, sounds: s.sounds,
      operators: s.operators.map((o) => ({ name: o.name, hasBadge: Boolean(o.badge) })),
      transport: ctx.transport, settingsProblem: ctx.settings.problem, version: ctx.version, clock: ctx.intake.clockStatus(),
    };
  }),
  'jobs.get': define(query({ name }), (i, ctx) => ctx.intake.jobView(i.name)),
  'jobs.search': define(query({
    query: z.string().max(64).optional(), state: z.string().max(20).optional(),
    limit: z.number().int().min(1).max(200).optional(), offset: z.number().int().min(0).max(10_000_000).optional(),
  }), (i, ctx) => ctx.intake.searchJobs(i)),
  'jobs.possibilities': define(query({ name }), (i, ctx) => ctx.intake.jobPossibilities(i.name)),
  'drives.possibilities': define(query({ driveId: code }), (i, ctx) => ctx.intake.drivePossibilities(i.driveId)),
  'packages.get': define(query({ trackingNumber: tracking }), (i, ctx) => {
    const v = ctx.intake.packageView(upperAscii(i.trackingNumber.trim()));
    if (!v) throw new IntakeError('PACKAGE_UNKNOWN', `Package ${i.trackingNumber} has not been received here.`);
    return v;
  }),
  'packages.current': define(query({}), (_i, ctx) => ctx.intake.openPackage(ctx.stationId())),
  'packages.previewClose': define(query({ trackingNumber: tracking.optional() }),
    (i, ctx) => ctx.intake.previewClose({ operator: 'preview', station: ctx.stationId() }, i.trackingNumber)),
  // a page at a time: the screen asks for the first page, then the next from where the last ended
  'exceptions.list': define(query({
    limit: z.number().int().min(1).max(EXCEPTION_PAGE.max).optional(), after: z.string().max(512).optional(),
    kinds: z.array(z.enum(EXCEPTION_KINDS)).max(EXCEPTION_KINDS.length).optional(),
  }), (i, ctx) => ctx.intake.exceptionsPage(i)),
  'deadlines.upcoming': define(query({ limit: z.number().int().min(1).max(500).optional() }),
    (i, ctx) => ctx.intake.upcomingDeadlines(i.limit ?? 50)),
  'custody.list': define(query({
    jobName: name.optional(), driveId: code.optional(), trackingNumber: tracking.optional(),
    limit: z.number().int().min(1).max(1000).optional(), beforeSeq: z.number().int().min(0).optional(),
  }), (i, ctx) => ctx.intake.custodyOf(i)),
  'custody.csv': define(query({ jobName: name }),
    (i, ctx) => ({ filename: `custody-${i.jobName}.csv`, csv: ctx.intake.custodyCsv(i.jobName) })),
  'settings.get': define(query({}), (_i, ctx) => ctx.settings.get()),
  'operators.identify': define(query({ code: z.string().max(64) }), (i, ctx) => {
    const c = i.code.trim();
    const o = ctx.settings.get().operators
      .find((x) => (x.badge && x.badge.toUpperCase() === c.toUpperCase()) || x.name.toLowerCase() === c.toLowerCase());
    if (!o) throw new IntakeError('BAD_INPUT', 'This badge is not an operator of this station.');
    return { name: o.name };
  }),
  /** What a scanned code is here: an operator's badge (from the settings), or whatever the core says it is. */
  'codes.identify': define(query({ code }), (i, ctx): CodeIdentity | { kind: 'badge'; operator: string } => {
    const operator = badgeOwner(ctx, i.code);
    if (operator) return { kind: 'badge', operator };
    return ctx.intake.identifyCode(i.code, ctx.stationId());
  }),
  // ---- operations: each names the operator who made it
  'jobs.put': define(change({ job: anyJson }), (i, ctx) => ctx.intake.putJob(ctx.actor(i.operator), i.job)),
  'jobs.update': define(change({ name, patch: anyJson }), (i, ctx) => ctx.intake.updateJob(ctx.actor(i.operator), i.name, i.patch)),
  'jobs.import': define(change({ json: z.union([z.string().max(6 * 1024 * 1024), z.array(anyJson), z.record(z.string(), anyJson)]) }),
    (i, ctx) => ctx.intake.importJobs(ctx.actor(i.operator), i.json)),
  'jobs.cancel': define(change({ name, reason: reason.optional() }),
    (i, ctx) => ctx.intake.cancelJob(ctx.actor(i.operator), i.name, i.reason)),
  'jobs.fault': define(change({ name, reason }), (i, ctx) => ctx.intake.faultJob(ctx.actor(i.operator), i.name, i.reason)),
  'jobs.resolve': define(change({ name, reason }), (i, ctx) => ctx.intake.resolveJob(ctx.actor(i.operator), i.name, i.reason)),
  'jobs.notifyCustomer': define(change({ name, note: reason.optional() }),
    (i, ctx) => ctx.intake.notifyCustomer(ctx.actor(i.operator), i.name, i.note)),
  'jobs.extendWait': define(change({ name, days: z.number().int().min(1).max(90), reason: reason.optional() }),
    (i, ctx) => ctx.intake.extendWait(ctx.actor(i.operator), i.name, i.days, i.reason)),
  'drives.fault': define(change({ driveId: code, reason }), (i, ctx) => ctx.intake.faultDrive(ctx.actor(i.operator), i.driveId, i.reason)),
  'drives.resolve': define(change({ driveId: code, reason }),
    (i, ctx) => ctx.intake.resolveDrive(ctx.actor(i.operator), i.driveId, i.reason)),
  'packages.receive': define(change({ trackingNumber: tracking, carrierName: carrierName.optional() }),
    (i, ctx) => ctx.intake.receivePackage(ctx.actor(i.operator), i)),
  'drives.scan': define(change({ serial: code, trackingNumber: tracking.optional(), jobName: name.optional() }), (i, ctx) => {
    const actor = ctx.actor(i.operator);
    // a badge is never a drive: the screens hand the station to its operator instead
    const operator = badgeOwner(ctx, i.serial);
    if (operator) {
      throw new IntakeError('CODE_IS_BADGE', `That is the badge of operator ${operator}, not a drive serial. Nothing was recorded.`, { operator });
    }
    return ctx.intake.scanDrive(actor, i);
  }),
  'packages.close': define(change({ trackingNumber: tracking.optional() }), (i, ctx) => ctx.intake.closePackage(ctx.actor(i.operator), i)),
  'packages.releaseHold': define(change({ trackingNumber: tracking }), (i, ctx) => ctx.intake.releaseHold(ctx.actor(i.operator), i)),
  'scans.undo': define(change({}), (i, ctx) => ctx.intake.undoLastScan(ctx.actor(i.operator))),
  'copy.start': define(change({ jobName: name, driveIds: z.array(code).min(1).max(100).optional() }),
    (i, ctx) => ctx.intake.startCopy(ctx.actor(i.operator), i)),
  'copy.record': define(change({
    driveId: code, copyStatus: z.string().max(40).optional(), percentComplete: z.number().min(0).max(100).optional(),
    bytesSucceeded: z.number().int().min(0).optional(),
    errorLogUri: z.string().max(2048).optional(), verboseLogUri: z.string().max(2048).optional(),
  }), (i, ctx) => ctx.intake.recordCopyResult(ctx.actor(i.operator), i)),
  'copy.correct': define(change({
    driveId: code, copyStatus: z.string().max(40), bytesSucceeded: z.number().int().min(0).optional(),
    errorLogUri: z.string().max(2048).optional(), verboseLogUri: z.string().max(2048).optional(), reason,
  }), (i, ctx) => ctx.intake.correctCopyResult(ctx.actor(i.operator), i)),
  'shipments.shipBack': define(change({
    jobName: name, carrierName, trackingNumber: tracking, carrierAccountNumber: carrierAccountNumber.optional(),
    driveIds: z.array(code).max(200).optional(),
  }), (i, ctx) => ctx.intake.shipBack(ctx.actor(i.operator), i)),
  'jobs.closeWithoutShipment': define(change({ jobName: name, reason: reason.optional() }),
    (i, ctx) => ctx.intake.closeWithoutShipment(ctx.actor(i.operator), i)),
  'shipments.returnHeld': define(change({
    driveIds: z.array(code).min(1).max(100), carrierName, trackingNumber: tracking, carrierAccountNumber: carrierAccountNumber.optional(),
    address: z.record(z.string(), z.string().max(254)).optional(), reason: reason.optional(),
  }), (i, ctx) => ctx.intake.returnHeldDrives(ctx.actor(i.operator), i)),
  'drives.destroy': define(change({
    driveIds: z.array(code).min(1).max(100), method: z.string().trim().min(1).max(120), witness: z.string().trim().min(1).max(64),
    reason: reason.optional(),
  }), (i, ctx) => {
    const who = ctx.actor(i.operator);
    // a witness is another operator of this station, whatever the case or spacing it was typed in
    const operators = ctx.settings.get().operators.map((o) => o.name);
    const refusal = witnessRefusal(who.operator, i.witness, operators);
    if (refusal) throw new IntakeError(refusal.code, refusal.message);
    return ctx.intake.recordDestruction(who, { ...i, witness: knownOperatorName(i.witness, operators) ?? i.witness });
  }),
  'deadlines.sweep': define(change({}), (i, ctx) => ctx.intake.sweep(ctx.actor(i.operator))),
  'clock.confirm': define(change({ date: z.string().max(10) }), (i, ctx) => ctx.intake.confirmClock(ctx.actor(i.operator), i)),
  'jobs.reportAddressWrong': define(change({ name, reason }),
    (i, ctx) => ctx.intake.reportAddressWrong(ctx.actor(i.operator), i.name, i.reason)),
  'jobs.recordContact': define(change({ name, reached: z.boolean(), note: reason.optional() }),
    (i, ctx) => ctx.intake.recordContact(ctx.actor(i.operator), i)),
  'settings.update': define(change({ patch: settingsPatchSchema }), (i, ctx) => {
    ctx.actor(i.operator);
    return ctx.settings.update(i.patch);
  }),
  // ---- labels
  ...labelOperations,
};

export type Operations = typeof operations;
