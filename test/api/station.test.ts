// Opening a station on a data directory: where its files go, demo jobs on a brand-new store only, and
// which directory is used when several are named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { dataDirFrom, openStation, STORE_FILE } from '../../electron/station.ts';
import { clockAt, tempDir } from './helpers.ts';
import { readStore } from '../store-file.ts';

test('a brand-new store starts with demo jobs; an existing one is opened as it is', () => {
  const t = tempDir();
  try {
    const first = openStation({ dataDir: t.dir, transport: 'http', clock: clockAt(), demo: { jobs: 6, seed: 2 } });
    assert.equal(first.created, true);
    assert.ok(existsSync(join(t.dir, STORE_FILE)));
    assert.ok(existsSync(join(t.dir, 'settings.json')));
    const count = () =>
      Number((readStore(first.store.path).prepare('SELECT count(*) AS n FROM jobs').get() as { n: number } | undefined)!.n);
    const jobs = count();
    assert.ok(jobs > 0, `${jobs} demo jobs`);
    first.close();
    const again = openStation({ dataDir: t.dir, transport: 'http', clock: clockAt(), demo: { jobs: 6, seed: 2 } });
    assert.equal(again.created, false);
    assert.equal(
      Number((readStore(again.store.path).prepare('SELECT count(*) AS n FROM jobs').get() as { n: number } | undefined)!.n),
      jobs,
      'no second helping of demo jobs',
    );
    again.close();
  } finally {
    t.remove();
  }
});

test('demo: false gives an empty store', () => {
  const t = tempDir();
  try {
    const s = openStation({ dataDir: t.dir, transport: 'http', demo: false });
    assert.equal(Number((readStore(s.store.path).prepare('SELECT count(*) AS n FROM jobs').get() as { n: number } | undefined)!.n), 0);
    s.close();
  } finally {
    t.remove();
  }
});

test('the data directory is --data-dir, else DOCK_INTAKE_DATA_DIR, else ~/.dock-intake', () => {
  assert.equal(dataDirFrom(['--data-dir=/srv/a'], { DOCK_INTAKE_DATA_DIR: '/srv/b' }), resolve('/srv/a'));
  assert.equal(dataDirFrom(['--data-dir', '/srv/a'], {}), resolve('/srv/a'));
  assert.equal(dataDirFrom([], { DOCK_INTAKE_DATA_DIR: '/srv/b' }), resolve('/srv/b'));
  assert.equal(dataDirFrom([], { DOCK_INTAKE_DATA_DIR: '  ' }), join(homedir(), '.dock-intake'));
  assert.equal(dataDirFrom([], {}), join(homedir(), '.dock-intake'));
});

test("a relative data directory is relative to where the command was typed (npm's INIT_CWD), not the project", () => {
  assert.equal(dataDirFrom(['--data-dir=dock-2'], { INIT_CWD: '/home/amy' }), resolve('/home/amy/dock-2'));
  assert.equal(dataDirFrom([], { DOCK_INTAKE_DATA_DIR: '../dock-3', INIT_CWD: '/home/amy/x' }), resolve('/home/amy/dock-3'));
  assert.equal(dataDirFrom(['--data-dir=dock-2'], {}), resolve(process.cwd(), 'dock-2'));
});
