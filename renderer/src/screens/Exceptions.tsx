// Exceptions: everything that needs a person, each row saying what to do next and by when, with the action.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useDock, go, theApi, toCoreError } from '../store.ts';
import { useLang, useT } from '../useT.ts';
import { errorText, formatDate, jobStateName, type CoreError, type Key } from '../i18n.ts';
import { Dialog } from '../components/Dialog.tsx';
import { Icon } from '../components/Icon.tsx';
import { play } from '../sounds.ts';
import type { ExceptionRow } from '../../../electron/core/intake.ts';

type Pending =
  | { kind: 'destroy'; row: ExceptionRow }
  | { kind: 'extend'; row: ExceptionRow }
  | { kind: 'notify'; row: ExceptionRow }
  | { kind: 'cancel'; row: ExceptionRow }
  | { kind: 'address'; row: ExceptionRow };

const ADDRESS_FIELDS = ['recipientName', 'streetAddress1', 'streetAddress2', 'city', 'stateOrProvince', 'postalCode', 'countryOrRegion', 'phone', 'email'] as const;

export function useReloadOnChange(load: () => void): void {
  const tick = useDock((s) => s.changeTick);
  useEffect(() => {
    const h = setTimeout(load, tick ? 60 : 0); // coalesce a burst of changes into one reload
    return () => clearTimeout(h);
  }, [tick, load]);
}

