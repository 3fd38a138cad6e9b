// The station's readers: one or two threads, each with a read-only connection of its own to the store, that
// answer the operations marked `read`. The station's own thread keeps the one writing connection and commits
// scans; however long a list takes to read, a scan never waits behind it. A reader answers from everything
// committed when its answer begins (WAL), so a read sent after a write's answer sees that write.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ClockStatus } from '../core/clock.ts';
import { readerPossible, type StoreOptions } from '../core/store/open.ts';
import type { OpName, Reply, StationInfo } from './contract.ts';
import type { Settings, SettingsProblem } from './settings-schema.ts';

export interface ReaderOptions {
  /** How many reader threads; 0 answers every read on the station's own thread. Default: see `defaultThreads`. */
  threads?: number;
  /** The reader's script: the desktop app names its bundle; plain Node runs read-worker.ts beside this file. */
  workerFile?: string;
  /**
   * For tests only: before each read a reader counts it in slot 1 and then waits while slot 0 is 0, so a test
   * holds a reader busy for exactly as long as it wants, with no timing.
   */
  hold?: Int32Array;
}

/**
 * What a read depends on besides the store, taken on the station's thread when the call arrives: the clock's
 * reading and the station's judgement of it, the settings. A reader answers with these, never its own, so a
 * test's manual clock and a settings change just saved hold for reads as they do on the station's thread.
 */
export interface CallInputs {
  now: number;
  clock: ClockStatus;
  settings: Settings;
  settingsProblem: SettingsProblem | null;
  transport: StationInfo['transport'];
  version: string;
  demoJobs: number;
}

/** What a reader thread is started with. */
export interface ReaderData {
  store: StoreOptions;
  hold: Int32Array | null;
  /** Slot 0 turns 1 once the reader has opened its connection, slot 1 once it has closed it again. */
  state: Int32Array;
}

export type ReaderRequest = { type: 'call'; id: number; op: OpName; input: unknown; call: CallInputs } | { type: 'close' };
export type ReaderMessage = { type: 'ready' } | { type: 'failed'; message: string } | { type: 'reply'; id: number; reply: Reply<OpName> };

/** One reader for two cores (the station's thread keeps the other), two on larger machines. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(2, availableParallelism() - 1));
}

/**
 * The reader's script beside this module, when it runs from its source. In a bundle (the desktop app) there is
 * no module address, so the bundle's own reader must be named (`workerFile`).
 */
function besideThisFile(name: string): string | null {
  try {
    return fileURLToPath(new URL(name, import.meta.url));
  } catch {
    return null;
  }
}

/** How long closing waits for a reader to close its connection before stopping the thread. */
const CLOSE_WAIT_MS = 1_000;
/** A reader that dies is replaced this many times; after that the station answers reads itself. */
const RESTARTS = 3;

interface Pending {
  resolve: (r: Reply<OpName>) => void;
  /** The same call answered on the station's thread, when the reader that had it is gone. */
  here: () => Promise<Reply<OpName>>;
}

class Reader {
  readonly worker: Worker;
  readonly pending = new Map<number, Pending>();
  readonly state = new Int32Array(new SharedArrayBuffer(8));
  ready = false;
  constructor(file: string, data: Omit<ReaderData, 'state'>, onReady: () => void, onGone: (r: Reader, why: string) => void) {
    const workerData: ReaderData = { ...data, state: this.state };
    this.worker = new Worker(file, { workerData });
    this.worker.unref();
    this.worker.on('message', (m: ReaderMessage) => {
      if (m.type === 'ready') {
        this.ready = true;
        onReady();
      } else if (m.type === 'failed') onGone(this, m.message);
      else this.settle(m.id, m.reply);
    });
    this.worker.on('error', (e) => onGone(this, e instanceof Error ? e.message : String(e)));
    this.worker.on('exit', (code) => onGone(this, `exited with code ${code}`));
  }
  send(id: number, op: OpName, input: unknown, call: CallInputs, p: Pending): void {
    if (this.pending.size === 0) this.worker.ref();
    this.pending.set(id, p);
    this.worker.postMessage({ type: 'call', id, op, input, call } satisfies ReaderRequest);
  }
  settle(id: number, reply: Reply<OpName>): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    // a reader waiting for nothing does not keep the process alive (a command that opened a station exits)
    if (this.pending.size === 0) this.worker.unref();
    p.resolve(reply);
  }
}

