// A keyboard-wedge barcode scanner types its code as a burst of key presses, then Enter (or Tab). This
// listener tells such bursts from a person typing by the time between keys, so a scan works on the Receive
// screen without clicking into a field, and a scanner's Enter never presses a button or submits a form.
//
// - A burst: keys less than `maxGapMs` apart (scanners send a character every few milliseconds; people
//   rarely type two keys within 50 ms, and never a whole code).
// - The first key of a burst cannot be known as such when it arrives: if it went into a text field, it is
//   taken back out when the second key proves a burst; if the burst turns out to be a person after all,
//   the keys held back are given to the field.
// - GS (ASCII 29), the separator of multi-field barcodes, arrives as Ctrl+] from most wedges, or as a key
//   whose `key` is the character itself or "GroupSeparator". It is kept in the code, so the core can name it.

export const GS = '\u001d';

export interface WedgeOptions {
  /** Called with each complete scan, in the order scanned. */
  onScan(code: string, at: number): void;
  /** Most time between two keys of one scan. */
  maxGapMs?: number;
  /** Fewest characters a scan has; shorter bursts are a person's key rollover. */
  minLength?: number;
  /** Whether the listener takes keys now (e.g. only while a screen that scans is shown). */
  enabled?: () => boolean;
}

type Editable = HTMLInputElement | HTMLTextAreaElement;

function isEditable(t: EventTarget | null): t is Editable {
  if (!t || typeof (t as Element).tagName !== 'string') return false;
  const el = t as HTMLElement;
  if (el.tagName === 'TEXTAREA') return !(el as HTMLTextAreaElement).readOnly;
  if (el.tagName !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  return ['text', 'search', 'email', 'number', 'tel', 'url', 'password', ''].includes(type) && !(el as HTMLInputElement).readOnly;
}

/** The character a key press contributes to a scan, or null when it is not part of one. */
export function scanChar(e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'altKey' | 'metaKey' | 'keyCode'>): string | null {
  if (e.key === GS || e.key === 'GroupSeparator') return GS;
  if (e.key === 'Unidentified' && e.keyCode === 29) return GS;
  if (e.ctrlKey && !e.altKey && !e.metaKey && (e.code === 'BracketRight' || e.key === ']' || e.key === GS)) return GS;
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  if (e.key.length === 1) return e.key;
  return null;
}

/** Sets a text field's value so that React's controlled inputs see the change. */
function setFieldValue(el: Editable, value: string, caret: number): void {
  const proto = el.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  if (setter) setter.call(el, value); else el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  try { el.setSelectionRange(caret, caret); } catch { /* number inputs have no selection */ }
}

export class Wedge {
  private readonly opts: Required<Omit<WedgeOptions, 'enabled'>> & Pick<WedgeOptions, 'enabled'>;
  private buf = '';
  private lastAt = -Infinity;
  private burst = false;
  /** The field the first key went into, and what it held before, to take that key back. */
  private field: { el: Editable; value: string; start: number; end: number } | null = null;
  private readonly onKeyDown = (e: KeyboardEvent) => this.handle(e);
  private target: Window | null = null;

  constructor(opts: WedgeOptions) {
    this.opts = { maxGapMs: 50, minLength: 3, ...opts };
  }

  attach(win: Window = window): () => void {
    this.target = win;
    // capture: the scan is taken before any button or form sees the keys
    win.addEventListener('keydown', this.onKeyDown, true);
    return () => this.detach();
  }

  detach(): void {
    this.target?.removeEventListener('keydown', this.onKeyDown, true);
    this.target = null;
  }

  /** Exposed for tests of the timing rules. */
  handle(e: KeyboardEvent): void {
    if (this.opts.enabled && !this.opts.enabled()) { this.reset(); return; }
    if (e.isComposing) return;
    const at = e.timeStamp || performance.now();
    const gap = at - this.lastAt;
    const ch = scanChar(e);

    if (ch !== null) {
      if (this.buf && gap > this.opts.maxGapMs) this.giveBack();
      if (!this.buf) {
        // first key: maybe a person, maybe a scanner; remember the field as it was
        this.buf = ch;
        this.burst = false;
        const t = e.target;
        this.field = isEditable(t) ? { el: t, value: t.value, start: t.selectionStart ?? t.value.length, end: t.selectionEnd ?? t.value.length } : null;
        if (ch === GS) e.preventDefault(); // a control key is never text for a field
      } else {
        this.buf += ch;
        if (!this.burst) {
          this.burst = true;
          // the first key went into a field: take it back, it belongs to the scan
          if (this.field && this.field.el.value !== this.field.value) setFieldValue(this.field.el, this.field.value, this.field.start);
        }
        e.preventDefault();
        e.stopPropagation();
      }
      this.lastAt = at;
      return;
    }

    if ((e.key === 'Enter' || e.key === 'Tab') && this.buf) {
      const isScan = this.burst && gap <= this.opts.maxGapMs * 4 && this.buf.length >= this.opts.minLength;
      if (isScan) {
        e.preventDefault();
        e.stopPropagation();
        const code = this.buf;
        this.reset();
        this.opts.onScan(code, at);
        return;
      }
      this.giveBack();
      return;
    }

    if (e.key === 'Shift' || e.key === 'Control' || e.key === 'CapsLock') return; // scanners press Shift for capitals
    if (this.buf) this.giveBack();
  }

  /** A "burst" that was a person after all: the keys held back go where they were typed. */
  private giveBack(): void {
    if (this.burst && this.field && this.buf.length > 1) {
      const { el, value, start, end } = this.field;
      const text = this.buf.replaceAll(GS, '');
      if (document.activeElement === el) setFieldValue(el, value.slice(0, start) + text + value.slice(end), start + text.length);
    }
    this.reset();
  }

  private reset(): void {
    this.buf = '';
    this.burst = false;
    this.field = null;
    this.lastAt = -Infinity;
  }
}
