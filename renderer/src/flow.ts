// The Receive flow: every scan goes into one queue and is sent to the station in order, one at a time, so
// none is lost or reordered at 20 scans a second. What a scan is (badge, package, job label, drive, command) is
// asked of the station once (`codes.identify`) when no package is open; with one open, a scan goes straight to
// the station as a drive, which refuses what is not one (a badge, a job's label) by code. The next box's tracking
// number, scanned with a box open, closes it and opens the next in one step (asked first only when drives would
// become NeverReceived). A serial on no list waits for a second scan (or F6) before it is an extra drive.
import {
  dock,
  expectEcho,
  type ClosedSummary,
  type Feedback,
  pushFeedback,
  pushNote,
  refreshPackage,
  setOperator,
  setPackage,
  theApi,
  toCoreError,
  type FeedbackKind,
  type Tone,
} from './store.ts';
import type { CoreError, Key, Params } from './i18n.ts';
import type { ScanWords } from './i18n-scan.ts';
import { play, type Sound } from './sounds.ts';
import type { ScanResult } from '../../electron/core/intake.ts';
import { ApiError } from '../../electron/api/contract.ts';
import type { PackageView } from '../../electron/core/queries/views.ts';
import { COMMANDS, COMMAND_PREFIX, commandCode, parseCommand, type Command } from '../../electron/core/commands.ts';

export { COMMANDS, COMMAND_PREFIX, commandCode, parseCommand, type Command };

/** The same code twice within this long is one scan (a scanner's double read, a nervous trigger). */
export const DUPLICATE_WINDOW_MS = 1000;

interface Item {
  code: string;
  at: number;
  source: 'scanner' | 'manual';
  jobName?: string;
  asNoJob?: boolean;
  /** A line's own action (buttons and F6), taken in turn with the scans. */
  action?: 'confirmExtra' | 'moveHere' | 'takeBack';
}

const queue: Item[] = [];
let running = false;
let last: { code: string; at: number } | null = null;
let dialogAnswer: ((answer: DialogAnswer) => void) | null = null;
/** When the question on screen was asked by a scan: the same code read twice by the scanner is no answer. */
let askedAt = 0;
type DialogAnswer = { confirm: true; jobName?: string } | { confirm: false; requeue?: Item };

export const isBusy = (): boolean => running || queue.length > 0;

function setPending(): void {
  dock.set({ pending: queue.length + (running ? 1 : 0) });
}

const norm = (code: string): string => code.trim().toUpperCase();

/** A scan from the wedge or the manual field. Returns at once; the answer shows when it comes. */
export function submitScan(code: string, source: Item['source'] = 'scanner', at: number = performance.now()): void {
  const item: Item = { code, at, source };
  const d = dock.get().dialog;
  if (d && dialogAnswer) {
    // a question is on screen: a command answers it; any other scan means "keep going", so the
    // question is dismissed and the scan is taken in its turn
    const cmd = parseCommand(code);
    if (d.kind === 'close' && (cmd === 'CLOSE' || cmd === 'NEXT')) return answer({ confirm: true });
    if (d.kind === 'close' && d.next) {
      // the next box asked to close this one: its own tracking number scanned again confirms (a double read
      // within a second does not), and every other scan waits behind the answer, so none lands in the wrong box
      if (norm(code) === d.next && (source !== 'scanner' || at - askedAt >= DUPLICATE_WINDOW_MS)) return answer({ confirm: true });
      if (norm(code) !== d.next) {
        queue.push(item);
        dock.set({ dialog: { ...d, waiting: (d.waiting ?? 0) + 1 } });
        setPending();
      }
      return;
    }
    if (d.kind === 'chooseJob') {
      const job = d.jobs.find((j) => norm(j) === norm(code));
      if (job) return answer({ confirm: true, jobName: job });
    }
    answer({ confirm: false, requeue: item });
    return;
  }
  queue.push(item);
  setPending();
  void pump();
}

export function answer(a: DialogAnswer): void {
  const fn = dialogAnswer;
  dialogAnswer = null;
  dock.set({ dialog: null });
  if (a.confirm === false && a.requeue) {
    // behind the scan that asked, so scans waiting for the answer keep their order
    queue.unshift(a.requeue);
  }
  setPending();
  fn?.(a);
}

