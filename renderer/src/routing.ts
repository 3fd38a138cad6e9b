// Where a scan goes. The wedge listens on the whole window; what a scan means depends on what is shown:
// the Receive flow (and its questions), a screen that takes scans (Jobs search, Packaging), or the text
// field that has focus inside an open dialog. A screen registers its handler with `useScanHandler`; on a screen
// that takes no scans, a scan opens the job it names.
import { useEffect, useEffectEvent } from 'react';
import { dock, go, theApi, type Screen } from './store.ts';
import { parseCommand, submitScan } from './flow.ts';
import { Wedge } from './scanner.ts';
import { play } from './sounds.ts';

export type ScanHandler = (code: string, at: number) => void;

const handlers = new Map<Screen, ScanHandler>();
let openModals = 0;

/** Dialogs count themselves, so a scan never lands behind one. */
export function modalOpened(): () => void {
  openModals++;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    openModals--;
  };
}

export function useScanHandler(screen: Screen, handler: ScanHandler): void {
  // the latest handler, registered once per screen
  const latest = useEffectEvent(handler);
  useEffect(() => {
    const h: ScanHandler = (c, at) => latest(c, at);
    handlers.set(screen, h);
    return () => {
      if (handlers.get(screen) === h) handlers.delete(screen);
    };
  }, [screen]);
}

function focusedField(): HTMLInputElement | HTMLTextAreaElement | null {
  const el = document.activeElement;
  if (el instanceof HTMLTextAreaElement) return el;
  if (el instanceof HTMLInputElement && ['text', 'search', 'email', 'tel', 'url', ''].includes(el.type)) return el;
  return null;
}

/** A scan into a focused field fills it, as if typed, and tells the field it was a scan. */
export function fillField(el: HTMLInputElement | HTMLTextAreaElement, code: string): void {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, code);
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new CustomEvent('dock-scan', { bubbles: true, detail: code }));
}

export function routeScan(code: string, at: number): void {
  const s = dock.get();
  if (s.dialog) return submitScan(code, 'scanner', at); // the Receive flow's own question
  if (openModals > 0) {
    const field = focusedField();
    if (field) return fillField(field, code);
    // a question with no text field is on screen: the scan is refused out loud, never dropped in silence
    play('rejected');
    window.dispatchEvent(new CustomEvent('dock-scan-refused', { detail: code.trim().toUpperCase() }));
    return;
  }
  if (s.info?.setupNeeded) {
    // first run: a badge scanned into the supervisor's badge field fills it; there is no one to sign in yet
    const field = focusedField();
    if (field) return fillField(field, code);
    play('rejected');
    return;
  }
  if (!s.operator || s.screen === 'receive' || parseCommand(code)) return submitScan(code, 'scanner', at);
  const h = handlers.get(s.screen);
  if (h) return h(code, at);
  const field = focusedField();
  if (field) return fillField(field, code);
  void lookUp(code);
}

/**
 * Elsewhere a scan opens what it names: the page of the one job a job label, a drive or a package belongs to
 * (asked of the station once), or else the job search for the code.
 */
async function lookUp(code: string): Promise<void> {
  const q = code.trim();
  try {
    const id = await theApi().call('codes.identify', { code: q });
    const job =
      id.kind === 'job'
        ? id.jobName
        : id.kind === 'drive' || id.kind === 'heldDrive'
          ? id.jobName
          : id.kind === 'package' && id.jobs.length === 1
            ? id.jobs[0]!.name
            : null;
    if (job) return go('jobs', job);
  } catch {
    /* not a code the station reads: the search says what it finds */
  }
  dock.set({ jobsQuery: { query: q, state: '', offset: 0 } });
  go('jobs');
}

let wedge: Wedge | null = null;

/** Starts listening for scanners, once, for the life of the window. */
export function startWedge(): void {
  if (wedge) return;
  wedge = new Wedge({ onScan: routeScan });
  wedge.attach(window);
  (window as unknown as { __dockWedge: Wedge }).__dockWedge = wedge;
}
