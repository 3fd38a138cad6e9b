// Bundles the Electron shell: electron/main.ts, electron/preload.ts and the two worker threads the station starts
// beside itself: the reader (electron/api/read-worker.ts) and the PostgreSQL store's worker (pg-worker.cjs, when a
// dock uses one), to dist/electron/{main,preload,read-worker,pg-worker}.cjs.
// Everything but Electron itself and Node's built-ins goes into the bundle (a sandboxed preload cannot
// require anything else), so the packaged app needs no node_modules.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export async function buildElectron(): Promise<void> {
  const common = {
    absWorkingDir: root,
    bundle: true,
    format: 'cjs' as const,
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
    // pg's optional native binding is never used: the JavaScript client is
    external: ['electron', 'pg-native'],
    sourcemap: true,
    logLevel: 'warning' as const,
    legalComments: 'none' as const,
    // the bundles find their workers by __dirname; import.meta.url is only read when run from source
    logOverride: { 'empty-import-meta': 'silent' as const },
  };
  await Promise.all([
    build({ ...common, entryPoints: { main: 'electron/main.ts' }, platform: 'node', target: 'node22' }),
    // the reader thread main starts beside itself (main.ts names it): plain Node, no Electron
    build({ ...common, entryPoints: { 'read-worker': 'electron/api/read-worker.ts' }, platform: 'node', target: 'node22' }),
    build({ ...common, entryPoints: { 'pg-worker': 'electron/core/store/pg-worker.ts' }, platform: 'node', target: 'node22' }),
    // the preload runs sandboxed in the renderer: browser platform, Electron's own require for 'electron'
    build({ ...common, entryPoints: { preload: 'electron/preload.ts' }, platform: 'browser', target: 'chrome130', minify: true }),
  ]);
}

if (import.meta.main) {
  await buildElectron();
  console.log('Built dist/electron/main.cjs, preload.cjs, read-worker.cjs and pg-worker.cjs');
}
