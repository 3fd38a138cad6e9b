// The data directory holds every BitLocker key the dock was given: it is the station account's alone.
// Created 0700 with its files 0600, and put right when found looser. Also: a settings file written by
// Windows PowerShell 5 (with a UTF-8 byte-order mark) is the dock's settings, not a corrupt file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStation, STORE_FILE } from '../../electron/station.ts';
import { OPERATOR, clockAt, tempDir } from './helpers.ts';

const posix = process.platform !== 'win32';
const mode = (p: string) => statSync(p).mode & 0o777;
const octal = (n: number) => `0${n.toString(8)}`;

test(
  'a new data directory is 0700 and the store, its WAL files and the settings are 0600',
  { skip: !posix && 'file modes are POSIX' },
  () => {
    const t = tempDir();
    try {
      const dir = join(t.dir, 'station');
      const s = openStation({ dataDir: dir, transport: 'http', clock: clockAt(), demo: false, sweepEveryMs: false });
      try {
        // a write, so the WAL and its index exist
        s.intake.receivePackage({ operator: OPERATOR, station: 'DOCK-1' }, { trackingNumber: '1Z999AA10123456784' });
        assert.equal(octal(mode(dir)), '0700');
        for (const f of [STORE_FILE, `${STORE_FILE}-wal`, `${STORE_FILE}-shm`, 'settings.json']) {
          assert.ok(existsSync(join(dir, f)), `${f} exists`);
          assert.equal(octal(mode(join(dir, f))), '0600', f);
        }
        for (const f of readdirSync(dir)) assert.equal(mode(join(dir, f)) & 0o077, 0, `${f}: nothing for group or others`);
      } finally {
        s.close();
      }
    } finally {
      t.remove();
    }
  },
);

test(
  'a data directory found readable by others is made private when the station opens it',
  { skip: !posix && 'file modes are POSIX' },
  () => {
    const t = tempDir();
    try {
      const dir = join(t.dir, 'station');
      openStation({ dataDir: dir, transport: 'http', clock: clockAt(), demo: false, sweepEveryMs: false }).close();
      // as an older version (or a restore from backup) left it
      chmodSync(dir, 0o755);
      chmodSync(join(dir, STORE_FILE), 0o644);
      chmodSync(join(dir, 'settings.json'), 0o666);
      mkdirSync(join(dir, 'browser-profile'), { mode: 0o755 });
      chmodSync(join(dir, 'browser-profile'), 0o755);
      const s = openStation({ dataDir: dir, transport: 'http', clock: clockAt(), demo: false, sweepEveryMs: false });
      try {
        assert.equal(octal(mode(dir)), '0700');
        assert.equal(octal(mode(join(dir, STORE_FILE))), '0600');
        assert.equal(octal(mode(join(dir, 'settings.json'))), '0600');
        assert.equal(octal(mode(join(dir, 'browser-profile'))), '0700');
      } finally {
        s.close();
      }
    } finally {
      t.remove();
    }
  },
);

test('settings saved later stay 0600 (the file is rewritten, not loosened)', { skip: !posix && 'file modes are POSIX' }, () => {
  const t = tempDir();
  try {
    const s = openStation({ dataDir: t.dir, transport: 'http', clock: clockAt(), demo: false, sweepEveryMs: false });
    try {
      s.settings.update({ dockName: 'North dock' });
      assert.equal(octal(mode(join(t.dir, 'settings.json'))), '0600');
    } finally {
      s.close();
    }
  } finally {
    t.remove();
  }
});

test('a settings file with a UTF-8 byte-order mark (as PowerShell 5 writes it) is read, not reset', () => {
  const t = tempDir();
  try {
    const first = openStation({ dataDir: t.dir, transport: 'http', clock: clockAt(), demo: false, sweepEveryMs: false });
    first.settings.update({ dockName: 'Dock 7 — Taoyuan', stationId: 'TPE-DOCK-7' });
    first.close();
    const path = join(t.dir, 'settings.json');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, `\uFEFF${text}`, 'utf8');
    const bytes = readFileSync(path);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);

    const again = openStation({ dataDir: t.dir, transport: 'http', clock: clockAt(), demo: false, sweepEveryMs: false });
    try {
      assert.equal(again.settings.problem, null);
      assert.equal(again.settings.get().dockName, 'Dock 7 — Taoyuan');
      assert.equal(again.settings.get().stationId, 'TPE-DOCK-7');
      assert.deepEqual(
        readdirSync(t.dir).filter((f) => f.includes('corrupt')),
        [],
        'nothing set aside',
      );
    } finally {
      again.close();
    }
  } finally {
    t.remove();
  }
});
