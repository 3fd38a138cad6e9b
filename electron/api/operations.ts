// Every operation and query of the contract, each written once: its input schema and what it runs. The
// contract's types (`OpName`, `Input`, `Output`) are read off this object, and the dispatcher runs it, so an
// operation without a handler, a handler without an operation, or a result the screens are told wrong
// cannot compile.
import { z } from 'zod';
import { IntakeError } from '../core/errors.ts';
import { seedDemo } from '../core/demo.ts';
import { isoWithZone } from '../core/clock.ts';
import {
  badgeSheetHtml,
  BADGE_SHEET_SIZE,
  testLabelHtml,
  testLabelZpl,
  TEST_LABEL_SIZES,
  type TestLabelData,
} from '../core/labels/station-sheets.ts';
import { PrinterError } from '../core/labels/errors.ts';
import {
  completeAddressSchema,
  DEMO_SETTINGS,
  operatorSchema,
  pinSchema,
  settingsEditSchema,
  settingsSchema,
  settingsView,
  setupNeeded,
  type Settings,
} from './settings-schema.ts';
import { hashPin, verifyPin } from './pins.ts';
import { checkOperators, describeChanges, saveSettings, settingsAfter, supervisor } from './station-setup.ts';
import { upperAscii } from '../core/scan.ts';
import { knownOperatorName, witnessRefusal } from '../core/witness.ts';
import { EXCEPTION_KINDS, EXCEPTION_PAGE } from '../core/queries/exceptions.ts';
import type { StationInfo } from './contract.ts';
import type { CodeIdentity } from '../core/intake.ts';
import { anyJson, change, code, define, name, query, reason, type OperationContext } from './operation.ts';
import { labelOperations } from './label-operations.ts';
import { MAX_IMPORT_BYTES } from '../core/importing.ts';
import { MAX_IMPORT_FILES } from '../core/operations/exchange.ts';
import { reportCsv } from '../core/queries/report.ts';
import { REPORT_LANGUAGES, REPORT_PAGE, dockReportHtml } from '../core/labels/dock-report.ts';
import { defaultBackupPath } from '../backups.ts';

const tracking = code;
/** A PIN as typed: any text is checked (a malformed PIN is a wrong PIN, not a hint at the format). */
const pinTyped = z.string().max(64);
/** A supervisor's change: who, and their PIN, checked by the station for every call. */
const signed = <T extends z.ZodRawShape>(shape: T) => change({ pin: pinTyped, ...shape });

