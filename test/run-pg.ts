// PostgreSQL's own tests, then the core suite and the contract tests once more on PostgreSQL: one throwaway cluster for the run, a
// database of its own for every test's dock. Without PostgreSQL's programs the run is skipped and says why.
// Usage: node test/run-pg.ts [test files or globs...] (default: the core suite and the contract tests)
import { spawnSync } from 'node:child_process';
import { PG_MISSING, pgBin, startCluster } from './pg-cluster.ts';

const DEFAULT = ['test/pg/**/*.test.ts', 'test/core/**/*.test.ts', 'test/api/contract.test.ts', 'test/api/state-conflicts.test.ts'];

if (!pgBin()) {
  console.log(`PostgreSQL tests skipped: ${PG_MISSING}`);
  process.exit(0);
}
const started = Date.now();
const cluster = await startCluster();
let status: number;
try {
  const files = process.argv.slice(2);
  const r = spawnSync(
    process.execPath,
    ['--import', './test/zone.ts', '--test', '--test-concurrency=2', ...(files.length ? files : DEFAULT)],
    { stdio: 'inherit', env: { ...process.env, DOCK_TEST_STORE: 'postgres', DOCK_TEST_PG_URL: cluster.url() } },
  );
  status = r.status ?? 1;
} finally {
  cluster.stop();
}
console.log(`PostgreSQL run: ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(status);
