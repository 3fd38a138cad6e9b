// A keyboard-wedge barcode scanner types its code as a burst of key presses, then Enter (or Tab). This
// listener tells such bursts from a person typing by the time between keys, so a scan works on the Receive
// screen without clicking into a field, and a scanner's Enter never presses a button or submits a form.
//
// - A sequence is the printable keys since the last pause longer than `splitMs`, or since any other key.
//   A sequence that so far came at scanner speed waits longer (`stallMs`) before it is cut: a scanner held
//   back by a busy machine resumes where it stopped, and a scan cut in two would be two wrong codes.
// - Outside text fields nobody types text, so a sequence ended by Enter or Tab is a scan when it is at least
//   `minLength` long and its keys came at scanner speed: the median time between them at most
//   `maxMedianMs`. The median, not the largest gap: a busy machine may hold a key event back now and then
//   (measured here: up to 150 ms on a loaded 2-core PC), and one late key must not lose a scan. People type
//   at 120–300 ms a key.
// - In a text field keys go in as usual. Two keys within `burstGapMs` (a scanner sends one every few ms)
//   start a burst: it is taken out of the field again, from the first of those keys, or earlier when the
//   keys before came within `leadGapMs` (a late first key of the scanner); what a person typed before stays.
//   The Enter that ends the burst goes nowhere. If the burst turns out to be a person after all, the keys
//   held back are given to the field.
// - GS (ASCII 29), the separator of multi-field barcodes, arrives as Ctrl+] from most wedges, or as a key
//   whose `key` is the character itself or "GroupSeparator". It is kept in the code, so the core can name it.

export const GS = '\u001d';

export interface WedgeOptions {
  /** Called with each complete scan, in the order scanned, with the time of its Enter. */
  onScan(code: string, at: number): void;
  /** Largest median time between the keys of a scan. */
  maxMedianMs?: number;
  /** In a text field: two keys this close start a burst. */
  burstGapMs?: number;
  /** In a text field: keys this close before a burst belong to it. */
  leadGapMs?: number;
  /** A pause longer than this ends a sequence. */
  splitMs?: number;
  /** ... unless the sequence so far came at scanner speed: then this long. */
  stallMs?: number;
  /** Fewest characters a scan has; shorter bursts are a person's key rollover. */
  minLength?: number;
  /** Whether the listener takes keys now. */
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
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with the field as its this, just below
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  if (setter) setter.call(el, value);
  else el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  try {
    el.setSelectionRange(caret, caret);
  } catch {
    /* number inputs have no selection */
  }
}

interface Key {
  ch: string;
  at: number;
  field: { value: string; start: number; end: number } | null;
}

