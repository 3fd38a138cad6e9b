// Jobs in, results out, backup, restore and the daily dock report from the command line, on a station's data
// directory (--data-dir=, DOCK_INTAKE_DATA_DIR, or ~/.dock-intake), without the screens:
//
//   npm run import  -- [--data-dir=DIR] [--operator=NAME] [--yes] FILE.json...
//   npm run export  -- [--data-dir=DIR] --out=FILE.json (--since-last | --jobs=A,B)
//   npm run backup  -- [--data-dir=DIR] --out=FILE.sqlite
//   npm run restore -- [--data-dir=DIR] --from=FILE.sqlite
//   npm run report  -- [--data-dir=DIR] --from=YYYY-MM-DD [--to=YYYY-MM-DD] [--lang=en|zh-TW] --out=FILE.csv|FILE.pdf
import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline/promises';
import { IntakeError } from './core/errors.ts';
import type { ImportPlan } from './core/operations/exchange.ts';
import { MIGRATIONS } from './core/store/migrations.ts';
import { inspectStoreFile } from './core/store/backup.ts';
import { reportCsv } from './core/queries/report.ts';
import { REPORT_LANGUAGES, REPORT_PAGE, dockReportHtml, type ReportLanguage } from './core/labels/dock-report.ts';
import { isoWithZone } from './core/clock.ts';
import { STORE_FILE, argValue, databaseFrom, dataDirFrom, openStation } from './station.ts';
import { StationLockedError, acquireStationLock } from './station-lock.ts';

const USAGE = `Usage:
  npm run import  -- [--data-dir=DIR] [--operator=NAME] [--yes] FILE.json...
                     previews every job (new, updated, unchanged, restored, refused and why), then asks before writing;
                     --yes writes without asking (what the preview showed, all of it or nothing)
  npm run export  -- [--data-dir=DIR] [--operator=NAME] --out=FILE.json (--since-last | --jobs=A,B)
  npm run backup  -- [--data-dir=DIR] --out=FILE.sqlite
  npm run restore -- [--data-dir=DIR] --from=FILE.sqlite      (the station must be stopped)
  npm run report  -- [--data-dir=DIR] --from=YYYY-MM-DD [--to=YYYY-MM-DD] [--lang=en|zh-TW] --out=FILE.csv|FILE.pdf
                     (the PDF in the station's language unless --lang says otherwise)`;

class Usage extends Error {}

function need(v: string | undefined, what: string): string {
  if (!v) throw new Usage(what);
  return v;
}

function operatorOf(argv: string[]): string {
  return argValue(argv, 'operator') ?? `command line (${userInfo().username})`;
}

function open(dataDir: string) {
  // the dock's PostgreSQL database when --database= or DOCK_INTAKE_DATABASE_URL names one, else the data directory's file
  const database = databaseFrom(process.argv.slice(2), process.env);
  if (!database && !existsSync(join(dataDir, STORE_FILE))) {
    throw new Usage(`there is no station store in ${dataDir} (expected ${STORE_FILE}).`);
  }
  // the command line holds the station lock like the station does: a running station is refused, not raced
  return openStation({
    dataDir,
    ...(database ? { database } : {}),
    transport: 'http',
    demo: false,
    sweepEveryMs: false,
    dailyBackupEveryMs: false,
    mode: 'command line',
  });
}

function printPlan(plan: ImportPlan): void {
  for (const f of plan.files) {
    const from = f.stationExport
      ? ` (results file of station ${f.stationExport.station}, ${f.stationExport.exportedAt}: restored as recorded)`
      : '';
    process.stdout.write(
      `${f.name}: ${f.jobs} job${f.jobs === 1 ? '' : 's'}${from}${f.reason ? `  REFUSED ${f.reason.code} ${JSON.stringify(f.reason.params)}` : ''}\n`,
    );
  }
  for (const j of plan.jobs) {
    const what = j.outcome === 'updated' ? ` (${j.changes.join(', ')})` : '';
    const why = j.reason ? `  ${j.reason.code} ${JSON.stringify(j.reason.params)}` : '';
    process.stdout.write(`  ${j.outcome.padEnd(9)} ${j.name}  ${j.state ?? ''}  ${j.drives} drives, ${j.keys} with a key${what}${why}\n`);
  }
  const c = plan.counts;
  process.stdout.write(`${c.new} new, ${c.updated} updated, ${c.unchanged} unchanged, ${c.restored} restored, ${c.refused} refused\n`);
}

