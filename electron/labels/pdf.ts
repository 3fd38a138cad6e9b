// Label HTML to PDF in plain Node: Chromium (Debian's, through playwright-core) prints the page at exactly the
// label's size with no margins. One browser per process, started on first use and kept warm, since starting
// Chromium costs far more than printing a label; it is closed by close() or when the process ends.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { PageSize } from '../core/labels/types.ts';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run',
  // glyph outlines unhinted, so text is laid out the same whatever the machine's font settings
  '--font-render-hinting=none',
];

export interface PdfRendererOptions {
  executablePath?: string;
}

export class PdfRenderer {
  private readonly executablePath: string;
  private context: Promise<BrowserContext> | null = null;
  private browser: Browser | null = null;
  private readonly idle: Page[] = [];

  constructor(o: PdfRendererOptions = {}) {
    this.executablePath = o.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  }

  private start(): Promise<BrowserContext> {
    this.context ??= (async () => {
      const browser = await chromium.launch({ executablePath: this.executablePath, args: CHROMIUM_ARGS });
      this.browser = browser;
      browser.on('disconnected', () => {
        if (this.browser === browser) { this.browser = null; this.context = null; this.idle.length = 0; }
      });
      // labels load nothing from outside: block every request that is not the page's own data
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      return context;
    })().catch((e: unknown) => {
      this.context = null;
      throw new Error(`Chromium could not start for label printing (${this.executablePath}): ${e instanceof Error ? e.message.split('\n')[0] : e}`);
    });
    return this.context;
  }

  /** Starts the browser now, so the first label is as fast as the next. */
  async warm(): Promise<void> {
    const page = await this.acquire();
    this.release(page);
  }

  private async acquire(): Promise<Page> {
    const ready = this.idle.pop();
    if (ready && !ready.isClosed()) return ready;
    return (await this.start()).newPage();
  }

  private release(page: Page): void {
    if (this.idle.length < 2 && !page.isClosed()) this.idle.push(page);
    else void page.close().catch(() => {});
  }

  /** The PDF of one label document, its pages exactly `size`. */
  async render(html: string, size: PageSize): Promise<Buffer> {
    const page = await this.acquire();
    let ok = false;
    try {
      await page.setContent(html, { waitUntil: 'load' });
      // every font face is inlined; wait until they are decoded so no fallback glyph is printed
      await page.evaluate('document.fonts.ready.then(() => document.fonts.size)');
      const pdf = await page.pdf({
        width: `${size.widthIn}in`, height: `${size.heightIn}in`,
        margin: { top: '0', right: '0', bottom: '0', left: '0' },
        printBackground: true, preferCSSPageSize: false,
      });
      ok = true;
      return pdf;
    } finally {
      if (ok) this.release(page);
      else void page.close().catch(() => {});
    }
  }

  async close(): Promise<void> {
    const b = this.browser;
    this.browser = null;
    this.context = null;
    this.idle.length = 0;
    if (b) await b.close().catch(() => {});
  }
}

let shared: PdfRenderer | null = null;

/** The process's one PDF renderer. Playwright kills the browser if the process ends without close(). */
export function sharedPdfRenderer(): PdfRenderer {
  if (!shared) {
    shared = new PdfRenderer();
    process.once('beforeExit', () => { void shared?.close(); });
  }
  return shared;
}

export async function closeSharedPdfRenderer(): Promise<void> {
  const s = shared;
  shared = null;
  if (s) await s.close();
}