async function pump(): Promise<void> {
  if (running) return;
  running = true;
  setPending();
  try {
    while (queue.length) {
      const item = queue.shift()!;
      setPending();
      try {
        await handle(item);
      } catch (e) {
        reject(item.code, toCoreError(e));
      }
    }
  } finally {
    running = false;
    setPending();
  }
}

function feedback(kind: FeedbackKind, tone: Tone, sound: Sound, code: string, title: Key, key: Key, params?: Params): void {
  play(sound);
  pushFeedback({ kind, tone, sound, code, title, text: params ? { key, params } : { key } });
}

function words(kind: FeedbackKind, tone: Tone, sound: Sound, code: string, title: Key, w: ScanWords): void {
  play(sound);
  pushFeedback({ kind, tone, sound, code, title, text: { words: w } });
}

function reject(code: string, error: CoreError): void {
  const alreadyReceived = error.code === 'DRIVE_ALREADY_SCANNED';
  pushFeedback({
    kind: alreadyReceived ? 'alreadyReceived' : 'rejected',
    // a drive already received is a notice, not a fault: nothing is wrong with the drive
    tone: alreadyReceived ? 'notice' : 'rejected',
    sound: alreadyReceived ? 'notice' : 'rejected',
    code,
    title: alreadyReceived ? 'fb.alreadyReceived' : 'fb.rejected',
    text: { error, scanned: code },
  });
  play(alreadyReceived ? 'notice' : 'rejected');
}

function operator(): string {
  const op = dock.get().operator;
  if (!op) throw new ApiError({ code: 'BAD_INPUT', message: 'Sign in first: scan your badge.' });
  return op;
}

async function handle(item: Item): Promise<void> {
  const { code } = item;
  if (item.action === 'takeBack') return takeBack(code);
  if (item.action === 'moveHere') return moveHere(code);
  const pending = dock.get().pendingExtra;
  if (item.action === 'confirmExtra') {
    if (!pending || pending.code !== norm(code)) return;
    dock.set({ pendingExtra: null });
    return scanDrive(code, undefined, true);
  }
  if (pending && pending.code !== norm(code)) {
    // another code came instead of the second scan: the serial waiting is dropped, and says so until the box closes
    dock.set({ pendingExtra: null });
    clearOffer('confirmExtra');
    const w: ScanWords = { kind: 'extraDropped', serial: pending.code, instead: printableCode(code) };
    words('dropped', 'notice', 'notice', pending.code, 'fb.dropped', w);
  }
  const cmd = parseCommand(code);
  if (cmd === 'unknown') return feedback('rejected', 'rejected', 'rejected', code, 'fb.rejected', 'msg.unknownCommand', { code });
  if (cmd) return runCommand(cmd);

  const s = dock.get();
  if (!s.operator) return signIn(code);

  const open = s.pkg && s.pkg.state === 'open' ? s.pkg : null;
  // the person chose "receive as a package of no job" (button or F6): never a re-scan
  if (item.asNoJob)
    return open
      ? reject(code, { code: 'BAD_INPUT', message: `Package ${open.trackingNumber} is open: close it before receiving ${norm(code)}.` })
      : receivePackage(code);

  // any code read twice within a second (a double read, a nervous trigger) counts once, box open or not
  const prev = last;
  last = { code: norm(code), at: item.at };
  if (prev && prev.code === norm(code) && item.at - prev.at < DUPLICATE_WINDOW_MS && item.source === 'scanner') {
    return feedback('duplicate', 'notice', 'notice', code, 'fb.duplicate', open ? 'msg.duplicate' : 'msg.duplicateCode', {
      serial: norm(code),
      code: norm(code),
    });
  }
  if (!open) return receiveOrRefuse(code);
  if (norm(code) === open.trackingNumber) return receivePackage(code); // the station names it: already open
  if (pending && pending.code === norm(code)) {
    // the same serial scanned again, past a double read: the person confirms it is the drive's serial
    dock.set({ pendingExtra: null });
    return scanDrive(code, item.jobName, true);
  }
  return scanDrive(code, item.jobName, false, item.at);
}

const printableCode = (code: string): string => (parseCommand(code) ? code.trim().toUpperCase() : norm(code));

function clearOffer(kind: NonNullable<Feedback['offer']>['kind']): void {
  dock.set((s) => {
    if (s.feedback?.offer?.kind !== kind) return {};
    const { offer: _taken, ...rest } = s.feedback;
    return { feedback: rest };
  });
}

