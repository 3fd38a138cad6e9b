// One station process per data directory: a second is refused, told which process has it (pid, since when,
// in which mode), and changes nothing; a lock left by a process that is gone is taken over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStation } from '../../electron/station.ts';
import { LOCK_FILE, StationLockedError, isStale } from '../../electron/station-lock.ts';
import { startStationServer } from '../../electron/server.ts';
import { clockAt, tempDir } from './helpers.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('a second station on the same data directory is refused, naming the first: pid, start, mode', async () => {
  const t = tempDir();
  try {
    const first = await startStationServer({ dataDir: t.dir, demo: false, clock: clockAt(), mode: 'browser mode' });
    try {
      const lock = JSON.parse(readFileSync(join(t.dir, LOCK_FILE), 'utf8')) as { pid: number; mode: string };
      assert.equal(lock.pid, process.pid);
      const before = readFileSync(join(t.dir, 'settings.json'));
      assert.throws(
        () => openStation({ dataDir: t.dir, transport: 'ipc', demo: false }),
        (e: unknown) => {
          assert.ok(e instanceof StationLockedError);
          assert.equal(e.code, 'STATION_ALREADY_OPEN');
          assert.match(e.message, new RegExp(`pid ${process.pid}\\b`));
          assert.match(e.message, /browser mode/);
          assert.match(e.message, /started \d{4}-\d\d-\d\dT/);
          return true;
        },
      );
      assert.deepEqual(readFileSync(join(t.dir, 'settings.json')), before, 'the settings were not touched');
      await assert.rejects(startStationServer({ dataDir: t.dir, demo: false }), StationLockedError);
    } finally {
      await first.close();
    }
    assert.equal(existsSync(join(t.dir, LOCK_FILE)), false, 'closing the station lets the directory go');
    openStation({ dataDir: t.dir, transport: 'http', demo: false, sweepEveryMs: false }).close();
  } finally {
    t.remove();
  }
});

test('a station server in another process keeps the directory: this one is refused with that pid', async () => {
  const t = tempDir();
  const child = spawn(process.execPath, [join(root, 'electron', 'server-cli.ts'), `--data-dir=${t.dir}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    await new Promise<void>((ready, fail) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('Open the station at')) ready();
      });
      child.on('exit', (code) => fail(new Error(`the server exited (${code}) before it was up`)));
    });
    assert.throws(
      () => openStation({ dataDir: t.dir, transport: 'http', demo: false }),
      (e: unknown) => {
        assert.ok(e instanceof StationLockedError);
        assert.equal(e.holder.pid, child.pid);
        assert.match(e.message, new RegExp(`pid ${child.pid}\\b.*station server`));
        return true;
      },
    );
  } finally {
    child.kill();
    await new Promise((r) => child.once('exit', r));
    t.remove();
  }
});

test('the lock of a process that is gone is taken over', () => {
  const t = tempDir();
  try {
    // a pid that was a process a moment ago and is no more
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const pid = Number(gone.stdout);
    assert.ok(pid > 0);
    writeFileSync(
      join(t.dir, LOCK_FILE),
      JSON.stringify({ pid, startedAt: '2026-01-01T00:00:00.000Z', mode: 'desktop app', host: hostname() }),
    );
    const s = openStation({ dataDir: t.dir, transport: 'http', demo: false, sweepEveryMs: false });
    try {
      const lock = JSON.parse(readFileSync(join(t.dir, LOCK_FILE), 'utf8')) as { pid: number };
      assert.equal(lock.pid, process.pid);
    } finally {
      s.close();
    }
  } finally {
    t.remove();
  }
});

test('a lock file that is not a lock (empty, cut short) is taken over', () => {
  const t = tempDir();
  try {
    writeFileSync(join(t.dir, LOCK_FILE), '{"pid": 12');
    openStation({ dataDir: t.dir, transport: 'http', demo: false, sweepEveryMs: false }).close();
  } finally {
    t.remove();
  }
});

test("a lock is stale only when its process is gone from this machine; another host's is never judged", () => {
  const holder = { pid: 4242, startedAt: '2026-01-01T00:00:00.000Z', mode: 'desktop app', host: 'dock-pc-1' };
  assert.equal(
    isStale(holder, () => false, 'dock-pc-1'),
    true,
  );
  assert.equal(
    isStale(holder, () => true, 'dock-pc-1'),
    false,
  );
  assert.equal(
    isStale(holder, () => false, 'dock-pc-2'),
    false,
  );
  assert.equal(
    isStale(null, () => true, 'dock-pc-1'),
    true,
  );
});