export function Exceptions() {
  const t = useT();
  const lang = useLang();
  const operator = useDock((s) => s.operator)!;
  const [rows, setRows] = useState<ExceptionRow[] | null>(null);
  const [jobStates, setJobStates] = useState<Record<string, string>>({});
  const [error, setError] = useState<CoreError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);

  const load = useCallback(() => {
    theApi().call('exceptions.list', {}).then((r) => { setRows(r); setError(null); }).catch((e) => setError(toCoreError(e)));
  }, []);
  useReloadOnChange(load);

  // a held drive whose job is on record: the row names the job's state now (asked, not guessed)
  useEffect(() => {
    const names = [...new Set((rows ?? []).filter((r) => r.action === 'releaseHold' && r.jobName).map((r) => r.jobName!))];
    if (!names.length) return;
    void Promise.all(names.map((n) => theApi().call('jobs.get', { name: n }).then((j): [string, string] => [n, j.properties.state]).catch(() => null)))
      .then((pairs) => setJobStates(Object.fromEntries(pairs.filter((p): p is [string, string] => p !== null))));
  }, [rows]);

  const run = async (what: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
      play('accepted');
      setDone(what);
      setError(null);
      setPending(null);
      load();
    } catch (e) {
      play('rejected');
      setError(toCoreError(e));
    }
  };

  const act = (row: ExceptionRow, action: NonNullable<ExceptionRow['action']> | 'cancel') => {
    if (action === 'releaseHold' && row.trackingNumber) {
      void run(t('exc.act.releaseHold'), () => theApi().call('packages.releaseHold', { operator, trackingNumber: row.trackingNumber! }));
    } else if (action === 'recordDestruction') setPending({ kind: 'destroy', row });
    else if (action === 'extendWait') setPending({ kind: 'extend', row });
    else if (action === 'notifyCustomer') setPending({ kind: 'notify', row });
    else if (action === 'cancel') setPending({ kind: 'cancel', row });
    else if (action === 'updateJob') setPending({ kind: 'address', row });
  };

  /** English shows the core's own words; other languages translate by the row's kind. */
  const nextText = (r: ExceptionRow): string => {
    if (lang === 'en') return r.next;
    if (r.action === 'releaseHold') return t('exc.next.release', { job: r.jobName ?? '', state: jobStateName(lang, jobStates[r.jobName ?? ''] ?? '') });
    if (r.kind === 'held') return r.next.startsWith('Return') ? t('exc.next.heldReturn') : t('exc.next.held');
    if (r.kind === 'addressMissing') {
      const m = /missing: ([^)]*)\)/.exec(r.next);
      const fields = (m?.[1] ?? '').split(',').map((f) => f.trim()).filter(Boolean).map((f) => (ADDRESS_FIELDS as readonly string[]).includes(f) ? t(`addr.${f}` as Key) : f);
      return t('exc.next.addressMissing', { fields: fields.join('、') });
    }
    return t(`exc.next.${r.kind}` as Key);
  };

  return (
    <div className="exceptions" data-testid="exceptions-screen">
      <header className="screen-head">
        <h1>{t('exc.title')}</h1>
        {rows ? <span className="screen-count" data-testid="exceptions-count">{rows.length ? t('exc.count', { n: rows.length }) : ''}</span> : null}
        <button type="button" className="btn" onClick={load}>{t('exc.refresh')}</button>
      </header>
      {error && !pending ? <p className="form-error" role="alert" data-tone="rejected">{errorText(lang, error)}</p> : null}
      {done ? <p className="form-ok" role="status" data-tone="accepted">{t('exc.done', { what: done })}</p> : null}
      {rows && rows.length === 0 ? <p className="empty">{t('exc.empty')}</p> : null}
      {rows && rows.length ? (
        <table className="table exc-table">
          <thead>
            <tr><th scope="col">{t('exc.kind')}</th><th scope="col">{t('exc.subject')}</th><th scope="col">{t('exc.next')}</th><th scope="col">{t('exc.due')}</th><th scope="col">{t('exc.action')}</th></tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const overdue = r.kind === 'destructionDue'; // the station's clock decides what is due, not this one's
              return (
                <tr key={`${r.kind}-${r.driveId ?? ''}-${r.jobName ?? ''}-${i}`} className={`exc exc-${r.kind}`} data-kind={r.kind} data-serial={r.driveId ?? ''} data-job={r.jobName ?? ''}>
                  <td><span className={`chip chip-exc-${r.kind}`}>{t(`exc.kind.${r.kind}` as Key)}</span></td>
                  <td className="exc-subject">
                    {r.driveId ? <div className="mono big">{r.driveId}</div> : null}
                    {r.jobName ? <button type="button" className="link" onClick={() => go('jobs', r.jobName)}>{r.jobName}</button> : null}
                    {r.trackingNumber ? <div className="mono muted">{r.trackingNumber}</div> : null}
                  </td>
                  <td className="exc-next">{nextText(r)}</td>
                  <td className={overdue ? 'exc-due overdue' : 'exc-due'}>
                    {r.dueAt ? <>{formatDate(lang, r.dueAt)}{overdue ? <strong className="overdue-tag"> {t('exc.overdue')}</strong> : null}</> : <span className="muted">{t('exc.noDeadline')}</span>}
                  </td>
                  <td><div className="exc-actions">
                    {r.action ? (
                      <button type="button" className="btn btn-primary" onClick={() => act(r, r.action!)} data-testid={`act-${r.action}`}>
                        {t(`exc.act.${r.action}` as Key)}
                      </button>
                    ) : null}
                    {r.kind === 'packageOverdue' || r.kind === 'customerNotified' ? (
                      <>
                        {r.action !== 'extendWait' ? <button type="button" className="btn" onClick={() => act(r, 'extendWait')}>{t('exc.act.extendWait')}</button> : null}
                        <button type="button" className="btn" onClick={() => act(r, 'cancel')}>{t('exc.act.cancel')}</button>
                      </>
                    ) : null}
                    {!r.action && r.jobName ? <button type="button" className="btn" onClick={() => go('jobs', r.jobName)}>{t('exc.act.open')}</button> : null}
                  </div></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {pending ? <ActionDialog pending={pending} onClose={() => { setPending(null); setError(null); }} run={run} operator={operator} error={error ? errorText(lang, error) : null} /> : null}
    </div>
  );
}

function ActionDialog({ pending, onClose, run, operator, error }: { pending: Pending; onClose: () => void; run: (what: string, fn: () => Promise<unknown>) => Promise<void>; operator: string; error: string | null }) {
  const t = useT();
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [days, setDays] = useState('14');
  const [address, setAddress] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState<string[]>([]);
  const row = pending.row;
  const job = row.jobName ?? '';

  // the address form starts from what the job has, and marks what the station says is missing
  useEffect(() => {
    if (pending.kind !== 'address' || !job) return;
    theApi().call('jobs.get', { name: job }).then((j) => {
      const have = j.properties.returnAddress ?? {};
      setAddress(Object.fromEntries(Object.entries(have).filter(([, v]) => typeof v === 'string')) as Record<string, string>);
      setMissing(j.dock.missingAddressFields);
    }).catch(() => {});
  }, [pending.kind, job]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    switch (pending.kind) {
      case 'destroy':
        return void run(t('exc.act.recordDestruction'), () => theApi().call('drives.destroy', { operator, driveIds: [row.driveId!], method: a, witness: b }));
      case 'extend':
        return void run(t('exc.act.extendWait'), () => theApi().call('jobs.extendWait', { operator, name: job, days: Number(days), ...(a ? { reason: a } : {}) }));
      case 'notify':
        return void run(t('exc.act.notifyCustomer'), () => theApi().call('jobs.notifyCustomer', { operator, name: job, ...(a ? { note: a } : {}) }));
      case 'cancel':
        return void run(t('exc.act.cancel'), () => theApi().call('jobs.cancel', { operator, name: job, ...(a ? { reason: a } : {}) }));
      case 'address': {
        const patch = Object.fromEntries(Object.entries(address).filter(([, v]) => v.trim()));
        return void run(t('exc.act.updateJob'), () => theApi().call('jobs.update', { operator, name: job, patch: { returnAddress: patch } }));
      }
    }
  };

  const title = pending.kind === 'destroy' ? t('dlg.destroy.title', { serial: row.driveId ?? '' })
    : pending.kind === 'extend' ? t('dlg.extend.title', { job })
      : pending.kind === 'notify' ? t('dlg.notify.title', { job })
        : pending.kind === 'cancel' ? t('dlg.cancelJob.title', { job })
          : t('dlg.address.title', { job });

  return (
    <Dialog title={title} onClose={onClose} tone={pending.kind === 'destroy' || pending.kind === 'cancel' ? 'danger' : 'neutral'} testId={`dialog-${pending.kind}`}>
      <form onSubmit={submit} className="form">
        {error ? <p className="form-error" role="alert" data-tone="rejected">{error}</p> : null}
        {pending.kind === 'destroy' ? (
          <>
            <label htmlFor="f-method">{t('dlg.destroy.method')}</label>
            <input id="f-method" value={a} onChange={(e) => setA(e.target.value)} required autoComplete="off" data-autofocus />
            <label htmlFor="f-witness">{t('dlg.destroy.witness')}</label>
            <input id="f-witness" value={b} onChange={(e) => setB(e.target.value)} required autoComplete="off" />
          </>
        ) : null}
        {pending.kind === 'extend' ? (
          <>
            <label htmlFor="f-days">{t('dlg.extend.days')}</label>
            <input id="f-days" type="number" min={1} max={90} value={days} onChange={(e) => setDays(e.target.value)} required data-autofocus />
          </>
        ) : null}
        {pending.kind === 'extend' || pending.kind === 'notify' || pending.kind === 'cancel' ? (
          <>
            <label htmlFor="f-note">{pending.kind === 'notify' ? t('dlg.note') : t('dlg.reason')}</label>
            <input id="f-note" value={a} onChange={(e) => setA(e.target.value)} maxLength={500} autoComplete="off" data-autofocus={pending.kind !== 'extend' ? true : undefined} />
          </>
        ) : null}
        {pending.kind === 'address' ? ADDRESS_FIELDS.map((f, i) => (
          <div key={f} className="form-field">
            <label htmlFor={`f-addr-${f}`}>{t(`addr.${f}` as Key)}{missing.includes(f) ? ' *' : ''}</label>
            <input id={`f-addr-${f}`} aria-invalid={missing.includes(f) && !address[f]?.trim() ? true : undefined} value={address[f] ?? ''} onChange={(e) => setAddress({ ...address, [f]: e.target.value })} autoComplete="off" data-autofocus={i === 0 ? true : undefined} />
          </div>
        )) : null}
        <div className="dialog-buttons">
          <button type="submit" className="btn btn-big btn-primary"><Icon name="check" size={26} /> {t('dlg.save')}</button>
          <button type="button" className="btn btn-big" onClick={onClose}>{t('dlg.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}