async function signIn(code: string): Promise<void> {
  try {
    const who = await theApi().call('operators.identify', { code });
    if (who.hasPin) {
      // the badge says who; their PIN, typed on the sign-in screen, says it is them
      dock.set({ pinFor: who.name });
      play('notice');
      return;
    }
    setOperator(who.name);
    const open = dock.get().pkg;
    if (open && open.state === 'open')
      feedback('signedIn', 'warning', 'notice', code, 'fb.signedIn', 'signin.welcomeOpen', {
        name: who.name,
        tracking: open.trackingNumber,
        operator: open.openedBy,
      });
    else feedback('signedIn', 'accepted', 'accepted', code, 'fb.signedIn', 'signin.welcome', { name: who.name });
  } catch (e) {
    reject(code, toCoreError(e));
  }
}

/**
 * The banner's offer for a code nothing knows: "Receive X as a package of no job" (button or F6). Only an
 * explicit choice does it; scanning the code again never does (a scanner's double read must not open a box).
 */
export function receiveUnknownAsHeld(code: string): void {
  const offer = dock.get().feedback?.offer;
  if (!offer || norm(offer.code) !== norm(code)) return;
  dock.set((s) => {
    if (!s.feedback) return {};
    const { offer: _taken, ...rest } = s.feedback;
    return { feedback: rest };
  });
  queue.push({ code, at: performance.now(), source: 'manual', asNoJob: true });
  setPending();
  void pump();
}

/** The banner's offer taken (button or F6): record the serial as an extra drive, or move the drive here. */
export function takeOffer(): void {
  const offer = dock.get().feedback?.offer;
  if (!offer) return;
  if (offer.kind === 'receiveHeld') return receiveUnknownAsHeld(offer.code);
  clearOffer(offer.kind);
  if (offer.kind === 'openBox') {
    // as if the box's tracking number and then the drive were scanned, in turn with any scans already waiting
    const at = performance.now();
    queue.push({ code: offer.code, at, source: 'manual' }, { code: offer.serial, at, source: 'manual' });
    setPending();
    void pump();
    return;
  }
  queue.push({ code: offer.code, at: performance.now(), source: 'manual', action: offer.kind });
  setPending();
  void pump();
}

/** A drive received in another box, moved here from its line in "needs a look", in turn with the scans. */
export function moveHereLine(serial: string): void {
  queue.push({ code: serial, at: performance.now(), source: 'manual', action: 'moveHere' });
  setPending();
  void pump();
}

/** A line of the open box taken back (its button), in turn with the scans. */
export function takeBackLine(serial: string): void {
  queue.push({ code: serial, at: performance.now(), source: 'manual', action: 'takeBack' });
  setPending();
  void pump();
}

/**
 * With no package open a scan should be a tracking number. What it is, is asked of the station, once:
 * an operator's badge (the station is theirs now), a drive (scanned with no package open: the station refuses
 * it), a package received before (the station says so), the package a job expects (received), a job's label
 * (refused: it is not a box), or nothing known: refused, with an explicit offer to receive it as a package of
 * no job (held); scanning it again never does.
 */
async function receiveOrRefuse(code: string): Promise<void> {
  let id;
  try {
    id = await theApi().call('codes.identify', { code });
  } catch (e) {
    return reject(code, toCoreError(e)); // not a code at all: refused by name (GS, control characters, too long)
  }
  switch (id.kind) {
    case 'badge':
      return handOver(code, id.operator);
    case 'command':
      return feedback('rejected', 'rejected', 'rejected', code, 'fb.rejected', 'msg.unknownCommand', { code });
    case 'drive':
      if (id.role === 'listed' && id.state === 'Specified' && id.jobName) {
        // a drive still expected, scanned before its box: offer that box rather than only refusing
        const box = await expectedBox(id.jobName);
        if (box) {
          play('notice');
          pushFeedback({
            kind: 'rejected',
            tone: 'notice',
            sound: 'notice',
            code,
            title: 'fb.rejected',
            text: { key: 'msg.driveOfExpectedBox', params: { serial: id.driveId, job: id.jobName, tracking: box } },
            offer: { kind: 'openBox', code: box, serial: id.driveId },
          });
          return;
        }
      }
      return scanDrive(code);
    case 'heldDrive':
      return scanDrive(code);
    case 'package':
      return receivePackage(code); // the station opens it, or names when and by whom it was received
    case 'job':
      return words('rejected', 'rejected', 'rejected', code, 'fb.rejected', { kind: 'jobNoBox', job: id.jobName, state: id.state });
    case 'unknown':
      play('rejected');
      pushFeedback({
        kind: 'rejected',
        tone: 'rejected',
        sound: 'rejected',
        code,
        title: 'fb.unknown',
        text: { key: 'msg.unknownCode', params: { code: id.code } },
        offer: { kind: 'receiveHeld', code: id.code },
      });
  }
}

