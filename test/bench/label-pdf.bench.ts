// Benchmark: the time to render one return label to PDF with a warm browser, as the Packaging screen does
// when staff press Print: read the records, draw the label (HTML, barcodes, fonts), print it to PDF.
// Prints one JSON line: {"bench":"label-pdf","ms":<median>,...}. Target: ms <= 300.
import { renderLabel } from '../../electron/core/labels/index.ts';
import { PdfRenderer } from '../../electron/labels/pdf.ts';
import { JOB, RETURN_TRACKING, openFixture, settings } from '../labels/fixtures.ts';

const RUNS = 15;
const f = openFixture();
const pdf = new PdfRenderer();
try {
  const once = async () => {
    const doc = renderLabel(f.intake, settings, { kind: 'return', jobName: JOB, returnTrackingNumber: RETURN_TRACKING }, 'pdf');
    const bytes = await pdf.render(doc.html!, doc.size);
    if (bytes.length < 1000) throw new Error('the PDF is empty');
  };
  const coldStart = performance.now();
  await once(); // starts Chromium: not what is measured
  const cold = performance.now() - coldStart;
  await once();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await once();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  const round = (v: number) => Math.round(v * 10) / 10;
  console.log(
    JSON.stringify({
      bench: 'label-pdf',
      ms: round(at(0.5)),
      p95_ms: round(at(0.95)),
      min_ms: round(times[0]!),
      runs: RUNS,
      cold_start_ms: Math.round(cold),
      target_ms: 300,
    }),
  );
} finally {
  await pdf.close();
  f.close();
}