export class ReaderPool {
  readonly #file: string;
  readonly #data: Omit<ReaderData, 'state'>;
  readonly #readers: Reader[] = [];
  #restarts = 0;
  #next = 1;
  #closed = false;
  #broken = false;
  #waiting: ((ready: boolean) => void)[] = [];

  private constructor(store: StoreOptions, threads: number, file: string, opts: ReaderOptions) {
    this.#file = file;
    this.#data = { store, hold: opts.hold ?? null };
    for (let i = 0; i < threads; i++) this.#readers.push(this.#spawn());
  }

  /** Readers for the store these options open, or null where reads stay on the station's thread. */
  static start(store: StoreOptions, opts: ReaderOptions = {}): ReaderPool | null {
    const threads = opts.threads ?? defaultThreads();
    if (threads < 1 || store.readOnly || !readerPossible(store)) return null;
    const file = opts.workerFile ?? besideThisFile('./read-worker.ts');
    return file ? new ReaderPool(store, threads, file, opts) : null;
  }

  /** False once the readers could not open the store (reads are then answered on the station's thread). */
  get available(): boolean {
    return !this.#closed && !this.#broken && this.#readers.length > 0;
  }

  #spawn(): Reader {
    return new Reader(
      this.#file,
      this.#data,
      () => this.#settleWaiting(),
      (r, why) => this.#gone(r, why),
    );
  }

  #settleWaiting(): void {
    const ready = this.available && this.#readers.some((r) => r.ready);
    if (!ready && this.available) return;
    for (const w of this.#waiting.splice(0)) w(ready);
  }

  /** Resolves true once a reader answers calls, false if none will (it could not start, or the station closed). */
  whenReady(): Promise<boolean> {
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
      this.#settleWaiting();
    });
  }

  /** A reader that failed to open, crashed or exited: its calls are answered here, and it is replaced. */
  #gone(r: Reader, why: string): void {
    const at = this.#readers.indexOf(r);
    if (at < 0) return;
    this.#readers.splice(at, 1);
    void r.worker.terminate();
    if (!this.#closed) {
      console.error(`[intake] a reader thread stopped (${why}); reads are answered by the station meanwhile`);
      if (!r.ready || this.#restarts >= RESTARTS) this.#broken = true;
      else {
        this.#restarts++;
        this.#readers.push(this.#spawn());
      }
    }
    this.#settleWaiting();
    for (const [id, p] of r.pending) {
      r.pending.delete(id);
      p.here().then(p.resolve, () => p.resolve({ ok: false, error: { code: 'INTERNAL', message: 'The station could not answer.' } }));
    }
  }

  /**
   * Answers `op` on the least busy reader; `here` answers it on the station's thread if no reader can, or none
   * has started yet (a reader takes a moment to load; the first reads after opening do not wait for it).
   */
  run(op: OpName, input: unknown, call: CallInputs, here: () => Promise<Reply<OpName>>): Promise<Reply<OpName>> {
    if (!this.available) return here();
    let r: Reader | null = null;
    for (const x of this.#readers) if (x.ready && (!r || x.pending.size < r.pending.size)) r = x;
    if (!r) return here();
    const id = this.#next++;
    const reader = r;
    return new Promise((resolve) => reader.send(id, op, input, call, { resolve, here }));
  }

  /**
   * Stops the readers. Calls already sent are answered first; each reader closes its connection before the
   * station closes its own (waited for a moment, so the store's files are left as the station leaves them).
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#settleWaiting();
    for (const r of this.#readers) r.worker.postMessage({ type: 'close' } satisfies ReaderRequest);
    const until = Date.now() + CLOSE_WAIT_MS;
    for (const r of this.#readers) {
      const left = until - Date.now();
      // a reader still starting has no connection to close
      if (left > 0 && Atomics.load(r.state, 0) === 1) Atomics.wait(r.state, 1, 0, left);
      if (Atomics.load(r.state, 1) === 0) void r.worker.terminate();
    }
  }
}
