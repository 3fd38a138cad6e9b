// The packaged app carries the station's code bundled, with the PostgreSQL worker beside it and no
// node_modules: the bundled store must find that worker and scan through it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { build } from 'esbuild';
import { buildElectron } from '../../electron/scripts/build-electron.ts';
import { newDatabase, PG_MISSING, pgBin, testCluster } from '../pg-cluster.ts';
import { readStore } from '../store-file.ts';

const missing = pgBin() ? false : PG_MISSING;
if (!missing) await testCluster();

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('the packaged station on PostgreSQL', { skip: missing }, () => {
  test(
    'the bundled store starts the bundled worker beside it and records a scan, with no node_modules anywhere',
    { timeout: 120_000 },
    async () => {
      await buildElectron();
      const worker = join(ROOT, 'dist', 'electron', 'pg-worker.cjs');
      assert.ok(existsSync(worker), 'the build makes pg-worker.cjs');
      // a directory outside the project, so nothing can be found in the project's node_modules
      const dir = mkdtempSync(join(tmpdir(), 'dock-packed-'));
      after(() => rmSync(dir, { recursive: true, force: true }));
      const app = join(dir, 'resources', 'app', 'electron');
      mkdirSync(app, { recursive: true });
      copyFileSync(worker, join(app, 'pg-worker.cjs'));
      await build({
        absWorkingDir: ROOT,
        entryPoints: [join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'bundled-station.ts')],
        bundle: true,
        format: 'cjs',
        platform: 'node',
        target: 'node22',
        external: ['pg-native'],
        outfile: join(app, 'station.cjs'),
        logLevel: 'error',
        logOverride: { 'empty-import-meta': 'silent' },
      });
      const db = newDatabase();
      after(() => db.drop());
      const r = spawnSync(process.execPath, [join(app, 'station.cjs'), db.url], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout.trim()), { outcome: 'received' });
      const received = readStore(db.url).prepare("SELECT state FROM drives WHERE drive_id = 'WD-PACKED-01'").get() as { state: string };
      assert.equal(received.state, 'Received');
    },
  );
});