/** The tracking number of the box a job expects and the dock has not received yet; null otherwise. */
async function expectedBox(jobName: string): Promise<string | null> {
  try {
    const job = await theApi().call('jobs.get', { name: jobName });
    const tracking = job.properties.deliveryPackage?.trackingNumber;
    if (!tracking) return null;
    const box = await theApi().call('codes.identify', { code: tracking });
    return box.kind === 'package' && box.status === 'expected' ? tracking : null;
  } catch {
    return null;
  }
}

/**
 * An operator's badge scanned while signed in: the station is handed to that operator. A package open stays
 * open under its opener's name; the badge is never a drive.
 */
function handOver(code: string, name: string): void {
  setOperator(name);
  last = null;
  const open = dock.get().pkg;
  if (open && open.state === 'open') {
    const w: ScanWords = { kind: 'handedOver', name, tracking: open.trackingNumber, opener: open.openedBy };
    return words('signedIn', 'warning', 'notice', code, 'fb.signedIn', w);
  }
  feedback('signedIn', 'accepted', 'accepted', code, 'fb.signedIn', 'signin.welcome', { name });
}

async function receivePackage(code: string): Promise<void> {
  try {
    const pkg = await theApi().call('packages.receive', { operator: operator(), trackingNumber: code });
    setPackage(pkg);
    dock.set({ lastClosed: null });
    const jobs = pkg.jobs.map((j) => j.name).join(', ');
    if (pkg.held) {
      feedback(
        'packageHeld',
        'warning',
        'held',
        code,
        'fb.packageHeld',
        pkg.jobs.length ? 'msg.packageHeldCreating' : 'msg.packageHeldNoJob',
        { tracking: pkg.trackingNumber, jobs },
      );
    } else {
      feedback('package', 'accepted', 'accepted', code, 'fb.package', 'msg.packageOpen', { tracking: pkg.trackingNumber, jobs });
    }
  } catch (e) {
    reject(code, toCoreError(e));
  }
}

const OUTCOME_LOOK: Record<ScanResult['outcome'], { kind: FeedbackKind; tone: Tone; sound: Sound; title: Key }> = {
  received: { kind: 'received', tone: 'accepted', sound: 'accepted', title: 'fb.received' },
  arrivedLater: { kind: 'arrivedLater', tone: 'accepted', sound: 'accepted', title: 'fb.arrivedLater' },
  exportAdded: { kind: 'exportAdded', tone: 'accepted', sound: 'accepted', title: 'fb.exportAdded' },
  extra: { kind: 'extra', tone: 'warning', sound: 'extra', title: 'fb.extra' },
  otherJob: { kind: 'otherJob', tone: 'warning', sound: 'otherJob', title: 'fb.otherJob' },
  held: { kind: 'held', tone: 'warning', sound: 'held', title: 'fb.held' },
  alreadyReceived: { kind: 'alreadyReceived', tone: 'notice', sound: 'notice', title: 'fb.alreadyReceived' },
};

