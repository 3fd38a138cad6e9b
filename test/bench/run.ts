// npm run bench: runs every test/bench/*.bench.ts as its own child process (a fresh heap and page cache use
// each) and passes its JSON lines through. Progress and diagnostics go to stderr.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only.length || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const f of files) {
  const code = await new Promise<number>((done) => {
    const child = spawn(process.execPath, [join(here, f)], { stdio: ['ignore', 'pipe', 'inherit'] });
    createInterface({ input: child.stdout }).on('line', (line) => {
      // only JSON lines are results; anything else a bench prints is noise and goes to stderr
      try {
        JSON.parse(line);
        process.stdout.write(`${line}\n`);
      } catch {
        process.stderr.write(`[${f}] ${line}\n`);
      }
    });
    child.on('close', (c, signal) => done(c ?? (signal ? 1 : 0)));
  });
  if (code !== 0) {
    failed++;
    process.stderr.write(`[bench] ${f} failed with exit code ${code}\n`);
  }
}
if (!files.length) process.stderr.write('[bench] no test/bench/*.bench.ts files\n');
process.exitCode = failed ? 1 : 0;
