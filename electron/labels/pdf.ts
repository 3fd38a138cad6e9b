// Label HTML to PDF in plain Node: Chromium (the one electron/find-browser.ts finds, driven by playwright-core)
// prints the page at exactly the label's size with no margins. One browser per process, started on first use
// and kept warm, since starting Chromium costs far more than printing a label; it is closed by close() or when
// the process ends. Whatever closes the browser or its context under the renderer (a crash, a killed process,
// a test runner tidying up), the next label starts a fresh one: a label is never refused for that.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { PageSize } from '../core/labels/types.ts';
import { browserPath } from '../find-browser.ts';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  // glyph outlines unhinted, so text is laid out the same whatever the machine's font settings
  '--font-render-hinting=none',
];

export interface PdfRendererOptions {
  /** The browser to print with; by default the one electron/find-browser.ts finds. */
  executablePath?: string;
  /** How the browser is started (the tests keep hold of it to close it under the renderer). */
  launch?: (executablePath: string) => Promise<Browser>;
}

/** A running browser with the one context labels are printed in, and its pages ready for the next label. */
interface Session {
  browser: Browser;
  context: BrowserContext;
  idle: Page[];
  usable: boolean;
}

const launchChromium = (executablePath: string): Promise<Browser> => chromium.launch({ executablePath, args: CHROMIUM_ARGS });

/** Playwright's words for "the browser, context or page went away", as opposed to a label it could not print. */
function isGone(e: unknown): boolean {
  const m = e instanceof Error ? e.message : String(e);
  return /has been closed|Target closed|crashed|Browser closed|browser has disconnected|Connection closed/i.test(m);
}

export class PdfRenderer {
  private readonly executablePath: string | undefined;
  private readonly launch: (executablePath: string) => Promise<Browser>;
  private session: Promise<Session> | null = null;
  private closing: Promise<void> = Promise.resolve();

  constructor(o: PdfRendererOptions = {}) {
    this.executablePath = o.executablePath;
    this.launch = o.launch ?? launchChromium;
  }

  private start(): Promise<Session> {
    const current = this.session;
    if (current) return current;
    const starting = (async () => {
      await this.closing;
      const exe = this.executablePath ?? browserPath();
      let browser: Browser;
      try {
        browser = await this.launch(exe);
      } catch (e) {
        const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
        throw new Error(`Chromium could not start for label printing (${exe}): ${why}`, { cause: e });
      }
      // labels load nothing from outside, and run no script: the page is the label's own markup and data
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      const s: Session = { browser, context, idle: [], usable: true };
      const lost = () => this.forget(starting, s);
      browser.on('disconnected', lost);
      context.on('close', lost);
      return s;
    })();
    this.session = starting;
    starting.catch(() => {
      if (this.session === starting) this.session = null;
    });
    return starting;
  }

  /** Drops a session that can no longer print, so the next label starts afresh; closes what is left of it. */
  private forget(which: Promise<Session>, s: Session): void {
    s.usable = false;
    s.idle.length = 0;
    if (this.session === which) this.session = null;
    if (s.browser.isConnected()) void s.browser.close().catch(() => {});
  }

  /** Starts the browser now, so the first label is as fast as the next. */
  async warm(): Promise<void> {
    const [s, page] = await this.acquire();
    this.release(s, page);
  }

  private async acquire(): Promise<[Session, Page]> {
    const which = this.start();
    const s = await which;
    for (let ready = s.idle.pop(); ready; ready = s.idle.pop()) if (!ready.isClosed()) return [s, ready];
    try {
      return [s, await s.context.newPage()];
    } catch (e) {
      if (isGone(e)) this.forget(which, s);
      throw e;
    }
  }

  private release(s: Session, page: Page): void {
    if (s.usable && s.idle.length < 2 && !page.isClosed()) s.idle.push(page);
    else void page.close().catch(() => {});
  }

  private async renderOnce(html: string, size: PageSize): Promise<Buffer> {
    const [s, page] = await this.acquire();
    let ok = false;
    try {
      await page.setContent(html, { waitUntil: 'load' });
      // every font face is inlined; wait until they are decoded so no fallback glyph is printed
      await page.evaluate('document.fonts.ready.then(() => document.fonts.size)');
      const pdf = await page.pdf({
        width: `${size.widthIn}in`,
        height: `${size.heightIn}in`,
        margin: { top: '0', right: '0', bottom: '0', left: '0' },
        printBackground: true,
        preferCSSPageSize: false,
      });
      ok = true;
      return pdf;
    } finally {
      if (ok) this.release(s, page);
      else void page.close().catch(() => {});
    }
  }

  /** The PDF of one label document, its pages exactly `size`. */
  async render(html: string, size: PageSize): Promise<Buffer> {
    try {
      return await this.renderOnce(html, size);
    } catch (e) {
      // the browser or its context went away under this label: once more, in a browser started afresh
      if (!isGone(e)) throw e;
      return this.renderOnce(html, size);
    }
  }

  /** Closes the browser, also one still starting; the renderer may be used again afterwards. */
  async close(): Promise<void> {
    const which = this.session;
    this.session = null;
    if (!which) return this.closing;
    const done = (async () => {
      const s = await which.catch(() => null);
      if (!s) return;
      s.usable = false;
      s.idle.length = 0;
      await s.browser.close().catch(() => {});
    })();
    this.closing = done;
    return done;
  }
}

let shared: PdfRenderer | null = null;

/** The process's one PDF renderer. Playwright kills the browser if the process ends without close(). */
export function sharedPdfRenderer(): PdfRenderer {
  if (!shared) {
    shared = new PdfRenderer();
    process.once('beforeExit', () => {
      void shared?.close();
    });
  }
  return shared;
}

export async function closeSharedPdfRenderer(): Promise<void> {
  const s = shared;
  shared = null;
  if (s) await s.close();
}
