// The renderer's store: a cache of what the station (main) reports, plus UI state. No transition rule lives
// here: what may happen is asked of the contract. The change subscription is made once, in `connect`,
// outside any React component.
import { create } from 'zustand';
import type { Change, IntakeApi, StationInfo } from '../../electron/api/contract.ts';
import type { Deadline } from '../../electron/core/intake.ts';
import type { PackageView } from '../../electron/core/queries/views.ts';
import { type CoreError, type Key, type Lang, type Params, LANGS } from './i18n.ts';
import type { Sound } from './sounds.ts';
import type { ScanWords } from './i18n-scan.ts';

export type Screen = 'receive' | 'exceptions' | 'jobs' | 'copy' | 'packaging' | 'commands' | 'settings';
export const SCREENS: readonly Screen[] = ['receive', 'exceptions', 'jobs', 'copy', 'packaging', 'commands', 'settings'];

export type Tone = 'accepted' | 'warning' | 'notice' | 'rejected';

/** What the big banner and the scan log show. Kept as keys and data, so a language switch re-renders it. */
export interface Feedback {
  id: number;
  tone: Tone;
  /** Which look: each outcome has its own colour, icon and sound. */
  kind: FeedbackKind;
  sound: Sound;
  code: string;
  title: Key;
  text: { key: Key; params?: Params } | { error: CoreError; scanned?: string } | { words: ScanWords };
  at: number;
  /** An action the banner offers with this feedback (button and F6). */
  offer?:
    | { kind: 'receiveHeld' | 'confirmExtra' | 'moveHere'; code: string }
    /** A listed drive scanned with no box open: open the box its job expects (`code`), then record `serial` in it. */
    | { kind: 'openBox'; code: string; serial: string };
}
export type FeedbackKind =
  | 'received'
  | 'arrivedLater'
  | 'exportAdded'
  | 'extra'
  | 'otherJob'
  | 'held'
  | 'alreadyReceived'
  | 'duplicate'
  | 'rejected'
  | 'package'
  | 'packageHeld'
  | 'closed'
  | 'undone'
  | 'command'
  | 'signedIn'
  | 'confirmExtra'
  | 'dropped'
  | 'moved';

/**
 * The outcomes of an open box that need a person's eyes: they stay listed beside the box until it closes (a
 * burst moves the banner on within milliseconds), and the close summary names them.
 */
export const NOTE_KINDS: ReadonlySet<FeedbackKind> = new Set<FeedbackKind>([
  'extra',
  'otherJob',
  'held',
  'alreadyReceived',
  'rejected',
  'confirmExtra',
  'dropped',
  'moved',
]);

export interface ClosedSummary {
  trackingNumber: string;
  received: number;
  neverReceived: string[];
  held: boolean;
  /** Extra drives, drives of other jobs and held drives the box held when it closed. */
  extras: string[];
  otherJob: { serial: string; job: string | null }[];
  heldDrives: string[];
}

export type FlowDialog =
  | {
      kind: 'close';
      trackingNumber: string;
      neverReceived: { jobName: string; driveId: string }[];
      held: boolean;
      thenNext: boolean;
      /** The next box's tracking number, when its scan asked to close this one. */
      next?: string;
      /** Scans that came while the question was on screen: taken in order once it is answered. */
      waiting?: number;
    }
  | { kind: 'chooseJob'; serial: string; jobs: string[] };

export interface DockState {
  status: 'loading' | 'ready' | 'error';
  loadError: string | null;
  info: StationInfo | null;
  operator: string | null;
  /** An operator who scanned their badge (or picked their name) and must type their PIN to sign in. */
  pinFor: string | null;
  /** Minutes of the idle sign-out that just signed the operator out (said on the sign-in screen). */
  idleSignedOut: number | null;
  lang: Lang;
  screen: Screen;
  /** The job page shown on the Jobs screen, if any. */
  jobName: string | null;
  /** The jobs search as the person left it. */
  jobsQuery: { query: string; state: string; offset: number };
  /** The package open at this station, as main last reported it. */
  pkg: PackageView | null;
  heldDeadlines: Deadline[];
  lastClosed: ClosedSummary | null;
  feedback: Feedback | null;
  log: Feedback[];
  /** The open box's outcomes that need a look (NOTE_KINDS), newest first, until it closes. */
  boxNotes: Feedback[];
  /** A serial on no list, waiting for its second scan (or F6) before it becomes an extra drive. */
  pendingExtra: { code: string; at: number } | null;
  /** The last drive tag drawn at Receive, ready to open and print. */
  tag: { serial: string; url: string; filename: string } | null;
  /** Scans taken but not yet answered. */
  pending: number;
  dialog: FlowDialog | null;
  /** Bumped on every change main reports; screens showing lists refetch when it moves. */
  changeTick: number;
  lastChange: Change | null;
}

