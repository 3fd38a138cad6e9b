// Scans while the Exceptions list is read hard: the station server in its own process, 200 clients asking
// for Exceptions' first page over and over (each asks again as soon as it is answered), and a scanner at 20
// scans a second sending one scan at a time, as the screens do. A scan's time runs from the moment the
// scanner read it to its answer, so a scan queued behind a slow one counts its wait. Once with every read
// on the station's own thread (`threads: 0`, as before reader threads), then with reader threads. One JSON
// line per run (a scanner more than GRACE_SECONDS behind its schedule stops, and says how many it did not send):
//   {"bench":"reads","readers":0,"drives":…,"jobs":…,"clients":200,"scan_p50_ms":…,"scan_p99_ms":…,…}
// The store is the cached demo dock (see fill.ts): BENCH_READS_SIZE drives (default 6,000, about 2,000 jobs;
// 1000000 for the large store), BENCH_READS_THREADS=0,1,2 the runs, BENCH_READS_SECONDS how long each scans.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sqliteReader } from '../store-file.ts';
import { FILL_NOW, cacheDir, cachedStore, workingCopy } from './fill.ts';

const SIZE = Number(process.env.BENCH_READS_SIZE ?? 6000);
const RUNS = (process.env.BENCH_READS_THREADS ?? '0,1').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_READS_SECONDS ?? 20);
const CLIENTS = Number(process.env.BENCH_READS_CLIENTS ?? 200);
const RATE = 20;
const GRACE_SECONDS = 20;
const OPERATOR = 'Amy Lin';
const log = (s: string) => process.stderr.write(`[reads.bench] ${s}\n`);
const round1 = (x: number) => Math.round(x * 10) / 10;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, Math.max(0, ms)));

interface Station {
  origin: string;
  token: string;
  readers: boolean;
  child: ChildProcess;
}

/** A minute after the store's last record (the demo's records run on past the moment it was filled). */
function clockFor(file: string): string {
  const db = sqliteReader(file);
  const last = (db.prepare('SELECT at FROM custody WHERE seq = (SELECT max(seq) FROM custody)').get() as { at: string } | undefined)?.at;
  db.close();
  const at = Math.max(new Date(FILL_NOW).getTime(), last ? new Date(last).getTime() : 0) + 60_000;
  return new Date(at).toISOString();
}

function startStation(dataDir: string, threads: number): Promise<Station> {
  const script = fileURLToPath(new URL('./reads-station.ts', import.meta.url));
  const clock = clockFor(join(dataDir, 'intake.sqlite'));
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, READS_DATA_DIR: dataDir, READS_THREADS: String(threads), READS_CLOCK: clock },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`the station exited with code ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) => resolve({ ...(JSON.parse(line) as Omit<Station, 'child'>), child }));
  });
}

async function call(s: Station, op: string, input: unknown): Promise<unknown> {
  const res = await fetch(`${s.origin}/api/call/${op}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-intake-token': s.token },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok?: boolean; code?: string; message?: string } & Record<string, unknown>;
  if (!res.ok) throw new Error(`${op}: ${res.status} ${body.code} ${body.message}`);
  return body;
}

function box(run: number, i: number) {
  const tracking = `RB${run}${String(i).padStart(6, '0')}TW`;
  const drives = Array.from({ length: 10 }, (_, d) => `RB${run}J${String(i).padStart(4, '0')}D${d}`);
  const job = {
    name: `bench-reads-${run}-${String(i).padStart(4, '0')}`,
    properties: {
      jobType: 'Import',
      state: 'Shipping',
      deliveryPackage: { carrierName: 'DHL', trackingNumber: tracking },
      returnAddress: {
        recipientName: 'Chen Yi-Ting',
        streetAddress1: 'No. 7, Sec. 5, Xinyi Rd.',
        city: 'Taipei',
        postalCode: '110',
        countryOrRegion: 'TW',
        phone: '+886 2 2720 1234',
        email: 'it-ops@example.com.tw',
      },
      driveList: drives.map((driveId) => ({ driveId, bitLockerKey: '111111-222222-333333-444444-555555-666666-777777-888888' })),
    },
  };
  return { tracking, drives, job };
}