function testLabel(ctx: OperationContext, s: Settings): TestLabelData {
  const at = isoWithZone(ctx.intake.clock.now()).slice(0, 16).replace('T', ' ');
  return { dockName: s.dockName, sender: s.dockAddress, stationId: s.stationId, at, size: s.labelSize };
}
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD');
const importFiles = z
  .array(z.object({ name: z.string().max(200), text: z.string().max(MAX_IMPORT_BYTES + 1) }).strict())
  .min(1)
  .max(MAX_IMPORT_FILES);

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
    const needed = setupNeeded(s);
    return {
      stationId: s.stationId,
      dockName: s.dockName,
      language: s.language,
      sounds: s.sounds,
      operators: s.operators.map((o) => ({
        name: o.name,
        hasBadge: Boolean(o.badge),
        hasPin: Boolean(o.pinHash),
        supervisor: o.supervisor,
      })),
      transport: ctx.transport,
      settingsProblem: ctx.settings.problem,
      version: ctx.version,
      idleSignOutMinutes: s.idleSignOutMinutes,
      setupNeeded: needed,
      demoAvailable: needed && ctx.intake.isEmpty(),
      clock: ctx.intake.clockStatus(),
    };
  }),
  'jobs.get': define(query({ name }), (i, ctx) => ctx.intake.jobView(i.name)),
  'jobs.search': define(
    query({
      query: z.string().max(64).optional(),
      state: z.string().max(20).optional(),
      limit: z.number().int().min(1).max(200).optional(),
      offset: z.number().int().min(0).max(10_000_000).optional(),
    }),
    (i, ctx) => ctx.intake.searchJobs(i),
  ),
  'jobs.possibilities': define(query({ name }), (i, ctx) => ctx.intake.jobPossibilities(i.name)),
  'drives.possibilities': define(query({ driveId: code }), (i, ctx) => ctx.intake.drivePossibilities(i.driveId)),
  'packages.get': define(query({ trackingNumber: tracking }), (i, ctx) => {
    const v = ctx.intake.packageView(upperAscii(i.trackingNumber.trim()));
    if (!v) throw new IntakeError('PACKAGE_UNKNOWN', `Package ${i.trackingNumber} has not been received here.`);
    return v;
  }),
  'packages.current': define(query({}), (_i, ctx) => ctx.intake.openPackage(ctx.stationId())),
  'packages.previewClose': define(query({ trackingNumber: tracking.optional() }), (i, ctx) =>
    ctx.intake.previewClose({ operator: 'preview', station: ctx.stationId() }, i.trackingNumber),
  ),
  // a page at a time: the screen asks for the first page, then the next from where the last ended
  'exceptions.list': define(
    query({
      limit: z.number().int().min(1).max(EXCEPTION_PAGE.max).optional(),
      after: z.string().max(512).optional(),
      kinds: z.array(z.enum(EXCEPTION_KINDS)).max(EXCEPTION_KINDS.length).optional(),
    }),
    (i, ctx) => ctx.intake.exceptionsPage(i),
  ),
  'deadlines.upcoming': define(query({ limit: z.number().int().min(1).max(500).optional() }), (i, ctx) =>
    ctx.intake.upcomingDeadlines(i.limit ?? 50),
  ),
  'custody.list': define(
    query({
      jobName: name.optional(),
      driveId: code.optional(),
      trackingNumber: tracking.optional(),
      limit: z.number().int().min(1).max(1000).optional(),
      beforeSeq: z.number().int().min(0).optional(),
    }),
    (i, ctx) => ctx.intake.custodyOf(i),
  ),
  'custody.csv': define(query({ jobName: name }), (i, ctx) => ({
    filename: `custody-${i.jobName}.csv`,
    csv: ctx.intake.custodyCsv(i.jobName),
  })),
  'settings.get': define(query({}), (_i, ctx) => settingsView(ctx.settings.get())),
  'operators.identify': define(query({ code: z.string().max(64) }), (i, ctx) => {
    const c = i.code.trim();
    const o = ctx.settings
      .get()
      .operators.find((x) => (x.badge && x.badge.toUpperCase() === c.toUpperCase()) || x.name.toLowerCase() === c.toLowerCase());
    if (!o) throw new IntakeError('BAD_INPUT', 'This badge is not an operator of this station.');
    return { name: o.name, hasPin: Boolean(o.pinHash) };
  }),
  /** Sign-in of an operator who has a PIN: the badge or name says who, the PIN that it is them. */
  'operators.signIn': define(query({ name, pin: pinTyped.optional() }), (i, ctx) => {
    const o = ctx.settings.get().operators.find((x) => x.name === i.name);
    if (!o) throw new IntakeError('BAD_INPUT', `"${i.name}" is not an operator of this station.`);
    if (o.pinHash) {
      if (!i.pin) throw new IntakeError('PIN_REQUIRED', `${o.name} signs in with a PIN: type it.`);
      if (!verifyPin(i.pin, o.pinHash)) throw new IntakeError('PIN_WRONG', 'That PIN is not right.');
    }
    return { name: o.name, supervisor: o.supervisor };
  }),
  // ---- the station's setup: first run, and Settings (a supervisor's, behind their PIN)
  /** First run: the dock's address and a first supervisor, once; after that a supervisor changes it in Settings. */
  'station.setup': define(
    z
      .object({
        dockName: z.string().trim().min(1).max(120),
        dockAddress: completeAddressSchema,
        stationId: settingsSchema.shape.stationId.optional(),
        language: settingsSchema.shape.language.optional(),
        supervisor: z.object({ name: operatorSchema.shape.name, badge: operatorSchema.shape.badge.unwrap(), pin: pinSchema }).strict(),
      })
      .strict(),
    (i, ctx) => {
      const current = ctx.settings.get();
      if (!setupNeeded(current))
        throw new IntakeError('SETUP_DONE', 'This station is set up already: a supervisor changes it in Settings.');
      const first = { name: i.supervisor.name, badge: i.supervisor.badge, supervisor: true, pinHash: hashPin(i.supervisor.pin) };
      // operators a station had before setup (an older release kept some) stay, unless the supervisor is one of them
      const operators = [first, ...current.operators.filter((o) => o.name.toLowerCase() !== first.name.toLowerCase())];
      checkOperators(operators);
      const next = settingsSchema.parse({
        ...current,
        dockName: i.dockName,
        dockAddress: i.dockAddress,
        operators,
        ...(i.stationId ? { stationId: i.stationId } : {}),
        ...(i.language ? { language: i.language } : {}),
      });
      const actor = { operator: first.name, station: next.stationId };
      const detail = {
        dockName: next.dockName,
        dockAddress: next.dockAddress,
        stationId: next.stationId,
        supervisor: first.name,
        badge: first.badge,
      };
      ctx.intake.recordStationChanges(actor, [{ action: 'station.setUp', detail }], () => {
        ctx.settings.update(next);
      });
      return { name: first.name, supervisor: true };
    },
  ),
  /** First run, for a newcomer: the demo dock (its people, address and jobs) in one step, into an empty station only. */
  'station.loadDemo': define(query({}), (_i, ctx) => {
    if (!setupNeeded(ctx.settings.get())) {
      throw new IntakeError('SETUP_DONE', 'This station is set up already; the demo dock is loaded only into a new station.');
    }
    if (!ctx.intake.isEmpty()) {
      throw new IntakeError('STATION_NOT_EMPTY', 'This station already holds jobs, so the demo dock cannot be loaded into it.');
    }
    const actor = { operator: 'demo', station: DEMO_SETTINGS.stationId };
    ctx.intake.recordStationChanges(
      actor,
      [{ action: 'station.demoLoaded', detail: { jobs: ctx.demoJobs } }],
      () => {
        ctx.settings.update(DEMO_SETTINGS);
      },
      () => {
        seedDemo(ctx.intake, { jobs: ctx.demoJobs });
      },
    );
    return ctx.intake.store.counts();
  }),
  /** Opens Settings: the supervisor's PIN is checked; the settings (never a PIN's hash) and recent changes come back. */
  'settings.unlock': define(signed({}), (i, ctx) => {
    supervisor(ctx, i.operator, i.pin);
    return { settings: settingsView(ctx.settings.get()), changes: ctx.intake.stationCustody(30) };
  }),
  'settings.changes': define(signed({ limit: z.number().int().min(1).max(500).optional() }), (i, ctx) => {
    supervisor(ctx, i.operator, i.pin);
    return ctx.intake.stationCustody(i.limit ?? 30);
  }),
  'printers.list': define(query({}), async (_i, ctx) => {
    const out = await ctx.labelOutputs();
    if (!out.printers) return { available: false as const, printers: [] };
    return { available: true as const, printers: await out.printers() };
  }),
  /** A test label on a system printer (the one typed on the Settings screen, saved or not). */
  'printers.testPrint': define(signed({ printer: z.string().max(200).nullable() }), async (i, ctx) => {
    supervisor(ctx, i.operator, i.pin);
    const out = await ctx.labelOutputs();
    if (!out.print) {
      throw new PrinterError(
        'LABELS_UNAVAILABLE',
        'This station runs in a browser, which has no list of system printers: print from the desktop app, or use the ZPL printer.',
      );
    }
    const s = ctx.settings.get();
    await out.print(testLabelHtml(testLabel(ctx, s)), TEST_LABEL_SIZES[s.labelSize], { deviceName: i.printer, silent: i.printer !== null });
    return { printer: i.printer };
  }),
  /**
   * The test label as a PDF, at the size chosen on the Settings screen (saved or not): where there is no
   * list of system printers (browser mode), labels leave as PDFs, and this is how a supervisor tries one.
   */
  'printers.testPdf': define(signed({ size: settingsSchema.shape.labelSize.optional() }), async (i, ctx) => {
    supervisor(ctx, i.operator, i.pin);
    const s = ctx.settings.get();
    const size = i.size ?? s.labelSize;
    const bytes = await (await ctx.labelOutputs()).pdf(testLabelHtml(testLabel(ctx, { ...s, labelSize: size })), TEST_LABEL_SIZES[size]);
    return {
      filename: `test-label-${s.stationId}-${size}.pdf`,
      mimeType: 'application/pdf' as const,
      base64: Buffer.from(bytes).toString('base64'),
    };
  }),
  /** A test label to a ZPL printer at host:port (as typed on the Settings screen, saved or not). */
  'printers.testZpl': define(
    signed({ host: z.string().trim().min(1).max(255), port: z.number().int().min(1).max(65535) }),
    async (i, ctx) => {
      supervisor(ctx, i.operator, i.pin);
      const sent = await (
        await ctx.labelOutputs()
      ).sendZpl({ host: i.host, port: i.port }, testLabelZpl(testLabel(ctx, ctx.settings.get())));
      return { bytes: sent.bytes, printer: `${i.host}:${i.port}` };
    },
  ),
  /** The operators' badges as a printable sheet (PDF, A4): a badge is a key to the station, so a supervisor's. */
  'operators.badgeSheet': define(signed({ names: z.array(name).max(500).optional() }), async (i, ctx) => {
    supervisor(ctx, i.operator, i.pin);
    const s = ctx.settings.get();
    const chosen = s.operators.filter((o) => o.badge && (!i.names || i.names.includes(o.name)));
    if (!chosen.length) throw new IntakeError('BAD_INPUT', 'No operator chosen has a badge code: give them one in Settings first.');
    const badges = chosen.map((o) => ({ name: o.name, badge: o.badge!, supervisor: o.supervisor }));
    const html = badgeSheetHtml(badges, s.dockName || s.stationId);
    const bytes = await (await ctx.labelOutputs()).pdf(html, BADGE_SHEET_SIZE);
    return {
      filename: `badges-${s.stationId}.pdf`,
      mimeType: 'application/pdf',
      base64: Buffer.from(bytes).toString('base64'),
      count: chosen.length,
    };
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
  'jobs.import': define(
    change({ json: z.union([z.string().max(6 * 1024 * 1024), z.array(anyJson), z.record(z.string(), anyJson)]) }),
    (i, ctx) => ctx.intake.importJobs(ctx.actor(i.operator), i.json),
  ),
  'jobs.cancel': define(change({ name, reason: reason.optional() }), (i, ctx) =>
    ctx.intake.cancelJob(ctx.actor(i.operator), i.name, i.reason),
  ),
  'jobs.fault': define(change({ name, reason }), (i, ctx) => ctx.intake.faultJob(ctx.actor(i.operator), i.name, i.reason)),
  'jobs.resolve': define(change({ name, reason }), (i, ctx) => ctx.intake.resolveJob(ctx.actor(i.operator), i.name, i.reason)),
  'jobs.notifyCustomer': define(change({ name, note: reason.optional() }), (i, ctx) =>
    ctx.intake.notifyCustomer(ctx.actor(i.operator), i.name, i.note),
  ),
  'jobs.extendWait': define(change({ name, days: z.number().int().min(1).max(90), reason: reason.optional() }), (i, ctx) =>
    ctx.intake.extendWait(ctx.actor(i.operator), i.name, i.days, i.reason),
  ),
  'drives.fault': define(change({ driveId: code, reason }), (i, ctx) => ctx.intake.faultDrive(ctx.actor(i.operator), i.driveId, i.reason)),
  'drives.resolve': define(change({ driveId: code, reason }), (i, ctx) =>
    ctx.intake.resolveDrive(ctx.actor(i.operator), i.driveId, i.reason),
  ),
  'packages.receive': define(change({ trackingNumber: tracking, carrierName: carrierName.optional() }), (i, ctx) =>
    ctx.intake.receivePackage(ctx.actor(i.operator), i),
  ),
  'drives.scan': define(change({ serial: code, trackingNumber: tracking.optional(), jobName: name.optional() }), (i, ctx) => {
    const actor = ctx.actor(i.operator);
    // a badge is never a drive: the screens hand the station to its operator instead
    const operator = badgeOwner(ctx, i.serial);
    if (operator) {
      throw new IntakeError('CODE_IS_BADGE', `That is the badge of operator ${operator}, not a drive serial. Nothing was recorded.`, {
        operator,
      });
    }
    return ctx.intake.scanDrive(actor, i);
  }),
  'packages.close': define(change({ trackingNumber: tracking.optional() }), (i, ctx) => ctx.intake.closePackage(ctx.actor(i.operator), i)),
  'packages.releaseHold': define(change({ trackingNumber: tracking }), (i, ctx) => ctx.intake.releaseHold(ctx.actor(i.operator), i)),
  'scans.undo': define(change({}), (i, ctx) => ctx.intake.undoLastScan(ctx.actor(i.operator))),
  'copy.start': define(change({ jobName: name, driveIds: z.array(code).min(1).max(100).optional() }), (i, ctx) =>
    ctx.intake.startCopy(ctx.actor(i.operator), i),
  ),
  'copy.record': define(
    change({
      driveId: code,
      copyStatus: z.string().max(40).optional(),
      percentComplete: z.number().min(0).max(100).optional(),
      bytesSucceeded: z.number().int().min(0).optional(),
      errorLogUri: z.string().max(2048).optional(),
      verboseLogUri: z.string().max(2048).optional(),
    }),
    (i, ctx) => ctx.intake.recordCopyResult(ctx.actor(i.operator), i),
  ),
  'copy.correct': define(
    change({
      driveId: code,
      copyStatus: z.string().max(40),
      bytesSucceeded: z.number().int().min(0).optional(),
      errorLogUri: z.string().max(2048).optional(),
      verboseLogUri: z.string().max(2048).optional(),
      reason,
    }),
    (i, ctx) => ctx.intake.correctCopyResult(ctx.actor(i.operator), i),
  ),
  'shipments.shipBack': define(
    change({
      jobName: name,
      carrierName,
      trackingNumber: tracking,
      carrierAccountNumber: carrierAccountNumber.optional(),
      driveIds: z.array(code).max(200).optional(),
    }),
    (i, ctx) => ctx.intake.shipBack(ctx.actor(i.operator), i),
  ),
  'jobs.closeWithoutShipment': define(change({ jobName: name, reason: reason.optional() }), (i, ctx) =>
    ctx.intake.closeWithoutShipment(ctx.actor(i.operator), i),
  ),
  'shipments.returnHeld': define(
    change({
      driveIds: z.array(code).min(1).max(100),
      carrierName,
      trackingNumber: tracking,
      carrierAccountNumber: carrierAccountNumber.optional(),
      address: z.record(z.string(), z.string().max(254)).optional(),
      reason: reason.optional(),
    }),
    (i, ctx) => ctx.intake.returnHeldDrives(ctx.actor(i.operator), i),
  ),
  'drives.destroy': define(
    change({
      driveIds: z.array(code).min(1).max(100),
      method: z.string().trim().min(1).max(120),
      witness: z.string().trim().min(1).max(64),
      reason: reason.optional(),
    }),
    (i, ctx) => {
      const who = ctx.actor(i.operator);
      // a witness is another operator of this station, whatever the case or spacing it was typed in
      const operators = ctx.settings.get().operators.map((o) => o.name);
      const refusal = witnessRefusal(who.operator, i.witness, operators);
      if (refusal) throw new IntakeError(refusal.code, refusal.message);
      return ctx.intake.recordDestruction(who, { ...i, witness: knownOperatorName(i.witness, operators) ?? i.witness });
    },
  ),
  'deadlines.sweep': define(change({}), (i, ctx) => ctx.intake.sweep(ctx.actor(i.operator))),
  'clock.confirm': define(change({ date: z.string().max(10) }), (i, ctx) => ctx.intake.confirmClock(ctx.actor(i.operator), i)),
  'jobs.reportAddressWrong': define(change({ name, reason }), (i, ctx) =>
    ctx.intake.reportAddressWrong(ctx.actor(i.operator), i.name, i.reason),
  ),
  'jobs.recordContact': define(change({ name, reached: z.boolean(), note: reason.optional() }), (i, ctx) =>
    ctx.intake.recordContact(ctx.actor(i.operator), i),
  ),
  /** A supervisor's change to the settings, PIN checked here; each field changed is a custody record naming them. */
  'settings.update': define(signed({ patch: settingsEditSchema }), (i, ctx) => {
    const actor = supervisor(ctx, i.operator, i.pin);
    const before = ctx.settings.get();
    const next = settingsAfter(before, i.patch);
    return saveSettings(ctx, actor, next, describeChanges(before, next, i.patch.operators));
  }),
  // ---- jobs in, results out, backup, the daily dock report
  'jobs.importPreview': define(query({ files: importFiles }), (i, ctx) =>
    ctx.intake.previewImport({ operator: 'preview', station: ctx.stationId() }, i.files),
  ),
  'jobs.importConfirm': define(
    change({
      files: importFiles,
      basedOnSeq: z.number().int().min(0),
      jobs: z.array(z.object({ name: z.string().max(64), outcome: z.string().max(20) }).strict()).max(MAX_IMPORT_FILES * 2000),
    }),
    (i, ctx) => ctx.intake.confirmImport(ctx.actor(i.operator), i.files, { basedOnSeq: i.basedOnSeq, jobs: i.jobs }),
  ),
  'results.export': define(change({ sinceLast: z.literal(true).optional(), jobs: z.array(name).min(1).max(2000).optional() }), (i, ctx) => {
    if (Boolean(i.sinceLast) === Boolean(i.jobs))
      throw new IntakeError('BAD_INPUT', 'Export either the jobs changed since the last export, or chosen jobs.');
    return ctx.intake.exportResults(ctx.actor(i.operator), i.jobs ? { jobs: i.jobs } : { sinceLast: true });
  }),
  /**
   * A copy of the whole store, every BitLocker key in it, to a file: a supervisor's, PIN checked here like
   * Settings; the station's custody says who took it and where (after the copy, which therefore holds no trace of it).
   */
  'station.backup': define(signed({ path: z.string().trim().min(1).max(1024).optional() }), async (i, ctx) => {
    const actor = supervisor(ctx, i.operator, i.pin);
    const done = await ctx.intake.backup(i.path ?? defaultBackupPath(ctx.settings.get().backup.dir, ctx.intake.store.path, new Date()));
    const detail = { path: done.path, bytes: done.bytes, lastSeq: done.lastSeq };
    ctx.intake.recordStationChanges(actor, [{ action: 'station.backedUp', detail }], () => {});
    return done;
  }),
  'reports.daily': define(query({ from: day, to: day }), (i, ctx) => ctx.intake.dockReport(i.from, i.to)),
  'reports.csv': define(query({ from: day, to: day }), (i, ctx) => ({
    filename: `dock-report-${i.from}${i.to === i.from ? '' : `-to-${i.to}`}.csv`,
    csv: reportCsv(ctx.intake.dockReport(i.from, i.to)),
  })),
  /** The report as an A4 PDF in the language asked for (the screen's), else the station's. */
  'reports.pdf': define(query({ from: day, to: day, lang: z.enum(REPORT_LANGUAGES).optional() }), async (i, ctx) => {
    const report = ctx.intake.dockReport(i.from, i.to);
    const s = ctx.settings.get();
    const doc = dockReportHtml(report, {
      dockName: s.dockName,
      station: s.stationId,
      generatedAt: isoWithZone(ctx.intake.clock.now()),
      lang: i.lang ?? s.language,
    });
    const bytes = await (await ctx.labelOutputs()).pdf(doc, REPORT_PAGE);
    return {
      filename: `dock-report-${i.from}${i.to === i.from ? '' : `-to-${i.to}`}.pdf`,
      mimeType: 'application/pdf' as const,
      base64: Buffer.from(bytes).toString('base64'),
    };
  }),
  // ---- labels
  ...labelOperations,
};

export type Operations = typeof operations;