async function scanDrive(code: string, jobName?: string, confirmed = false, at = performance.now()): Promise<void> {
  let r: ScanResult;
  expectEcho(code);
  try {
    r = await theApi().call('drives.scan', {
      operator: operator(),
      serial: code,
      unlisted: confirmed ? 'record' : 'ask',
      ...(jobName ? { jobName } : {}),
    });
  } catch (e) {
    const err = toCoreError(e);
    if (err.code === 'UNLISTED_NOT_CONFIRMED') {
      dock.set({ pendingExtra: { code: norm(code), at } });
      const job = typeof err.detail?.jobName === 'string' ? err.detail.jobName : '';
      const w: ScanWords = { kind: 'confirmExtra', serial: norm(code), job };
      play('extra');
      pushFeedback({
        kind: 'confirmExtra',
        tone: 'warning',
        sound: 'extra',
        code,
        title: 'fb.confirmExtra',
        text: { words: w },
        offer: { kind: 'confirmExtra', code: norm(code) },
      });
      return;
    }
    if (err.code === 'CODE_IS_TRACKING') return nextBox(code, at);
    // the box this screen showed was closed elsewhere before the change reached it: the station has no box
    // open, so the scan is taken as one with no box open (a tracking number opens its box)
    if (err.code === 'NO_OPEN_PACKAGE') {
      if (dock.get().pkg) setPackage(null);
      return receiveOrRefuse(code);
    }
    if (err.code === 'DRIVE_ALREADY_SCANNED') return alreadyIn(code, err);
    if (err.code === 'AMBIGUOUS_JOB' && Array.isArray(err.detail?.jobs)) {
      const chosen = await ask({ kind: 'chooseJob', serial: norm(code), jobs: err.detail.jobs as string[] });
      // the job read off the drive's label is the confirmation a serial on no list needs
      if (chosen.confirm && chosen.jobName) return scanDrive(code, chosen.jobName, true);
      if (chosen.confirm === false && !chosen.requeue)
        feedback('rejected', 'notice', 'notice', code, 'fb.rejected', 'msg.scanCancelled', { serial: norm(code) });
      return;
    }
    // a badge read mid-box: its operator takes over the station; nothing was recorded
    if (err.code === 'CODE_IS_BADGE' && typeof err.detail?.operator === 'string') return handOver(code, err.detail.operator);
    if (err.code === 'CODE_IS_JOB' && typeof err.detail?.jobName === 'string') {
      const open = dock.get().pkg;
      const w: ScanWords = { kind: 'jobInBox', job: err.detail.jobName, tracking: open?.trackingNumber ?? '' };
      return words('rejected', 'rejected', 'rejected', code, 'fb.rejected', w);
    }
    return reject(code, err);
  }
  setPackage(r.package);
  const look = OUTCOME_LOOK[r.outcome];
  if (r.outcome === 'alreadyReceived') {
    const box = r.drive.packageTrackingNumber ?? null;
    return alreadyIn(code, {
      code: 'DRIVE_ALREADY_SCANNED',
      message: r.message,
      detail: { driveId: r.serial, box, here: box === r.package.trackingNumber, state: r.drive.state },
    });
  }
  play(look.sound);
  pushFeedback({ ...look, code, text: { words: { kind: 'outcome', outcome: r.outcome, params: r.params } } });
}

/** A drive already received names its box; received in another box, it may be moved here (F6). */
function alreadyIn(code: string, err: CoreError): void {
  const open = dock.get().pkg;
  const box = typeof err.detail?.box === 'string' ? err.detail.box : null;
  const here = err.detail?.here === true;
  const movable = !here && box !== null && err.detail?.state === 'Received' && err.detail?.held !== true && open?.state === 'open';
  const w: ScanWords = { kind: 'alreadyIn', serial: norm(code), box, here, movable, open: open?.trackingNumber ?? null };
  play('notice');
  pushFeedback({
    kind: 'alreadyReceived',
    tone: 'notice',
    sound: 'notice',
    code,
    title: 'fb.alreadyReceived',
    text: { words: w },
    ...(movable ? { offer: { kind: 'moveHere' as const, code: norm(code) } } : {}),
  });
}

async function moveHere(code: string): Promise<void> {
  try {
    const r = await theApi().call('drives.moveToBox', { operator: operator(), serial: code });
    setPackage(r.package);
    const w: ScanWords = { kind: 'movedHere', serial: r.driveId, from: r.from, to: r.package.trackingNumber };
    words('moved', 'notice', 'notice', code, 'fb.moved', w);
  } catch (e) {
    reject(code, toCoreError(e));
  }
}

async function takeBack(code: string): Promise<void> {
  try {
    const r = await theApi().call('drives.takeBack', { operator: operator(), serial: code });
    last = null;
    // the taken-back line's notes go with it
    dock.set((s) => ({ boxNotes: s.boxNotes.filter((n) => norm(n.code) !== norm(code)) }));
    await refreshPackage();
    words('undone', 'notice', 'notice', code, 'fb.undone', { kind: 'takenBack', serial: r.driveId, tracking: r.trackingNumber });
  } catch (e) {
    reject(code, toCoreError(e));
  }
}

/**
 * The next box's tracking number scanned with a box open: the open box is closed and the next one opened in one
 * step. Only when the close would make drives NeverReceived is the person asked (the same scan again, Enter, F8,
 * F9 or CLOSE PACKAGE confirms; Escape keeps the open box); scans that come meanwhile wait for the answer.
 */
