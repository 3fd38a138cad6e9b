// Secure destruction by scanning: the drives to destroy are scanned into a list, the witness (another operator
// of this station) scans their badge, and the moment the station records it the certificate is offered, to
// print and as a PDF. Which drives may be destroyed is the station's to say; this dialog only asks.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { theApi, toCoreError, useDock } from '../store.ts';
import { useLang } from '../useT.ts';
import { errorText, type CoreError } from '../i18n.ts';
import { useBayT } from '../i18n-bay.ts';
import { Dialog } from '../components/Dialog.tsx';
import { Icon } from '../components/Icon.tsx';
import { play } from '../sounds.ts';
import { blobUrl } from './packaging-shared.ts';
// the station's own rule for "the same person", so the dialog never accepts a witness the station refuses
import { sameName } from '../../../electron/core/witness.ts';

type Said = { tone: 'accepted' | 'notice' | 'rejected'; text: string };

interface Props {
  /** Serials the station lists as held here: the only drives this dialog takes. */
  heldSerials: readonly string[];
  onClose: () => void;
}

export function DestroyDialog({ heldSerials, onClose }: Props) {
  const bt = useBayT();
  const lang = useLang();
  const operator = useDock((s) => s.operator)!;
  const transport = useDock((s) => s.info?.transport ?? 'http');
  const [drives, setDrives] = useState<string[]>([]);
  const [witness, setWitness] = useState<string | null>(null);
  const [method, setMethod] = useState(() => bt('destroy.defaultMethod'));
  const [reason, setReason] = useState('');
  const [code, setCode] = useState('');
  const [said, setSaid] = useState<Said | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const [done, setDone] = useState<{ driveIds: string[]; witness: string } | null>(null);
  const [pdf, setPdf] = useState<{ url: string; filename: string } | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const scanRef = useRef<HTMLInputElement>(null);
  const pdfRef = useRef<HTMLButtonElement>(null);

  const say = (tone: Said['tone'], text: string) => {
    setSaid({ tone, text });
    setError(null);
    play(tone === 'accepted' ? 'accepted' : tone === 'notice' ? 'notice' : 'rejected');
  };

  /** A scan or a typed code: an operator's badge makes the witness, anything else is a drive. */
  const take = async (raw: string) => {
    const c = raw.trim();
    if (!c) return;
    setCode('');
    const who = await theApi()
      .call('operators.identify', { code: c.slice(0, 64) })
      .then((r) => r.name)
      .catch(() => null);
    if (who) {
      if (sameName(who, operator)) return say('rejected', bt('destroy.witnessSelf', { name: operator }));
      setWitness(who);
      return say('accepted', bt('destroy.witnessIs', { name: who }));
    }
    const serial = c.toUpperCase();
    if (/^OP-/i.test(c)) return say('rejected', bt('destroy.witnessUnknown', { code: c }));
    if (drives.includes(serial)) return say('notice', bt('destroy.already', { serial }));
    if (!heldSerials.includes(serial)) return say('rejected', bt('destroy.notHeld', { serial }));
    setDrives((d) => [...d, serial]);
    say('accepted', bt('destroy.added', { serial }));
  };

  // the scanner fills the focused field and says so: a scan is taken at once, no Enter needed from the person
  useEffect(() => {
    const el = scanRef.current;
    if (!el) return;
    const on = (e: Event) => void take(String((e as CustomEvent).detail ?? ''));
    el.addEventListener('dock-scan', on);
    return () => el.removeEventListener('dock-scan', on);
  });

  useEffect(
    () => () => {
      if (pdf) URL.revokeObjectURL(pdf.url);
    },
    [pdf],
  );
  useEffect(
    () => () => {
      if (preview) URL.revokeObjectURL(preview);
    },
    [preview],
  );
  useEffect(() => {
    if (done) pdfRef.current?.focus();
  }, [done]);

  const record = async () => {
    if (!drives.length) return say('rejected', bt('destroy.needDrives'));
    if (!witness) return say('rejected', bt('destroy.needWitness'));
    setBusy(true);
    try {
      const r = await theApi().call('drives.destroy', {
        operator,
        driveIds: drives,
        method: method.trim(),
        witness,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      setDone({ driveIds: r.certificate.driveIds, witness: r.certificate.witness });
      say('accepted', bt('destroy.recorded', { n: r.certificate.driveIds.length, witness: r.certificate.witness }));
      const html = await theApi()
        .call('labels.render', { kind: 'destruction', driveId: r.certificate.driveIds[0]!, format: 'html' })
        .catch(() => null);
      if (html) setPreview(blobUrl(html));
    } catch (e) {
      play('rejected');
      setError(toCoreError(e));
      setSaid(null);
    } finally {
      setBusy(false);
    }
  };

  const certificate = async (how: 'pdf' | 'print') => {
    if (!done) return;
    const request = { kind: 'destruction' as const, driveId: done.driveIds[0]! };
    try {
      if (how === 'print' && transport === 'ipc') {
        await theApi().call('labels.print', request);
        return say('accepted', bt('destroy.printed'));
      }
      const file = await theApi().call('labels.render', { ...request, format: 'pdf' });
      const url = blobUrl(file);
      setPdf({ url, filename: file.filename });
      if (how === 'print') {
        // browser mode: the PDF opens in the browser's own viewer, whose print button sends it to the printer
        window.open(url, '_blank', 'noopener');
        return say('accepted', bt('destroy.printed'));
      }
      say('accepted', bt('destroy.saved', { file: file.filename }));
      const a = document.createElement('a');
      a.href = url;
      a.download = file.filename;
      a.click();
    } catch (e) {
      play('rejected');
      setError(toCoreError(e));
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void take(code);
  };

  return (
    <Dialog title={bt('destroy.title')} onClose={onClose} tone="danger" testId="destroy-dialog">
      <div className="destroy" aria-live="polite">
        {error ? (
          <p className="form-error" role="alert" data-testid="destroy-error">
            {errorText(lang, error)}
          </p>
        ) : null}
        {said && !error ? (
          <p
            className={`destroy-said destroy-said-${said.tone}`}
            role={said.tone === 'rejected' ? 'alert' : 'status'}
            data-testid="destroy-said"
            data-tone={said.tone}
          >
            <Icon name={said.tone === 'accepted' ? 'check' : said.tone === 'notice' ? 'repeat' : 'cross'} size={24} /> {said.text}
          </p>
        ) : null}
        {!done ? (
          <>
            <p>{bt('destroy.help')}</p>
            <form onSubmit={submit} className="pk-row">
              <input
                ref={scanRef}
                className="pk-input mono"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                data-autofocus
                aria-label={bt('destroy.help')}
                autoComplete="off"
                spellCheck={false}
                maxLength={256}
                data-testid="destroy-scan"
              />
            </form>
            <h3>{bt('destroy.drives', { n: drives.length })}</h3>
            {drives.length ? (
              <ul className="destroy-list" data-testid="destroy-drives">
                {drives.map((s) => (
                  <li key={s} data-serial={s}>
                    <span className="drive-serial">{s}</span>
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => setDrives(drives.filter((x) => x !== s))}
                      aria-label={bt('destroy.remove', { serial: s })}
                    >
                      <Icon name="cross" size={18} />
                    </button>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{bt('destroy.none')}</p>
            )}
            <p className={`destroy-witness ${witness ? 'has' : ''}`} data-testid="destroy-witness">
              <Icon name="user" size={24} /> {witness ? bt('destroy.witnessIs', { name: witness }) : bt('destroy.witnessWaiting')}
            </p>
            <div className="form-grid">
              <label htmlFor="destroy-method">{bt('destroy.method')}</label>
              <input id="destroy-method" value={method} onChange={(e) => setMethod(e.target.value)} maxLength={120} />
              <label htmlFor="destroy-reason">{bt('destroy.reason')}</label>
              <input id="destroy-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
            </div>
            <div className="dialog-actions">
              <button
                type="button"
                className="btn btn-big btn-danger"
                disabled={busy}
                onClick={() => void record()}
                data-testid="destroy-record"
              >
                {bt('destroy.record', { n: drives.length })}
              </button>
              <button type="button" className="btn btn-big" onClick={onClose}>
                {bt('destroy.close')}
              </button>
            </div>
          </>
        ) : (
          <>
            <h3>{bt('destroy.certificate')}</h3>
            <div className="dialog-actions">
              <button
                type="button"
                ref={pdfRef}
                className="btn btn-big btn-primary"
                onClick={() => void certificate('pdf')}
                data-testid="destroy-pdf"
              >
                {bt('destroy.pdf')}
              </button>
              <button type="button" className="btn btn-big" onClick={() => void certificate('print')} data-testid="destroy-print">
                {bt('destroy.print')}
              </button>
              <button type="button" className="btn btn-big" onClick={onClose}>
                {bt('destroy.close')}
              </button>
            </div>
            {pdf ? (
              <p>
                <a className="link" href={pdf.url} download={pdf.filename} data-testid="destroy-download">
                  {pdf.filename}
                </a>
              </p>
            ) : null}
            {preview ? (
              <iframe
                title={bt('destroy.certificate')}
                src={preview}
                sandbox=""
                className="destroy-preview"
                data-testid="destroy-preview"
              />
            ) : null}
          </>
        )}
      </div>
    </Dialog>
  );
}
