// npm run demo -- --data-dir=DIR --jobs=N [--seed=S]: fills DIR/intake.sqlite (the station's store) with a working demo dock,
// and gives DIR the demo dock's settings (its address, operators and supervisor) when it has none yet.
import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Store } from './core/store/index.ts';
import { Intake } from './core/intake.ts';
import { seedDemo } from './core/demo.ts';
import { openSettings, settingsPath } from './settings.ts';
import { DEMO_SETTINGS } from './api/settings-schema.ts';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    jobs: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
    force: { type: 'boolean', default: false },
  },
});
const dir = resolve(values['data-dir'] ?? 'demo-data');
const jobs = Number(values.jobs);
const seed = Number(values.seed);
if (!Number.isInteger(jobs) || jobs < 0 || jobs > 1_000_000) {
  console.error('--jobs must be a whole number from 0 to 1000000');
  process.exit(2);
}
if (!Number.isInteger(seed)) {
  console.error('--seed must be a whole number');
  process.exit(2);
}
const file = join(dir, 'intake.sqlite');
if (existsSync(file) && !values.force) {
  console.error(`${file} already exists: pass --force to add demo jobs to it, or choose another --data-dir.`);
  process.exit(1);
}
const started = performance.now();
// a data directory with settings of its own keeps them: the demo adds jobs, never replaces a dock's people
const newSettings = !existsSync(settingsPath(dir));
if (newSettings) openSettings(dir, undefined, DEMO_SETTINGS);
const store = new Store(file);
try {
  const intake = new Intake({ store });
  seedDemo(intake, { jobs, seed });
  console.log(
    JSON.stringify({
      file,
      seed,
      settings: newSettings ? 'demo dock' : 'kept',
      ...store.counts(),
      ms: Math.round(performance.now() - started),
    }),
  );
} finally {
  store.close();
}