async function nextBox(code: string, at: number): Promise<void> {
  const next = norm(code);
  let confirmed: string[] = [];
  for (;;) {
    try {
      const r = await theApi().call('packages.receiveNext', { operator: operator(), trackingNumber: next, confirmed });
      const closedView = r.closed.package;
      const summary = summaryOf(closedView, r.closed.neverReceived);
      dock.set({ lastClosed: summary });
      last = null;
      setPackage(r.package);
      if (summary.neverReceived.length + summary.extras.length + summary.otherJob.length + summary.heldDrives.length) {
        // the box just closed is out of sight: what it left to look at stays beside the next one
        pushNote({
          kind: 'closed',
          tone: 'warning',
          sound: 'notice',
          code: summary.trackingNumber,
          title: 'fb.closed',
          text: {
            words: {
              kind: 'previousBox',
              tracking: summary.trackingNumber,
              never: summary.neverReceived,
              extras: summary.extras,
              otherJob: summary.otherJob.map((d) => d.serial),
              held: summary.heldDrives,
            },
          },
        });
      }
      const w: ScanWords = {
        kind: 'nextBox',
        closed: closedView.trackingNumber,
        never: r.closed.neverReceived.length,
        opened: r.package.trackingNumber,
        jobs: r.package.jobs.map((j) => j.name).join(', '),
        held: r.package.held,
      };
      const warn = r.closed.neverReceived.length > 0 || r.package.held;
      return words('package', warn ? 'warning' : 'accepted', r.package.held ? 'held' : 'accepted', code, 'fb.package', w);
    } catch (e) {
      const err = toCoreError(e);
      if (err.code !== 'CLOSE_NOT_CONFIRMED' || confirmed.length) return reject(code, err);
      const preview = await theApi()
        .call('packages.previewClose', {})
        .catch((x: unknown) => {
          reject(code, toCoreError(x));
          return null;
        });
      if (!preview) return;
      askedAt = at;
      const a = await ask({
        kind: 'close',
        trackingNumber: preview.trackingNumber,
        neverReceived: preview.neverReceived,
        held: preview.held,
        thenNext: true,
        next,
        waiting: 0,
      });
      if (!a.confirm) {
        return feedback('command', 'notice', 'notice', code, 'fb.command', 'msg.keptOpen', {
          tracking: preview.trackingNumber,
          next,
        });
      }
      confirmed = preview.neverReceived.map((d) => d.driveId);
    }
  }
}

/** What a closed box held that needs a look: its NeverReceived, extra, other-job and held drives. */
function summaryOf(pkg: PackageView, neverReceived: string[]): ClosedSummary {
  const inBox = new Set(pkg.jobs.map((j) => j.name));
  return {
    trackingNumber: pkg.trackingNumber,
    received: pkg.jobs.reduce((n, j) => n + j.receivedCount, 0),
    neverReceived,
    held: pkg.state === 'held',
    extras: pkg.scanned.filter((d) => d.role === 'extra' && !d.held).map((d) => d.driveId),
    otherJob: pkg.scanned
      .filter((d) => !d.held && d.role === 'listed' && (!d.jobName || !inBox.has(d.jobName)))
      .map((d) => ({ serial: d.driveId, job: d.jobName })),
    heldDrives: pkg.scanned.filter((d) => d.held).map((d) => d.driveId),
  };
}

function ask(d: NonNullable<ReturnType<typeof dock.get>['dialog']>): Promise<DialogAnswer> {
  return new Promise((resolve) => {
    dialogAnswer = resolve;
    dock.set({ dialog: d });
  });
}

// ---- commands ------------------------------------------------------------------------------------

export async function runCommand(cmd: Command): Promise<void> {
  play('command');
  switch (cmd) {
    case 'SIGNOUT': {
      // a box open stays open, under its opener's name: the next badge continues it, and each record names who
      // scanned it
      const open = dock.get().pkg;
      setOperator(null);
      last = null;
      if (open && open.state === 'open') {
        const w: ScanWords = { kind: 'signedOutOpen', tracking: open.trackingNumber, opener: open.openedBy };
        return words('command', 'notice', 'command', commandCode(cmd), 'fb.signedOut', w);
      }
      pushFeedback({
        kind: 'command',
        tone: 'notice',
        sound: 'command',
        code: commandCode(cmd),
        title: 'fb.command',
        text: { key: 'msg.signedOut' },
      });
      return;
    }
    case 'UNDO':
      return undo();
    case 'CLOSE':
    case 'NEXT':
      return closePackage(cmd === 'NEXT');
  }
}

