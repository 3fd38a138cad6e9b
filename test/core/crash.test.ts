// Crash test: a child process scanning in a burst is killed with SIGKILL at random moments, 50 times. After
// each kill the store opens, passes PRAGMA integrity_check, and holds every scan the child reported as
// committed before it died.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Dice } from '../../electron/core/demo.ts';
import { Store } from '../../electron/core/store/index.ts';
import { readStore } from '../store-file.ts';
import { sqliteOnly } from './helpers.ts';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'scan-burst.ts');
const KILLS = 50;

/**
 * Runs the child until it has reported `afterScans` scans past its READY (0: at READY), then kills it `delayMs`
 * later, so the kill lands inside the burst however slowly a busy machine runs the child; returns what it reported.
 */
function runAndKill(
  file: string,
  tag: string,
  afterScans: number,
  delayMs: number,
): Promise<{ reported: string[]; ready: boolean; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, file, tag], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let ready = false;
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (!ready && out.includes('READY\n')) ready = true;
      if (ready && !timer && (out.match(/^SCANNED /gm)?.length ?? 0) >= afterScans) {
        timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') {
        reject(new Error(`the child ended by itself (code ${code}): ${stderr}`));
        return;
      }
      // only whole lines count: a line cut by the kill was never reported
      const reported = out
        .split('\n')
        .slice(0, -1)
        .filter((l) => l.startsWith('SCANNED '))
        .map((l) => l.slice(8));
      resolve({ reported, ready, stderr });
    });
  });
}

test(
  'a station killed in the middle of a scan burst loses no committed scan and its store stays whole',
  { skip: sqliteOnly('kills a process writing a SQLite file, then PRAGMA integrity_check') },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dock-crash-'));
    const file = join(dir, 'dock.sqlite');
    const dice = new Dice(Number(process.env.CRASH_SEED ?? 7));
    const all: string[] = [];
    let withScans = 0;
    try {
      for (let i = 0; i < KILLS; i++) {
        // mostly mid-burst (after a few scans, a moment later: inside a scan's transaction or between two), now and
        // then at start-up
        const afterScans = dice.chance(0.1) ? 0 : dice.int(1, 40);
        const { reported } = await runAndKill(file, `K${i}`, afterScans, dice.int(0, 3));
        if (reported.length) withScans++;
        all.push(...reported);
        const store = new Store(file);
        try {
          assert.equal(
            (readStore(store.path).prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check,
            'ok',
            `after kill ${i + 1}`,
          );
          const lost = all.filter((serial) => {
            const d = readStore(store.path)
              .prepare('SELECT state FROM drives WHERE drive_id = ? AND package_tracking IS NOT NULL')
              .get(serial) as { state: string } | undefined;
            const c = readStore(store.path).prepare("SELECT 1 FROM custody WHERE drive_id = ? AND action = 'drive.scanned'").get(serial);
            return !(d && d.state === 'Received' && c);
          });
          assert.deepEqual(lost, [], `scans reported as committed but missing after kill ${i + 1}`);
        } finally {
          store.close();
        }
      }
      assert.ok(withScans >= KILLS / 2, `most kills landed in the middle of a burst (${withScans} of ${KILLS})`);
      assert.ok(all.length > 100, `the children committed scans (${all.length})`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
