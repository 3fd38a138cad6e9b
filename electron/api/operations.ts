// Every operation and query of the contract, each written once: its input schema and what it runs. The
// contract's types (`OpName`, `Input`, `Output`) are read off this object, and the dispatcher runs it, so an
// operation without a handler, a handler without an operation, or a result the screens are told wrong
// cannot compile.
import { z } from 'zod';
import { IntakeError } from '../core/errors.ts';
import { settingsPatchSchema } from './settings-schema.ts';
import type { StationInfo } from './contract.ts';
import { anyJson, change, code, define, name, query, reason } from './operation.ts';
import { labelOperations } from './label-operations.ts';

const tracking = code;
const carrierName = z.string().max(64);
const carrierAccountNumber = z.string().max(64);

export const operations = {
  // ---- queries
  'station.info': define(query({}), (_i, ctx): StationInfo => {
    const s = ctx.settings.get();
    return {
      stationId: s.stationId, dockName: s.dockName, language: s.language, sounds: s.sounds,
      operators: s.operators.map((o) => ({ name: o.name, hasBadge: Boolean(o.badge) })),
      transport: ctx.transport, settingsProblem: ctx.settings.problem, version: ctx.version,
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
    const v = ctx.intake.packageView(i.trackingNumber.trim().toUpperCase());
    if (!v) throw new IntakeError('PACKAGE_UNKNOWN', `Package ${i.trackingNumber} has not been received here.`);
    return v;
  }),
  'packages.current': define(query({}), (_i, ctx) => ctx.intake.openPackage(ctx.stationId())),
  'packages.previewClose': define(query({ trackingNumber: tracking.optional() }),
    (i, ctx) => ctx.intake.previewClose({ operator: 'preview', station: ctx.stationId() }, i.trackingNumber)),
  'exceptions.list': define(query({}), (_i, ctx) => ctx.intake.exceptions()),
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
  'drives.scan': define(change({ serial: code, trackingNumber: tracking.optional(), jobName: name.optional() }),
    (i, ctx) => ctx.intake.scanDrive(ctx.actor(i.operator), i)),
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
  }), (i, ctx) => ctx.intake.recordDestruction(ctx.actor(i.operator), i)),
  'deadlines.sweep': define(change({}), (i, ctx) => ctx.intake.sweep(ctx.actor(i.operator))),
  'settings.update': define(change({ patch: settingsPatchSchema }), (i, ctx) => {
    ctx.actor(i.operator);
    return ctx.settings.update(i.patch);
  }),
  // ---- labels
  ...labelOperations,
};

export type Operations = typeof operations;