export function median(xs: number[]): number {
  if (!xs.length) return Infinity;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The last sequences and what was made of them: for diagnosing a scanner at a station (and tests). */
export interface WedgeTrace {
  code: string;
  gaps: number[];
  verdict: 'scan' | 'typed' | 'split' | 'other-key';
}

export class Wedge {
  readonly trace: WedgeTrace[] = [];
  private readonly opts: Required<Omit<WedgeOptions, 'enabled'>> & Pick<WedgeOptions, 'enabled'>;
  private keys: Key[] = [];
  /** Where the burst starts in `keys`, once two keys came at scanner speed; -1 before. */
  private burstAt = -1;
  private fieldEl: Editable | null = null;
  private readonly onKeyDown = (e: KeyboardEvent) => this.handle(e);
  /** A wedge that types GS as a character with no key of its own: keydown says "", keypress has code 29. */
  private readonly onKeyPress = (e: KeyboardEvent) => {
    const gs = e.charCode === 29 || e.keyCode === 29 || e.key === GS;
    if (gs && !this.gsTaken && !(this.opts.enabled && !this.opts.enabled())) this.onChar(GS, e);
    this.gsTaken = false;
  };
  /** The keydown already gave this GS (its keypress, if any, is the same character). */
  private gsTaken = false;
  /** Text put in without key events (an input method, a test driver's insertText): GS in it is still GS. */
  private readonly onBeforeInput = (e: InputEvent) => {
    if (e.data === GS && this.keys.length) this.onChar(GS, e);
  };
  private target: Window | null = null;

  constructor(opts: WedgeOptions) {
    this.opts = { maxMedianMs: 80, burstGapMs: 30, leadGapMs: 100, splitMs: 250, stallMs: 1500, minLength: 3, ...opts };
  }

  attach(win: Window = window): () => void {
    this.target = win;
    // capture: the scan is taken before any button or form sees the keys
    win.addEventListener('keydown', this.onKeyDown, true);
    win.addEventListener('keypress', this.onKeyPress, true);
    win.addEventListener('beforeinput', this.onBeforeInput, true);
    return () => this.detach();
  }

  detach(): void {
    this.target?.removeEventListener('keydown', this.onKeyDown, true);
    this.target?.removeEventListener('keypress', this.onKeyPress, true);
    this.target?.removeEventListener('beforeinput', this.onBeforeInput, true);
    this.target = null;
  }

  handle(e: KeyboardEvent): void {
    if (this.opts.enabled && !this.opts.enabled()) {
      this.reset();
      return;
    }
    if (e.isComposing) return;
    const at = e.timeStamp || performance.now();
    const last = this.keys.at(-1);
    const gap = last ? at - last.at : Infinity;
    const ch = scanChar(e);
    const wait = this.atScannerSpeed() ? this.opts.stallMs : this.opts.splitMs;

    this.gsTaken = ch === GS;
    if (ch !== null) return this.onChar(ch, e);
    // a key with no identity (the keypress after it carries the character): not the end of anything
    if (e.key === '' || (e.key === 'Unidentified' && e.keyCode !== 29) || e.key === 'Dead') return;

    if ((e.key === 'Enter' || e.key === 'Tab') && this.keys.length) {
      const run = this.burstAt >= 0 ? this.keys.slice(this.burstAt) : [];
      const gaps = run.slice(1).map((k, i) => k.at - run[i]!.at);
      const isScan = run.length >= this.opts.minLength && gap <= wait && median(gaps) <= this.opts.maxMedianMs;
      this.note(run.length ? run : this.keys, isScan ? 'scan' : 'typed');
      if (isScan) {
        e.preventDefault();
        e.stopPropagation();
        const code = run.map((k) => k.ch).join('');
        this.reset();
        this.opts.onScan(code, at);
        return;
      }
      this.giveBack();
      return;
    }

    if (e.key === 'Shift' || e.key === 'Control' || e.key === 'CapsLock') return; // scanners press Shift for capitals
    if (this.keys.length) {
      this.note(this.keys, 'other-key');
      this.giveBack();
    }
  }

  private note(run: Key[], verdict: WedgeTrace['verdict']): void {
    this.trace.push({ code: run.map((k) => k.ch).join(''), gaps: run.slice(1).map((k, i) => Math.round(k.at - run[i]!.at)), verdict });
    if (this.trace.length > 20) this.trace.shift();
  }

  private onChar(ch: string, e: Event): void {
    const at = e.timeStamp || performance.now();
    const last = this.keys.at(-1);
    const gap = last ? at - last.at : Infinity;
    const wait = this.atScannerSpeed() ? this.opts.stallMs : this.opts.splitMs;
    if (last && gap > wait) {
      this.note(this.keys, 'split');
      this.giveBack();
    }
    const t = e.target;
    if (!this.keys.length) this.fieldEl = isEditable(t) ? t : null;
    const el = this.fieldEl;
    this.keys.push({
      ch,
      at,
      field:
        el && el === t ? { value: el.value, start: el.selectionStart ?? el.value.length, end: el.selectionEnd ?? el.value.length } : null,
    });
    if (!el) {
      this.burstAt = 0; // outside a field the whole sequence is the candidate scan
    } else if (this.burstAt < 0 && this.keys.length >= 2 && gap <= this.opts.burstGapMs) {
      let start = this.keys.length - 2;
      while (start > 0 && this.keys[start]!.at - this.keys[start - 1]!.at <= this.opts.leadGapMs) start--;
      this.burstAt = start;
      const first = this.keys[start]!;
      if (first.field && el.value !== first.field.value) setFieldValue(el, first.field.value, first.field.start);
    }
    // in a field, a burst's keys are kept out of it; elsewhere keys do nothing anyway (Space still presses a button)
    if ((el && this.burstAt >= 0) || ch === GS) {
      e.preventDefault();
      e.stopPropagation();
    }
  }

  /** Whether the burst so far came at scanner speed (then a pause is a stall, not the end). */
  private atScannerSpeed(): boolean {
    if (this.burstAt < 0) return false;
    const run = this.keys.slice(this.burstAt);
    if (run.length < 2) return false;
    return median(run.slice(1).map((k, i) => k.at - run[i]!.at)) <= this.opts.maxMedianMs;
  }

  /** A "burst" that was a person after all: the keys held back go where they were typed. */
  private giveBack(): void {
    const el = this.fieldEl;
    if (this.burstAt >= 0 && el) {
      const first = this.keys[this.burstAt]!;
      const text = this.keys
        .slice(this.burstAt)
        .map((k) => k.ch)
        .join('')
        .replaceAll(GS, '');
      if (first.field && document.activeElement === el) {
        const { value, start, end } = first.field;
        setFieldValue(el, value.slice(0, start) + text + value.slice(end), start + text.length);
      }
    }
    this.reset();
  }

  private reset(): void {
    this.keys = [];
    this.burstAt = -1;
    this.fieldEl = null;
  }
}
