// `npm run label -- ...`: renders any label of any job of a station's data directory to a file, without the
// screens, so a label can be checked or reprinted. With --printer it also sends the ZPL to a network printer.
// It only reads: the store is opened read-only (beside a running station, too), no deadline sweep runs and
// the settings file is not rewritten. A relative --out or --data-dir is relative to where it was typed.
//
//   npm run label -- --data-dir=DIR --kind=return --job=NAME --tracking=RET123 --out=label.pdf
//   npm run label -- --data-dir=DIR --kind=drive-tag --drive=SERIAL --out=tag.zpl --printer=10.0.0.5:9100
//   npm run label -- --data-dir=DIR --kind=destruction --job=NAME --out=certificate.pdf
import { existsSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { IntakeError } from './core/errors.ts';
import { PrinterError } from './core/labels/errors.ts';
import { LABEL_KINDS, renderLabel, type LabelFormat, type LabelKind } from './core/labels/index.ts';
import { closeSharedPdfRenderer, sharedPdfRenderer } from './labels/pdf.ts';
import { DEFAULT_ZPL_PORT, sendZpl } from './labels/zpl-send.ts';
import { STORE_FILE, argValue, databaseFrom, dataDirFrom, invokedFrom, openStation } from './station.ts';

const USAGE = `Usage: npm run label -- --data-dir=DIR --kind=return|drive-tag|destruction [--job=NAME] [--drive=SERIAL]
         [--tracking=RETURN_TRACKING] [--carrier=NAME] [--account=NUMBER] [--drives=S1,S2,...]
         --out=FILE.pdf|FILE.zpl|FILE.html [--printer=HOST[:PORT]]
  return       needs --job; --tracking unless the job was shipped already (then it is a reprint)
  drive-tag    needs --drive
  destruction  needs --job or --drive (a drive of no job)
  --printer    also sends the label as ZPL to that network printer (port ${DEFAULT_ZPL_PORT} by default)`;

function usage(message: string): never {
  process.stderr.write(`label: ${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const dataDir = dataDirFrom(argv, process.env);
  const database = databaseFrom(argv, process.env);
  if (!database && !existsSync(join(dataDir, STORE_FILE))) usage(`there is no station store in ${dataDir} (expected ${STORE_FILE}).`);
  const kind = argValue(argv, 'kind') as LabelKind | undefined;
  if (!kind || !LABEL_KINDS.includes(kind)) usage(`--kind must be one of ${LABEL_KINDS.join(', ')}.`);
  const outArg = argValue(argv, 'out');
  if (!outArg) usage('--out=FILE is required.');
  const out = resolve(invokedFrom(process.env), outArg);
  const format = extname(out).slice(1).toLowerCase() as LabelFormat;
  if (!['pdf', 'zpl', 'html'].includes(format)) usage('--out must end in .pdf, .zpl or .html.');
  const printer = argValue(argv, 'printer');

  const station = openStation({ dataDir, ...(database ? { database } : {}), transport: 'http', readOnly: true });
  try {
    const drives = argValue(argv, 'drives');
    const req = {
      kind,
      jobName: argValue(argv, 'job'),
      driveId: argValue(argv, 'drive'),
      returnTrackingNumber: argValue(argv, 'tracking'),
      carrierName: argValue(argv, 'carrier'),
      carrierAccountNumber: argValue(argv, 'account'),
      driveIds: drives
        ? drives
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined,
    };
    const settings = station.settings.get();
    const doc = renderLabel(station.intake, settings, req, format);
    let bytes: Uint8Array;
    if (format === 'pdf') bytes = await sharedPdfRenderer().render(doc.html!, doc.size);
    else bytes = Buffer.from(format === 'zpl' ? doc.zpl! : doc.html!, 'utf8');
    writeFileSync(out, bytes);
    const size = `${doc.size.widthIn.toFixed(2)} x ${doc.size.heightIn.toFixed(2)} in`;
    process.stdout.write(`${out}: ${doc.data.kind} label, ${size}, ${bytes.length} bytes\n`);
    if (printer) {
      const [host, port] = printer.split(':');
      const zpl = format === 'zpl' ? doc.zpl! : renderLabel(station.intake, settings, req, 'zpl').zpl!;
      const sent = await sendZpl({ host: host ?? '', port: port ? Number(port) : DEFAULT_ZPL_PORT }, zpl);
      process.stdout.write(`sent ${sent.bytes} bytes of ZPL to ${host}:${port ?? DEFAULT_ZPL_PORT}\n`);
    }
  } finally {
    station.close();
    await closeSharedPdfRenderer();
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof IntakeError || e instanceof PrinterError) process.stderr.write(`label: ${e.code}: ${e.message}\n`);
  else process.stderr.write(`label: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
