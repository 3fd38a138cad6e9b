// The label printer keeps printing whatever happens to its browser: a context closed under it, the browser
// closed or killed, a close() while it is still starting. Each time the next label comes out of a browser
// started afresh, and is the real label (its tracking number decodes from the page).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserServer } from 'playwright-core';
import { renderLabel } from '../../electron/core/labels/index.ts';
import { CHROMIUM_ARGS, PdfRenderer } from '../../electron/labels/pdf.ts';
import { JOB, RETURN_TRACKING, decodeBarcodes, openFixture, pdfinfo, settings, type Fixture } from './fixtures.ts';

let f: Fixture;
before(() => {
  f = openFixture();
});
after(() => f.close());

/** A renderer whose every browser the test can reach, to pull it out from under the renderer. */
function watchedRenderer(): { pdf: PdfRenderer; browsers: Browser[] } {
  const browsers: Browser[] = [];
  const pdf = new PdfRenderer({
    launch: async (executablePath) => {
      const b = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
      browsers.push(b);
      return b;
    },
  });
  return { pdf, browsers };
}

let n = 0;
/** Prints the return label and reads it back: 4 × 6 in, and the return tracking number decodes. */
async function printsTheLabel(pdf: PdfRenderer): Promise<void> {
  const doc = renderLabel(f.intake, settings, { kind: 'return', jobName: JOB, returnTrackingNumber: RETURN_TRACKING }, 'pdf');
  const file = join(f.dir, `recovery-${n++}.pdf`);
  writeFileSync(file, await pdf.render(doc.html!, doc.size));
  assert.equal(pdfinfo(file)['Page size'], '288 x 432 pts');
  assert.ok(decodeBarcodes(file).includes(`CODE-128:${RETURN_TRACKING}`));
}

test("a label prints after the renderer's browser context was closed under it", async () => {
  const { pdf, browsers } = watchedRenderer();
  try {
    await printsTheLabel(pdf);
    const [context] = browsers[0]!.contexts();
    await context!.close();
    await printsTheLabel(pdf);
    await printsTheLabel(pdf);
    assert.equal(browsers.length, 2, 'one browser started afresh, then kept warm');
    assert.equal(browsers[0]!.isConnected(), false, 'the browser whose context was lost is not left running');
  } finally {
    await pdf.close();
  }
});

test("a label prints after the renderer's browser was closed under it", async () => {
  const { pdf, browsers } = watchedRenderer();
  try {
    await printsTheLabel(pdf);
    await browsers[0]!.close();
    await printsTheLabel(pdf);
    assert.equal(browsers.length, 2);
  } finally {
    await pdf.close();
  }
});

test("a label prints after the renderer's browser process was killed, even one asked for at that very moment", async () => {
  // started as a server here only to know its process, which is then killed as a crash or the OOM killer would
  const servers: BrowserServer[] = [];
  const pdf = new PdfRenderer({
    launch: async (executablePath) => {
      const server = await chromium.launchServer({ executablePath, args: CHROMIUM_ARGS });
      servers.push(server);
      return chromium.connect(server.wsEndpoint());
    },
  });
  try {
    await printsTheLabel(pdf);
    const printing = printsTheLabel(pdf);
    servers[0]!.process().kill('SIGKILL');
    await printing;
    await printsTheLabel(pdf);
    assert.ok(servers.length >= 2 && servers.length <= 3, `browsers started: ${servers.length}`);
  } finally {
    await pdf.close();
    await Promise.all(servers.map((server) => server.close().catch(() => {})));
  }
});

test('close() while the browser is still starting leaves no browser running, and the renderer prints again after', async () => {
  const { pdf, browsers } = watchedRenderer();
  const first = pdf.warm().catch((e: unknown) => e);
  await pdf.close();
  await first;
  assert.ok(
    browsers.every((b) => !b.isConnected()),
    'every browser started so far is closed',
  );
  await printsTheLabel(pdf);
  await pdf.close();
  assert.ok(browsers.every((b) => !b.isConnected()));
});

test('with no browser to start, the renderer says what is wrong and prints nothing', async () => {
  const missing = join(f.dir, 'no-browser-here');
  await assert.rejects(
    new PdfRenderer({ executablePath: missing }).render('<p>label</p>', { widthIn: 4, heightIn: 6 }),
    /Chromium could not start for label printing \(.*no-browser-here\)/,
  );
  // a browser named on purpose that is not there is reported as such, never swapped for another
  const before = process.env.CHROMIUM_PATH;
  process.env.CHROMIUM_PATH = missing;
  try {
    await assert.rejects(
      new PdfRenderer().render('<p>label</p>', { widthIn: 4, heightIn: 6 }),
      /CHROMIUM_PATH names .*no-browser-here, which is not a program/,
    );
  } finally {
    if (before === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = before;
  }
});