const storage = (kind: 'local' | 'session'): Storage | null => {
  try {
    return kind === 'local' ? window.localStorage : window.sessionStorage;
  } catch {
    return null;
  }
};

function initialLang(): Lang {
  const saved = storage('local')?.getItem('dock.lang');
  return LANGS.includes(saved as Lang) ? (saved as Lang) : 'en';
}

export const useDock = create<DockState>()(() => ({
  status: 'loading',
  loadError: null,
  info: null,
  operator: storage('session')?.getItem('dock.operator') ?? null,
  pinFor: null,
  idleSignedOut: null,
  lang: initialLang(),
  screen: 'receive',
  jobName: null,
  jobsQuery: { query: '', state: '', offset: 0 },
  pkg: null,
  heldDeadlines: [],
  lastClosed: null,
  feedback: null,
  log: [],
  boxNotes: [],
  pendingExtra: null,
  tag: null,
  pending: 0,
  dialog: null,
  changeTick: 0,
  lastChange: null,
}));

export const dock = {
  get: useDock.getState,
  set: useDock.setState,
};

// ---- the connection to main ------------------------------------------------------------------------

let api: IntakeApi | null = null;

export function theApi(): IntakeApi {
  if (!api) throw new Error('The renderer is not connected to the station yet.');
  return api;
}

/** Errors cross the contract as `{ code, message }`; anything else (a dropped connection) is NETWORK. */
export function toCoreError(e: unknown): CoreError {
  if (
    e &&
    typeof e === 'object' &&
    typeof (e as { code?: unknown }).code === 'string' &&
    typeof (e as { message?: unknown }).message === 'string'
  ) {
    const x = e as { code: string; message: string; detail?: Record<string, unknown> };
    return { code: x.code, message: x.message, detail: x.detail };
  }
  return { code: 'NETWORK', message: e instanceof Error ? e.message : String(e) };
}

let refreshQueued = false;
/** Serials this window is scanning now: their change events echo what the scan's own answer shows. */
const echoes = new Map<string, number>();
export function expectEcho(serial: string): void {
  const now = Date.now();
  for (const [k, at] of echoes) if (now - at > 3000) echoes.delete(k);
  echoes.set(serial.trim().toUpperCase(), now);
}
function isOwnEcho(change: Change, pkg: PackageView | null): boolean {
  if (!pkg || !change.drives.length) return false;
  if (!change.packages.every((p) => p === pkg.trackingNumber)) return false;
  return change.drives.every((d) => echoes.has(d));
}
let busyCheck: () => boolean = () => false;
/** Bumped whenever the package view is set from a fresher source (a scan's own answer). */
let pkgEpoch = 0;

export function setPackage(pkg: PackageView | null): void {
  pkgEpoch++;
  const prev = dock.get().pkg;
  // a box's notes are its own: another box (or none) starts with none
  const sameBox = Boolean(pkg && prev && pkg.trackingNumber === prev.trackingNumber && pkg.state === 'open');
  dock.set(sameBox ? { pkg } : { pkg, boxNotes: [], pendingExtra: null });
  if (
    pkg &&
    (pkg.held || pkg.scanned.some((d) => d.held)) &&
    (!prev || prev.trackingNumber !== pkg.trackingNumber || prev.scanned.length !== pkg.scanned.length)
  ) {
    void loadHeldDeadlines(pkg.trackingNumber);
  } else if (!pkg) {
    dock.set({ heldDeadlines: [] });
  }
}

