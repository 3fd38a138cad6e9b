// A modal dialog on the native <dialog>: focus moves into it, Escape closes it, and when it closes focus
// goes back to where it was (or to the screen's heading), so the next key or scan lands where expected.
import { useEffect, useEffectEvent, useId, useRef, type ReactNode } from 'react';
import { modalOpened } from '../routing.ts';

export interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Counted as a modal for scans (a question of the Receive flow answers scans itself). */
  countsAsModal?: boolean;
  tone?: 'warning' | 'neutral' | 'danger';
  testId?: string;
}

export function Dialog({ title, onClose, children, countsAsModal = true, tone = 'neutral', testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // the latest onClose, without reopening the dialog each time the parent renders a new one
  const close = useEffectEvent(onClose);

  useEffect(() => {
    const dlg = ref.current;
    if (!dlg) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const done = countsAsModal ? modalOpened() : () => {};
    if (!dlg.open) dlg.showModal();
    const first =
      dlg.querySelector<HTMLElement>('[autofocus], [data-autofocus]') ?? dlg.querySelector<HTMLElement>('input, select, textarea, button');
    first?.focus();
    const onCancel = (e: Event) => {
      e.preventDefault();
      close();
    };
    dlg.addEventListener('cancel', onCancel);
    return () => {
      dlg.removeEventListener('cancel', onCancel);
      if (dlg.open) dlg.close();
      done();
      restoreFocus(before);
    };
  }, [countsAsModal]);

  return (
    <dialog ref={ref} className={`dialog dialog-${tone}`} aria-labelledby={titleId} data-testid={testId}>
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}

/** Focus back where it was; if that is gone, to the main region, never lost on <body>. */
export function restoreFocus(before: HTMLElement | null): void {
  queueMicrotask(() => {
    if (before && before.isConnected && before !== document.body) before.focus({ preventScroll: true });
    // gone, or disabled meanwhile (the Close button once the package is closed): the screen itself
    if (document.activeElement !== before || !before) document.getElementById('main')?.focus({ preventScroll: true });
  });
}