async function importCmd(argv: string[], dataDir: string): Promise<void> {
  const paths = argv.filter((a) => !a.startsWith('--') && !/^(import)$/.test(a));
  if (!paths.length) throw new Usage('name at least one file to import.');
  const files = paths.map((p) => ({ name: basename(p), text: readFileSync(resolve(p), 'utf8') }));
  const station = open(dataDir);
  try {
    const actor = { operator: operatorOf(argv), station: station.settings.get().stationId };
    const plan = station.intake.previewImport(actor, files);
    printPlan(plan);
    const writes = plan.counts.new + plan.counts.updated + plan.counts.restored;
    if (!writes) {
      process.stdout.write('Nothing to write.\n');
      return;
    }
    if (!argv.includes('--yes')) {
      if (!process.stdin.isTTY) throw new Usage('nothing written: pass --yes to write what the preview shows.');
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      const answer = await rl.question(`Write ${writes} job${writes === 1 ? '' : 's'}? [y/N] `);
      rl.close();
      if (!/^y(es)?$/i.test(answer.trim())) {
        process.stdout.write('Nothing written.\n');
        return;
      }
    }
    const done = station.intake.confirmImport(actor, files, { basedOnSeq: plan.basedOnSeq, jobs: plan.jobs });
    process.stdout.write(`Written: ${done.counts.new} new, ${done.counts.updated} updated, ${done.counts.restored} restored.\n`);
  } finally {
    station.close();
  }
}

function exportCmd(argv: string[], dataDir: string): void {
  const out = resolve(need(argValue(argv, 'out'), '--out=FILE.json is required.'));
  const jobs = argValue(argv, 'jobs');
  const sinceLast = argv.includes('--since-last');
  if (sinceLast === Boolean(jobs)) throw new Usage('choose --since-last or --jobs=A,B.');
  const station = open(dataDir);
  try {
    const actor = { operator: operatorOf(argv), station: station.settings.get().stationId };
    const r = station.intake.exportResults(
      actor,
      jobs
        ? {
            jobs: jobs
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          }
        : { sinceLast: true },
    );
    if (!r.jobs.length) {
      process.stdout.write(`No job changed since the last results file (custody record ${r.sinceSeq}). Nothing written.\n`);
      return;
    }
    writeFileSync(out, r.json);
    process.stdout.write(`${out}: ${r.jobs.length} job${r.jobs.length === 1 ? '' : 's'}, through custody record ${r.throughSeq}\n`);
    if (r.more) process.stdout.write('More jobs changed than one file holds: run the export again for the rest.\n');
  } finally {
    station.close();
  }
}

async function backupCmd(argv: string[], dataDir: string): Promise<void> {
  const out = resolve(need(argValue(argv, 'out'), '--out=FILE.sqlite is required.'));
  const station = open(dataDir);
  try {
    const r = await station.intake.backup(out);
    process.stdout.write(`${r.path}: ${r.bytes} bytes, integrity ok, holds every record up to custody record ${r.lastSeq}\n`);
  } finally {
    station.close();
  }
}