async function measure(cached: string, threads: number, run: number): Promise<void> {
  const dataDir = join(cacheDir(), 'work', `reads-${SIZE}-${threads}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  workingCopy(cached, join(dataDir, 'intake.sqlite'));
  const s = await startStation(dataDir, threads);
  try {
    if (threads > 0 && !s.readers) throw new Error('the station has no reader thread');
    const boxes = Array.from({ length: Math.ceil((RATE * SECONDS) / 10) }, (_, i) => box(run, i));
    for (const b of boxes) await call(s, 'jobs.put', { operator: OPERATOR, job: b.job });
    // the page the Exceptions screen asks for, alone: what one read costs here
    const alone: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      await call(s, 'exceptions.list', {});
      alone.push(performance.now() - t);
    }
    alone.sort((a, b) => a - b);

    let stop = false;
    const reads: number[] = [];
    let readErrors = 0;
    const client = async () => {
      while (!stop) {
        const t = performance.now();
        try {
          const res = await fetch(`${s.origin}/api/call/exceptions.list`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-intake-token': s.token },
            body: '{}',
          });
          // the page is taken whole but not parsed: this process's time goes to sending, not to reading pages
          await res.arrayBuffer();
          if (res.ok) reads.push(performance.now() - t);
          else readErrors++;
        } catch (e) {
          // a station that cannot keep up resets connections: counted, and said once
          if (++readErrors === 1) log(`a read failed: ${String((e as { cause?: unknown }).cause ?? e)}`);
          await sleep(1000);
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, client);
    await sleep(2_000);
    reads.length = 0;

    // the scanner: one read every 50 ms, sent one at a time in order (the screens' queue)
    const scans: number[] = [];
    /** From sending the scan to its answer, leaving out any wait behind the scan before it. */
    const sent: number[] = [];
    const acknowledged: string[] = [];
    let scanErrors = 0;
    const attempt = (op: string, input: unknown) =>
      call(s, op, input).then(
        () => true,
        (e: unknown) => {
          if (++scanErrors === 1) log(`a ${op} failed: ${String((e as { cause?: unknown }).cause ?? e)}`);
          return false;
        },
      );
    const started = performance.now();
    const readsFrom = performance.now();
    // a scanner that falls this far behind its schedule stops: the scans it did not send are reported as behind
    const giveUp = started + (SECONDS + GRACE_SECONDS) * 1000;
    let k = 0;
    scanning: for (const b of boxes) {
      if (performance.now() > giveUp) break;
      await attempt('packages.receive', { operator: OPERATOR, trackingNumber: b.tracking });
      for (const serial of b.drives) {
        if (performance.now() > giveUp) break scanning;
        const due = started + (k++ * 1000) / RATE;
        await sleep(due - performance.now());
        const t = performance.now();
        if (!(await attempt('drives.scan', { operator: OPERATOR, serial }))) continue;
        const done = performance.now();
        acknowledged.push(serial);
        scans.push(done - due);
        sent.push(done - t);
      }
      await attempt('packages.close', { operator: OPERATOR });
    }
    const readSeconds = (performance.now() - readsFrom) / 1000;
    const readsDone = reads.length;
    stop = true;
    await Promise.all(clients);
    scans.sort((a, b) => a - b);
    sent.sort((a, b) => a - b);
    const rs = reads.slice(0, readsDone).sort((a, b) => a - b);
    const db = sqliteReader(join(dataDir, 'intake.sqlite'));
    const received = new Set(
      (
        db.prepare(`SELECT drive_id FROM drives WHERE state = 'Received' AND drive_id LIKE 'RB${run}J%'`).all() as { drive_id: string }[]
      ).map((r) => r.drive_id),
    );
    const jobs = Number((db.prepare('SELECT count(*) AS n FROM jobs').get() as { n: number }).n);
    db.close();
    log(
      `readers ${threads}: ${scans.length} of ${boxes.length * 10} scans in ${readSeconds.toFixed(0)} s, p50 ${quantile(scans, 0.5).toFixed(1)} ms ` +
        `p99 ${quantile(scans, 0.99).toFixed(1)} ms (from sending: ${quantile(sent, 0.5).toFixed(1)} / ${quantile(sent, 0.99).toFixed(1)} ms); ` +
        `${rs.length} reads (${(rs.length / readSeconds).toFixed(0)}/s) p50 ${quantile(rs, 0.5).toFixed(0)} ms; one read alone ${quantile(alone, 0.5).toFixed(1)} ms`,
    );
    console.log(
      JSON.stringify({
        bench: 'reads',
        readers: threads,
        drives: SIZE,
        jobs,
        clients: CLIENTS,
        rate: RATE,
        scans: scans.length,
        // scans the scanner read but could not send before it gave up, GRACE_SECONDS past its schedule
        scans_behind: boxes.length * 10 - scans.length,
        scan_p50_ms: round1(quantile(scans, 0.5)),
        scan_p99_ms: round1(quantile(scans, 0.99)),
        scan_max_ms: round1(scans[scans.length - 1]!),
        scan_sent_p50_ms: round1(quantile(sent, 0.5)),
        scan_sent_p99_ms: round1(quantile(sent, 0.99)),
        scan_seconds: round1(readSeconds),
        // a scan is lost when it was acknowledged and the store does not hold its drive Received afterwards
        lost: acknowledged.filter((x) => !received.has(x)).length,
        scan_errors: scanErrors,
        read_alone_ms: round1(quantile(alone, 0.5)),
        read_p50_ms: round1(quantile(rs, 0.5)),
        read_p99_ms: round1(quantile(rs, 0.99)),
        reads_per_s: Math.round(rs.length / readSeconds),
        read_errors: readErrors,
      }),
    );
  } finally {
    s.child.kill('SIGTERM');
    await new Promise((done) => s.child.once('exit', done));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

mkdirSync(join(cacheDir(), 'work'), { recursive: true });
const cached = cachedStore(SIZE, log);
for (const [i, threads] of RUNS.entries()) await measure(cached, threads, i);
