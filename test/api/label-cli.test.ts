// `npm run label` only reads: it renders a label from a station's data without changing a byte of it (no
// deadline sweep, no settings repaired), beside a running station too, and writes its file where it was
// asked, relative to where the command was typed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStation, STORE_FILE } from '../../electron/station.ts';
import { clockAt, tempDir } from './helpers.ts';
import { readStore } from '../store-file.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

function label(args: string[], initCwd: string) {
  return spawnSync(process.execPath, [join(root, 'electron', 'label-cli.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: initCwd },
    timeout: 60_000,
  });
}

const snapshot = (path: string) => ({ bytes: readFileSync(path), mtimeMs: statSync(path).mtimeMs });

/** A station whose deadlines are long past (seeded years ago) and whose settings file lacks fields. */
function staleStation(dir: string): { serial: string } {
  const s = openStation({
    dataDir: dir,
    transport: 'http',
    clock: clockAt('2020-01-06T09:00:00Z'),
    demo: { jobs: 8, seed: 3 },
    sweepEveryMs: false,
  });
  const serial = (readStore(s.store.path).prepare('SELECT drive_id AS id FROM drives ORDER BY drive_id LIMIT 1').get() as { id: string })
    .id;
  s.close();
  // as an older version wrote it: the station would fill in the rest and write the file back
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ dockName: 'Dock 7', stationId: 'DOCK-7' }));
  return { serial };
}

test('a label run changes neither the store nor the settings: bytes and times are as they were', () => {
  const data = tempDir();
  const here = tempDir();
  try {
    const { serial } = staleStation(data.dir);
    const store = snapshot(join(data.dir, STORE_FILE));
    const settings = snapshot(join(data.dir, 'settings.json'));
    const r = label([`--data-dir=${data.dir}`, '--kind=drive-tag', `--drive=${serial}`, '--out=tag.zpl'], here.dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(readFileSync(join(here.dir, 'tag.zpl'), 'utf8'), /^\^XA/);
    assert.deepEqual(snapshot(join(data.dir, STORE_FILE)), store, 'the store file');
    assert.deepEqual(snapshot(join(data.dir, 'settings.json')), settings, 'the settings file');
    assert.deepEqual(
      readdirSync(data.dir).filter((f) => f.includes('corrupt')),
      [],
    );

    // the control: the station itself, opening the same data, sweeps and repairs (so the test above can fail)
    const s = openStation({ dataDir: data.dir, transport: 'http', demo: false });
    s.close();
    assert.notDeepEqual(readFileSync(join(data.dir, 'settings.json')), settings.bytes, 'the station fills in the settings');
  } finally {
    data.remove();
    here.remove();
  }
});

test('a relative --out is relative to where the command was typed, not the project', () => {
  const data = tempDir();
  const here = tempDir();
  try {
    const { serial } = staleStation(data.dir);
    const r = label([`--data-dir=${data.dir}`, '--kind=drive-tag', `--drive=${serial}`, '--out=labels-out.zpl'], here.dir);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(join(here.dir, 'labels-out.zpl')));
    assert.equal(existsSync(join(root, 'labels-out.zpl')), false);
    assert.match(r.stdout, new RegExp(`^${join(here.dir, 'labels-out.zpl').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`));
  } finally {
    data.remove();
    here.remove();
  }
});

test('a label can be made while the station has the data directory open', () => {
  const data = tempDir();
  const here = tempDir();
  try {
    const { serial } = staleStation(data.dir);
    const s = openStation({ dataDir: data.dir, transport: 'http', demo: false, sweepEveryMs: false });
    try {
      const r = label([`--data-dir=${data.dir}`, '--kind=drive-tag', `--drive=${serial}`, '--out=tag.zpl'], here.dir);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(existsSync(join(here.dir, 'tag.zpl')));
    } finally {
      s.close();
    }
  } finally {
    data.remove();
    here.remove();
  }
});
