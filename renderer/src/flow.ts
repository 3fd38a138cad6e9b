// The Receive flow: every scan goes into one queue and is sent to the station in order, one at a time, so
// none is lost or reordered at 20 scans a second. What a scan is (badge, package, job label, drive, command) is
// asked of the station once (`codes.identify`) when no package is open; with one open, a scan goes straight to
// the station as a drive, which refuses what is not one (a badge, a job's label, a tracking number) by code.
import {
  dock,
  expectEcho,
  pushFeedback,
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
}

const queue: Item[] = [];
let running = false;
let last: { code: string; at: number } | null = null;
let dialogAnswer: ((answer: DialogAnswer) => void) | null = null;
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
  if (a.confirm === false && a.requeue) queue.unshift(a.requeue);
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
  return scanDrive(code, item.jobName);
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

async function scanDrive(code: string, jobName?: string): Promise<void> {
  let r: ScanResult;
  expectEcho(code);
  try {
    r = await theApi().call('drives.scan', { operator: operator(), serial: code, ...(jobName ? { jobName } : {}) });
  } catch (e) {
    const err = toCoreError(e);
    if (err.code === 'AMBIGUOUS_JOB' && Array.isArray(err.detail?.jobs)) {
      const chosen = await ask({ kind: 'chooseJob', serial: norm(code), jobs: err.detail.jobs as string[] });
      if (chosen.confirm && chosen.jobName) return scanDrive(code, chosen.jobName);
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
  if (r.outcome === 'alreadyReceived')
    return reject(code, { code: 'DRIVE_ALREADY_SCANNED', message: r.message, detail: { driveId: r.serial } });
  play(look.sound);
  pushFeedback({ ...look, code, text: { words: { kind: 'outcome', outcome: r.outcome, params: r.params } } });
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
      // a box open stays open under its opener's name: signing out over it is refused, said why
      const open = dock.get().pkg;
      if (open && open.state === 'open') {
        play('rejected');
        pushFeedback({
          kind: 'rejected',
          tone: 'rejected',
          sound: 'rejected',
          code: commandCode(cmd),
          title: 'fb.rejected',
          text: { key: 'msg.signOutRefused', params: { tracking: open.trackingNumber } },
        });
        return;
      }
      setOperator(null);
      last = null;
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
      // NeverReceived drives of the box just closed stay listed until the next box is scanned
      if (!dock.get().lastClosed?.neverReceived.length) dock.set({ lastClosed: null });
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
    const received = r.package.jobs.reduce((n, j) => n + j.receivedCount, 0);
    last = null;
    setPackage(null);
    // the summary stays until the next box is scanned (after NEXT too), so NeverReceived drives are seen
    dock.set({
      lastClosed:
        thenNext && !r.neverReceived.length
          ? null
          : { trackingNumber: r.package.trackingNumber, received, neverReceived: r.neverReceived, held: r.package.state === 'held' },
    });
    if (r.package.state === 'held')
      feedback('closed', 'warning', 'held', preview.trackingNumber, 'fb.closed', 'msg.closedHeld', { tracking: r.package.trackingNumber });
    else if (r.neverReceived.length)
      feedback('closed', 'warning', 'extra', preview.trackingNumber, 'fb.closedNever', 'msg.closedNever', {
        tracking: r.package.trackingNumber,
        never: r.neverReceived.length,
        serials: shortList(r.neverReceived),
      });
    else
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
