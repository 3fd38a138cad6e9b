// What the deadlines cost on a 1,000,000-drive store: the sweep when nothing is due (it runs when the station
// opens and every 10 minutes, on the one thread that also takes the scans), and the first page of Exceptions
// the screen asks for. Prints one JSON line each; progress goes to stderr.
// The store is the cached one (see fill.ts), copied; its clock is an hour after the moment it was filled.
// The first sweep applies whatever the filled store had due (timed apart, as "catch-up"); the sweeps
// measured after it have nothing due, which is the station's case 143 times a day.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ManualClock } from '../../electron/core/clock.ts';
import { Intake } from '../../electron/core/intake.ts';
import { Store } from '../../electron/core/store/index.ts';
import { readStore } from '../store-file.ts';
import { FILL_NOW, cacheDir, cachedStore, workingCopy } from './fill.ts';

const SIZE = Number(process.env.BENCH_DEADLINES_SIZE ?? 1_000_000);
const RUNS = Number(process.env.BENCH_DEADLINES_RUNS ?? 7);
const log = (s: string) => process.stderr.write(`[deadlines.bench] ${s}\n`);
const round3 = (x: number) => Math.round(x * 1000) / 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const actor = { operator: 'deadline sweep', station: 'dock-1' };

function timed<T>(fn: () => T): [T, number] {
  const s = performance.now();
  const r = fn();
  return [r, performance.now() - s];
}

mkdirSync(join(cacheDir(), 'work'), { recursive: true });
const cached = cachedStore(SIZE, log);
const work = workingCopy(cached, join(cacheDir(), 'work', `deadlines-${SIZE}.sqlite`));
const clock = new ManualClock(new Date(new Date(FILL_NOW).getTime() + 3_600_000));
const store = new Store(work);
const intake = new Intake({ store, clock });
try {
  const drives = Number((readStore(work).prepare('SELECT count(*) AS n FROM drives').get() as { n: number }).n);
  const [first, catchUp] = timed(() => intake.sweep(actor));
  const applied = Object.fromEntries(Object.entries(first).map(([k, v]) => [k, Array.isArray(v) ? v.length : v]));
  log(`${drives} drives; first sweep ${catchUp.toFixed(1)} ms applied ${JSON.stringify(applied)}`);

  const sweeps: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    clock.advance(10 * 60_000); // the station's own interval
    const [r, t] = timed(() => intake.sweep(actor));
    const applied = Object.values(r)
      .filter(Array.isArray)
      .reduce((n, a) => n + a.length, 0);
    if (applied) log(`sweep ${i + 1} applied ${applied} changes (expected none)`);
    sweeps.push(t);
  }
  log(`sweeps with nothing due: ${sweeps.map((t) => t.toFixed(1)).join(', ')} ms`);
  console.log(JSON.stringify({ bench: 'sweep', drives: SIZE, ms: round3(median(sweeps)), runs: RUNS, first_sweep_ms: round3(catchUp) }));

  const pages: number[] = [];
  let rows = 0;
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const [page, t] = timed(() => firstPage());
    pages.push(t);
    rows = page.rows;
    bytes = page.bytes;
  }
  log(`first page of Exceptions: ${pages.map((t) => t.toFixed(1)).join(', ')} ms; ${rows} rows, ${bytes} bytes as JSON`);
  console.log(JSON.stringify({ bench: 'exceptions', drives: SIZE, ms: round3(median(pages)), rows, bytes, runs: RUNS }));
} finally {
  store.close();
  for (const ext of ['', '-wal', '-shm']) rmSync(work + ext, { force: true });
}

/** What the Exceptions screen asks for when it opens (its first page), serialised as it crosses the boundary. */
function firstPage(): { rows: number; bytes: number } {
  const page = intake.exceptionsPage({ limit: 50 });
  return { rows: page.rows.length, bytes: JSON.stringify(page).length };
}