async function loadHeldDeadlines(tracking: string): Promise<void> {
  try {
    const all = await theApi().call('deadlines.upcoming', { limit: 500 });
    if (dock.get().pkg?.trackingNumber !== tracking) return;
    dock.set({
      heldDeadlines: all.filter((d) => d.trackingNumber === tracking && (d.kind === 'heldReturn' || d.kind === 'heldDestruction')),
    });
  } catch {
    /* deadlines are shown when they can be had */
  }
}

/** Asks main for the package open here. Skipped while scans are in flight: their answers are fresher. */
export async function refreshPackage(): Promise<void> {
  const epoch = pkgEpoch;
  try {
    const pkg = await theApi().call('packages.current', {});
    if (epoch === pkgEpoch) setPackage(pkg);
  } catch {
    /* the next change will try again */
  }
}

function scheduleRefresh(): void {
  if (refreshQueued) return;
  refreshQueued = true;
  setTimeout(function tick() {
    if (busyCheck()) {
      setTimeout(tick, 50);
      return;
    }
    refreshQueued = false;
    void refreshPackage();
  }, 30);
}

/** Subscribes to main's changes, once, for the life of the window. */
export async function connect(a: IntakeApi, opts: { busy: () => boolean }): Promise<void> {
  api = a;
  busyCheck = opts.busy;
  a.onChange((change) => {
    dock.set((s) => ({ changeTick: s.changeTick + 1, lastChange: change }));
    const pkg = dock.get().pkg;
    const lookAgain = !change.jobs.length && !change.packages.length && !change.drives.length; // after a reconnect
    if (isOwnEcho(change, pkg)) return;
    if (!pkg || lookAgain || change.packages.length > 0 || change.drives.length > 0) {
      // a refresh still on its way was read before this change: its answer is dropped, the one scheduled here shows it
      pkgEpoch++;
      scheduleRefresh();
    }
  });
  await loadStation();
}

export async function loadStation(): Promise<void> {
  dock.set({ status: 'loading', loadError: null });
  try {
    const info = await theApi().call('station.info', {});
    const savedLang = storage('local')?.getItem('dock.lang');
    const operator = dock.get().operator;
    const stillKnown = !operator || !info.operators.length || info.operators.some((o) => o.name === operator);
    dock.set({
      info,
      lang: LANGS.includes(savedLang as Lang) ? (savedLang as Lang) : info.language,
      operator: stillKnown ? operator : null,
      status: 'ready',
    });
    await refreshPackage();
  } catch (e) {
    dock.set({ status: 'error', loadError: toCoreError(e).message });
  }
}

export function setLang(lang: Lang): void {
  storage('local')?.setItem('dock.lang', lang);
  document.documentElement.lang = lang;
  dock.set({ lang });
}

export function setOperator(name: string | null): void {
  if (name) storage('session')?.setItem('dock.operator', name);
  else storage('session')?.removeItem('dock.operator');
  dock.set({ operator: name, pinFor: null, ...(name ? { idleSignedOut: null } : {}) });
}

export function go(screen: Screen, jobName: string | null = null): void {
  dock.set({ screen, jobName });
}

let feedbackId = 0;
/** A line for the open box's "needs a look" list (and the log) that does not take the banner. */
export function pushNote(f: Omit<Feedback, 'id' | 'at'>): Feedback {
  const fb: Feedback = { ...f, id: ++feedbackId, at: Date.now() };
  dock.set((s) => ({ log: [fb, ...s.log].slice(0, 40), boxNotes: [fb, ...s.boxNotes] }));
  return fb;
}
/** One line per code: a drive scanned again (or confirmed, or moved) says so once, its newest words kept. */
const sameNote = (a: Feedback, b: Feedback): boolean => a.code.trim().toUpperCase() === b.code.trim().toUpperCase();
export function pushFeedback(f: Omit<Feedback, 'id' | 'at'>): Feedback {
  const fb: Feedback = { ...f, id: ++feedbackId, at: Date.now() };
  dock.set((s) => ({
    feedback: fb,
    log: [fb, ...s.log].slice(0, 40),
    ...(s.pkg?.state === 'open' && NOTE_KINDS.has(fb.kind) ? { boxNotes: [fb, ...s.boxNotes.filter((n) => !sameNote(n, fb))] } : {}),
  }));
  return fb;
}