function restoreCmd(argv: string[], dataDir: string): void {
  const from = resolve(need(argValue(argv, 'from'), '--from=FILE.sqlite is required.'));
  if (!existsSync(from)) throw new Usage(`${from} does not exist.`);
  // held until the new store is in place, so no station starts on a half-restored directory; a running one refuses it
  let lock: ReturnType<typeof acquireStationLock>;
  try {
    lock = acquireStationLock(dataDir, 'restore (command line)');
  } catch (e) {
    if (!(e instanceof StationLockedError)) throw e;
    const h = e.holder;
    throw new Error(
      `the station on ${dataDir} is running (pid ${h.pid} on ${h.host}, ${h.mode}, since ${h.startedAt}): ` +
        'stop it, then restore. Nothing was changed.',
    );
  }
  try {
    const check = inspectStoreFile(from);
    if (check.integrity !== 'ok') throw new Error(`${from} is damaged (${check.integrity}). Nothing was changed.`);
    if (check.version > MIGRATIONS.length) {
      throw new Error(
        `${from} was written by a newer release (version ${check.version}; this one knows ${MIGRATIONS.length}). Nothing was changed.`,
      );
    }
    const store = join(dataDir, STORE_FILE);
    const stamp = isoWithZone(new Date()).slice(0, 19).replace(/[-:T]/g, '');
    const kept: string[] = [];
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(store + suffix)) {
        const aside = `${store}.before-restore-${stamp}${suffix}`;
        renameSync(store + suffix, aside);
        kept.push(aside);
      }
    }
    copyFileSync(from, store);
    const after = inspectStoreFile(store);
    process.stdout.write(`Restored ${store} from ${from}: integrity ${after.integrity}, custody records up to ${after.lastSeq}.\n`);
    if (kept.length) process.stdout.write(`The store it replaced is kept as ${kept[0]}\n`);
  } finally {
    lock.release();
  }
}

async function reportCmd(argv: string[], dataDir: string): Promise<void> {
  const fromDay = need(argValue(argv, 'from'), '--from=YYYY-MM-DD is required.');
  const toDay = argValue(argv, 'to') ?? fromDay;
  const out = resolve(need(argValue(argv, 'out'), '--out=FILE.csv or FILE.pdf is required.'));
  const kind = extname(out).toLowerCase();
  if (kind !== '.csv' && kind !== '.pdf') throw new Usage('--out must end in .csv or .pdf.');
  const lang = argValue(argv, 'lang');
  if (lang !== undefined && !(REPORT_LANGUAGES as readonly string[]).includes(lang))
    throw new Usage(`--lang is one of ${REPORT_LANGUAGES.join(', ')}.`);
  const station = open(dataDir);
  // Chromium is loaded only for a PDF: every other command starts without it
  const pdf = kind === '.pdf' ? await import('./labels/pdf.ts') : null;
  try {
    const report = station.intake.dockReport(fromDay, toDay);
    if (kind === '.csv') writeFileSync(out, reportCsv(report));
    else {
      const s = station.settings.get();
      const doc = dockReportHtml(report, {
        dockName: s.dockName,
        station: s.stationId,
        generatedAt: isoWithZone(station.intake.clock.now()),
        lang: (lang as ReportLanguage | undefined) ?? s.language,
      });
      writeFileSync(out, await pdf!.sharedPdfRenderer().render(doc, REPORT_PAGE));
    }
    process.stdout.write(`${out}: dock report ${fromDay}${toDay === fromDay ? '' : ` to ${toDay}`}\n`);
  } finally {
    station.close();
    await pdf?.closeSharedPdfRenderer();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const dataDir = dataDirFrom(rest, process.env);
  const args = rest.filter((a) => !a.startsWith('--data-dir') && !a.startsWith('--database'));
  if (command === 'import') await importCmd(args, dataDir);
  else if (command === 'export') exportCmd(args, dataDir);
  else if (command === 'backup') await backupCmd(args, dataDir);
  else if (command === 'restore') restoreCmd(args, dataDir);
  else if (command === 'report') await reportCmd(args, dataDir);
  else throw new Usage(`unknown command ${command}.`);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  const cmd = process.argv[2] ?? 'dataio';
  if (e instanceof Usage) {
    process.stderr.write(`${cmd}: ${e.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (e instanceof IntakeError) process.stderr.write(`${cmd}: ${e.code}: ${e.message}\n`);
  else process.stderr.write(`${cmd}: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