async function undo(): Promise<void> {
  try {
    const r = await theApi().call('scans.undo', { operator: operator() });
    last = null;
    if (r.driveId === null) {
      // the box opened by mistake is put back: closed on screen, back to "scan a package"
      setPackage(null);
      dock.set({ lastClosed: null });
      feedback('undone', 'notice', 'notice', commandCode('UNDO'), 'fb.undone', 'msg.undonePackage', { tracking: r.trackingNumber ?? '' });
      return;
    }
    await refreshPackage();
    feedback('undone', 'notice', 'notice', commandCode('UNDO'), 'fb.undone', 'msg.undone', { serial: r.driveId });
  } catch (e) {
    reject(commandCode('UNDO'), toCoreError(e));
  }
}

async function closePackage(thenNext: boolean): Promise<void> {
  const pkg = dock.get().pkg;
  if (!pkg || pkg.state !== 'open') {
    if (thenNext) {
      // what the box just closed left to look at stays listed until the next box is scanned
      const lc = dock.get().lastClosed;
      if (!lc || !(lc.neverReceived.length + lc.extras.length + lc.otherJob.length + lc.heldDrives.length)) dock.set({ lastClosed: null });
      return feedback('command', 'notice', 'command', commandCode('NEXT'), 'fb.command', 'msg.readyNext');
    }
    return reject(commandCode('CLOSE'), {
      code: 'NO_OPEN_PACKAGE',
      message: "No package is open: scan the package's tracking number first.",
    });
  }
  try {
    const preview = await theApi().call('packages.previewClose', { trackingNumber: pkg.trackingNumber });
    const a = await ask({
      kind: 'close',
      trackingNumber: preview.trackingNumber,
      neverReceived: preview.neverReceived,
      held: preview.held,
      thenNext,
    });
    if (!a.confirm) return;
    const r = await theApi().call('packages.close', { operator: operator(), trackingNumber: preview.trackingNumber });
    last = null;
    setPackage(null);
    // the summary stays until the next box is scanned (after NEXT too), so what needs a look is seen
    const summary = summaryOf(r.package, r.neverReceived);
    const needsLook = summary.neverReceived.length + summary.extras.length + summary.otherJob.length + summary.heldDrives.length > 0;
    dock.set({ lastClosed: thenNext && !needsLook ? null : summary });
    if (r.package.state === 'held')
      feedback('closed', 'warning', 'held', preview.trackingNumber, 'fb.closed', 'msg.closedHeld', { tracking: r.package.trackingNumber });
    else if (r.neverReceived.length)
      feedback('closed', 'warning', 'extra', preview.trackingNumber, 'fb.closedNever', 'msg.closedNever', {
        tracking: r.package.trackingNumber,
        never: r.neverReceived.length,
        serials: shortList(r.neverReceived),
      });
    else if (needsLook) {
      // every expected drive came, but not only they: the summary below names the rest
      const w: ScanWords = {
        kind: 'closedWith',
        tracking: r.package.trackingNumber,
        extras: summary.extras.length,
        otherJob: summary.otherJob.length,
        held: summary.heldDrives.length,
      };
      words('closed', 'warning', 'notice', preview.trackingNumber, 'fb.closed', w);
    } else
      feedback('closed', 'accepted', 'accepted', preview.trackingNumber, 'fb.closed', 'msg.closedClean', {
        tracking: r.package.trackingNumber,
      });
  } catch (e) {
    reject(commandCode(thenNext ? 'NEXT' : 'CLOSE'), toCoreError(e));
  }
}

/** Up to 4 serials for the banner (the closed summary lists them all); hyphens never break a serial. */
function shortList(serials: string[]): string {
  const shown = serials
    .slice(0, 4)
    .map((x) => x.replace(/-/g, '\u2011'))
    .join(', ');
  return serials.length > 4 ? `${shown} … (+${serials.length - 4})` : shown;
}

/** Buttons and keys run commands through the same queue as scans, so they keep their order. */
export function command(cmd: Command): void {
  submitScan(commandCode(cmd), 'manual');
}
