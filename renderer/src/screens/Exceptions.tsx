// Exceptions: everything that needs a person, each row saying what to do next and by when, with the action.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useDock, go, theApi, toCoreError } from '../store.ts';
import { useLang, useT } from '../useT.ts';
import { actionName, errorText, formatDate, formatDateZone, jobStateName, stateName, type CoreError, type Key } from '../i18n.ts';
import type React from 'react';
import { Dialog } from '../components/Dialog.tsx';
import { Icon } from '../components/Icon.tsx';
import { play } from '../sounds.ts';
import type { ExceptionRow } from '../../../electron/core/intake.ts';
import type { ClockStatus } from '../../../electron/core/clock.ts';
import type { CustodyRecord } from '../../../electron/core/model.ts';

type Pending =
  | { kind: 'destroy'; row: ExceptionRow }
  | { kind: 'extend'; row: ExceptionRow }
  | { kind: 'notify'; row: ExceptionRow }
  | { kind: 'cancel'; row: ExceptionRow }
  | { kind: 'address'; row: ExceptionRow }
  | { kind: 'resolveJob'; row: ExceptionRow }
  | { kind: 'resolveDrive'; row: ExceptionRow }
  | { kind: 'custody'; row: ExceptionRow }
  | { kind: 'contact'; row: ExceptionRow };

/** What a row is about, as its buttons and confirmations name it: the drive, else the job, else the box. */
export const subjectOf = (r: ExceptionRow): string => r.driveId ?? r.jobName ?? r.trackingNumber ?? '';

const ADDRESS_FIELDS = [
  'recipientName',
  'streetAddress1',
  'streetAddress2',
  'city',
  'stateOrProvince',
  'postalCode',
  'countryOrRegion',
  'phone',
  'email',
] as const;

export function useReloadOnChange(load: () => void): void {
  const tick = useDock((s) => s.changeTick);
  useEffect(() => {
    const h = setTimeout(load, tick ? 60 : 0); // coalesce a burst of changes into one reload
    return () => clearTimeout(h);
  }, [tick, load]);
}

/** The first page the screen asks for; more pages come when staff ask for them. */
const PAGE = 50;

export function Exceptions() {
  const t = useT();
  const lang = useLang();
  const operator = useDock((s) => s.operator)!;
  const [rows, setRows] = useState<ExceptionRow[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [clock, setClock] = useState<ClockStatus | null>(null);
  const shown = useRef(PAGE);
  const [jobStates, setJobStates] = useState<Record<string, string>>({});
  const [error, setError] = useState<CoreError | null>(null);
  const [done, setDone] = useState<{ what: string; n: number } | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);

  // a reload reads again as many rows as are shown, so a change never shortens the list under the reader
  const load = useCallback(() => {
    theApi()
      .call('exceptions.list', { limit: Math.min(200, shown.current) })
      .then((p) => {
        setRows(p.rows);
        setNext(p.next);
        setClock(p.clock);
        setError(null);
      })
      .catch((e) => setError(toCoreError(e)));
  }, []);
  const more = () => {
    if (!next) return;
    theApi()
      .call('exceptions.list', { limit: PAGE, after: next })
      .then((p) => {
        setRows((r) => {
          const all = [...(r ?? []), ...p.rows];
          shown.current = Math.max(PAGE, all.length);
          return all;
        });
        setNext(p.next);
        setClock(p.clock);
      })
      .catch((e) => setError(toCoreError(e)));
  };
  useReloadOnChange(load);

  // a held drive whose job is on record: the row names the job's state now (asked, not guessed)
  useEffect(() => {
    const names = [...new Set((rows ?? []).filter((r) => r.action === 'releaseHold' && r.jobName).map((r) => r.jobName!))];
    if (!names.length) return;
    void Promise.all(
      names.map((n) =>
        theApi()
          .call('jobs.get', { name: n })
          .then((j): [string, string] => [n, j.properties.state])
          .catch(() => null),
      ),
    ).then((pairs) => setJobStates(Object.fromEntries(pairs.filter((p): p is [string, string] => p !== null))));
  }, [rows]);

  const run = async (what: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
      play('accepted');
      setDone((d) => ({ what, n: (d?.n ?? 0) + 1 }));
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
      void run(`${t('exc.act.releaseHold')} — ${subjectOf(row)}`, () =>
        theApi().call('packages.releaseHold', { operator, trackingNumber: row.trackingNumber! }),
      );
    } else if (action === 'recordDestruction') setPending({ kind: 'destroy', row });
    else if (action === 'extendWait') setPending({ kind: 'extend', row });
    else if (action === 'notifyCustomer') setPending({ kind: 'notify', row });
    else if (action === 'cancel') setPending({ kind: 'cancel', row });
    else if (action === 'updateJob') setPending({ kind: 'address', row });
    else if (action === 'resolveJob') setPending({ kind: 'resolveJob', row });
    else if (action === 'resolveDrive') setPending({ kind: 'resolveDrive', row });
    else if (action === 'recordContact') setPending({ kind: 'contact', row });
  };

  /** English shows the core's own words; other languages translate by the row's kind. */
  const nextText = (r: ExceptionRow): string => {
    if (lang === 'en') return r.next;
    if (r.action === 'releaseHold')
      return t('exc.next.release', { job: r.jobName ?? '', state: jobStateName(lang, jobStates[r.jobName ?? ''] ?? '') });
    if (r.kind === 'held') return r.next.startsWith('Return') ? t('exc.next.heldReturn') : t('exc.next.held');
    if (r.kind === 'addressMissing' && r.action === 'updateJob') return t('exc.next.addressReached');
    if (r.kind === 'addressMissing' && r.action === 'recordDestruction') return t('exc.next.addressUnreachable');
    if (r.kind === 'addressMissing') {
      const m = /missing: ([^)]*)\)/.exec(r.next);
      const fields = (m?.[1] ?? '')
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean)
        .map((f) => ((ADDRESS_FIELDS as readonly string[]).includes(f) ? t(`addr.${f}` as Key) : f));
      return t('exc.next.addressMissing', { fields: fields.join('、') });
    }
    if (r.kind === 'faultedJob' || r.kind === 'faultedDrive') {
      const m = /^Faulted \((.*)\): .*resolve back to (\S+?)(?: once fixed)?\.$/.exec(r.next);
      return t(`exc.next.${r.kind}`, { reason: m?.[1] ?? '', state: m ? stateName(lang, m[2]!) : '' });
    }
    return t(`exc.next.${r.kind}` as Key);
  };

  /** The buttons of a row, each named with what it acts on ("Open job hanriver-imp-00006"). */
  const actions = (r: ExceptionRow) => {
    const who = subjectOf(r);
    const out: React.ReactNode[] = [];
    if (r.action) {
      out.push(
        <button
          key="main"
          type="button"
          className="btn btn-primary"
          onClick={() => act(r, r.action!)}
          data-testid={`act-${r.action}`}
          aria-label={`${t(`exc.act.${r.action}` as Key)} ${who}`}
        >
          {t(`exc.act.${r.action}` as Key)}
        </button>,
      );
    }
    if (r.kind === 'packageOverdue' || r.kind === 'customerNotified') {
      if (r.action !== 'extendWait')
        out.push(
          <button
            key="ext"
            type="button"
            className="btn"
            onClick={() => act(r, 'extendWait')}
            aria-label={`${t('exc.act.extendWait')} ${who}`}
          >
            {t('exc.act.extendWait')}
          </button>,
        );
      out.push(
        <button key="cancel" type="button" className="btn" onClick={() => act(r, 'cancel')} aria-label={`${t('exc.act.cancel')} ${who}`}>
          {t('exc.act.cancel')}
        </button>,
      );
    }
    // a held drive (or an empty held box) not to be released goes back to the customer from Packaging
    if ((r.kind === 'held' || r.kind === 'destructionDue' || r.kind === 'heldPackage') && r.action !== 'releaseHold') {
      out.push(
        <button
          key="ret"
          type="button"
          className="btn"
          onClick={() => go('packaging')}
          aria-label={`${t('exc.act.returnPackaging')} ${who}`}
        >
          {t('exc.act.returnPackaging')}
        </button>,
      );
    }
    // a corrected address may come before anyone is reached (the customer wrote): it can always be entered
    if (r.kind === 'addressMissing' && r.action !== 'updateJob') {
      out.push(
        <button
          key="addr"
          type="button"
          className="btn"
          onClick={() => act(r, 'updateJob')}
          aria-label={`${t('exc.act.updateJob')} ${who}`}
        >
          {t('exc.act.updateJob')}
        </button>,
      );
    }
    if (r.kind === 'heldPackage') {
      out.push(
        <button
          key="cust"
          type="button"
          className="btn"
          onClick={() => setPending({ kind: 'custody', row: r })}
          aria-label={`${t('exc.act.custody')} ${who}`}
        >
          {t('exc.act.custody')}
        </button>,
      );
    }
    if (!r.action && r.jobName && r.kind !== 'heldPackage') {
      out.push(
        <button
          key="open"
          type="button"
          className="btn"
          onClick={() => go('jobs', r.jobName)}
          aria-label={`${t('exc.act.open')} ${r.jobName}`}
        >
          {t('exc.act.open')}
        </button>,
      );
    }
    return out;
  };

  return (
    <div className="exceptions" data-testid="exceptions-screen">
      <header className="screen-head">
        <h1>{t('exc.title')}</h1>
        {rows ? (
          <span className="screen-count" data-testid="exceptions-count">
            {rows.length ? t(next ? 'exc.countMore' : 'exc.count', { n: rows.length }) : ''}
          </span>
        ) : null}
        <button type="button" className="btn" onClick={load}>
          {t('exc.refresh')}
        </button>
      </header>
      <div className="toast-area" aria-live="polite">
        {error && !pending ? (
          <p className="form-error toast" role="alert" data-tone="rejected">
            {errorText(lang, error)}
          </p>
        ) : null}
        {done && !error ? (
          <p key={done.n} className="form-ok toast" role="status" data-tone="accepted" data-testid="exc-done">
            {t('exc.done', { what: done.what })}
          </p>
        ) : null}
      </div>
      {clock && clock.state !== 'ok' ? <ClockBanner clock={clock} operator={operator} onDone={load} /> : null}
      {rows && rows.length === 0 ? <p className="empty">{t('exc.empty')}</p> : null}
      {rows && rows.length ? (
        <table className="table exc-table" data-testid="exc-table">
          <colgroup>
            <col className="exc-col-kind" />
            <col className="exc-col-subject" />
            <col className="exc-col-next" />
            <col className="exc-col-due" />
            <col className="exc-col-act" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t('exc.kind')}</th>
              <th scope="col">{t('exc.subject')}</th>
              <th scope="col">{t('exc.next')}</th>
              <th scope="col">{t('exc.due')}</th>
              <th scope="col">{t('exc.action')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              // the station's clock decides what is overdue, not this one's
              const overdue = r.overdue;
              return (
                <tr
                  key={`${r.kind}-${r.driveId ?? ''}-${r.jobName ?? ''}-${i}`}
                  className={`exc exc-${r.kind}`}
                  data-kind={r.kind}
                  data-serial={r.driveId ?? ''}
                  data-job={r.jobName ?? ''}
                  data-tracking={r.trackingNumber ?? ''}
                >
                  <td>
                    <span className={`chip chip-exc-${r.kind}`}>{t(`exc.kind.${r.kind}` as Key)}</span>
                  </td>
                  <td className="exc-subject">
                    {r.driveId ? <div className="mono big">{r.driveId}</div> : null}
                    {r.jobName ? (
                      <button type="button" className="link" onClick={() => go('jobs', r.jobName)}>
                        {r.jobName}
                      </button>
                    ) : null}
                    {r.trackingNumber ? <div className="mono muted">{r.trackingNumber}</div> : null}
                  </td>
                  <td className="exc-next">{nextText(r)}</td>
                  <td className={overdue ? 'exc-due overdue' : 'exc-due'}>
                    {r.dueAt ? (
                      <>
                        {formatDate(lang, r.dueAt)}
                        {overdue ? <strong className="overdue-tag"> {t('exc.overdue')}</strong> : null}
                      </>
                    ) : (
                      <span className="muted">{t('exc.noDeadline')}</span>
                    )}
                  </td>
                  <td>
                    <div className="exc-actions">{actions(r)}</div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {next ? (
        <button type="button" className="btn" onClick={more} data-testid="exc-more">
          {t('exc.more')}
        </button>
      ) : null}
      {pending ? (
        <ActionDialog
          pending={pending}
          onClose={() => {
            setPending(null);
            setError(null);
          }}
          run={run}
          operator={operator}
          error={error ? errorText(lang, error) : null}
        />
      ) : null}
    </div>
  );
}

function ActionDialog({
  pending,
  onClose,
  run,
  operator,
  error,
}: {
  pending: Pending;
  onClose: () => void;
  run: (what: string, fn: () => Promise<unknown>) => Promise<void>;
  operator: string;
  error: string | null;
}) {
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
    theApi()
      .call('jobs.get', { name: job })
      .then((j) => {
        const have = j.properties.returnAddress ?? {};
        setAddress(Object.fromEntries(Object.entries(have).filter(([, v]) => typeof v === 'string')));
        setMissing(j.dock.missingAddressFields);
      })
      .catch(() => {});
  }, [pending.kind, job]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    switch (pending.kind) {
      case 'destroy':
        return void run(`${t('exc.act.recordDestruction')} — ${subjectOf(row)}`, () =>
          theApi().call('drives.destroy', {
            operator,
            driveIds: row.driveId ? [row.driveId] : (row.driveIds ?? []),
            method: a,
            witness: b,
          }),
        );
      case 'contact':
        return;
      case 'extend':
        return void run(`${t('exc.act.extendWait')} — ${job}`, () =>
          theApi().call('jobs.extendWait', { operator, name: job, days: Number(days), ...(a ? { reason: a } : {}) }),
        );
      case 'notify':
        return void run(`${t('exc.act.notifyCustomer')} — ${job}`, () =>
          theApi().call('jobs.notifyCustomer', { operator, name: job, ...(a ? { note: a } : {}) }),
        );
      case 'cancel':
        return void run(`${t('exc.act.cancel')} — ${job}`, () =>
          theApi().call('jobs.cancel', { operator, name: job, ...(a ? { reason: a } : {}) }),
        );
      case 'resolveJob':
        return void run(`${t('exc.act.resolveJob')} — ${job}`, () => theApi().call('jobs.resolve', { operator, name: job, reason: a }));
      case 'resolveDrive':
        return void run(`${t('exc.act.resolveDrive')} — ${row.driveId ?? ''}`, () =>
          theApi().call('drives.resolve', { operator, driveId: row.driveId!, reason: a }),
        );
      case 'custody':
        return onClose();
      case 'address': {
        const patch = Object.fromEntries(Object.entries(address).filter(([, v]) => v.trim()));
        return void run(`${t('exc.act.updateJob')} — ${job}`, () =>
          theApi().call('jobs.update', { operator, name: job, patch: { returnAddress: patch } }),
        );
      }
    }
  };

  const contact = (reached: boolean) =>
    void run(`${t('exc.act.recordContact')} — ${job}`, () =>
      theApi().call('jobs.recordContact', { operator, name: job, reached, ...(a ? { note: a } : {}) }),
    );
  const title =
    pending.kind === 'destroy'
      ? row.driveId
        ? t('dlg.destroy.title', { serial: row.driveId })
        : t('dlg.destroyJob.title', { job })
      : pending.kind === 'contact'
        ? t('dlg.contact.title', { job })
        : pending.kind === 'extend'
          ? t('dlg.extend.title', { job })
          : pending.kind === 'notify'
            ? t('dlg.notify.title', { job })
            : pending.kind === 'cancel'
              ? t('dlg.cancelJob.title', { job })
              : pending.kind === 'resolveJob'
                ? t('dlg.resolveJob.title', { job })
                : pending.kind === 'resolveDrive'
                  ? t('dlg.resolveDrive.title', { serial: row.driveId ?? '' })
                  : pending.kind === 'custody'
                    ? t('dlg.custody.title', { tracking: row.trackingNumber ?? '' })
                    : t('dlg.address.title', { job });

  return (
    <Dialog
      title={title}
      onClose={onClose}
      tone={pending.kind === 'destroy' || pending.kind === 'cancel' ? 'danger' : 'neutral'}
      testId={`dialog-${pending.kind}`}
    >
      <form onSubmit={submit} className="form">
        {error ? (
          <p className="form-error" role="alert" data-tone="rejected">
            {error}
          </p>
        ) : null}
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
            <input
              id="f-days"
              type="number"
              min={1}
              max={90}
              value={days}
              onChange={(e) => setDays(e.target.value)}
              required
              data-autofocus
            />
          </>
        ) : null}
        {pending.kind === 'destroy' && !row.driveId ? <p className="mono">{(row.driveIds ?? []).join(', ')}</p> : null}
        {pending.kind === 'extend' || pending.kind === 'notify' || pending.kind === 'cancel' || pending.kind === 'contact' ? (
          <>
            <label htmlFor="f-note">{pending.kind === 'notify' ? t('dlg.note') : t('dlg.reason')}</label>
            <input
              id="f-note"
              value={a}
              onChange={(e) => setA(e.target.value)}
              maxLength={500}
              autoComplete="off"
              data-autofocus={pending.kind !== 'extend' ? true : undefined}
            />
          </>
        ) : null}
        {pending.kind === 'resolveJob' || pending.kind === 'resolveDrive' ? (
          <>
            <label htmlFor="f-reason">{t('dlg.resolve.reason')}</label>
            <input
              id="f-reason"
              value={a}
              onChange={(e) => setA(e.target.value)}
              required
              maxLength={500}
              autoComplete="off"
              data-autofocus
            />
          </>
        ) : null}
        {pending.kind === 'custody' ? <PackageCustody tracking={row.trackingNumber ?? ''} /> : null}
        {pending.kind === 'address'
          ? ADDRESS_FIELDS.map((f, i) => (
              <div key={f} className="form-field">
                <label htmlFor={`f-addr-${f}`}>
                  {t(`addr.${f}` as Key)}
                  {missing.includes(f) ? ' *' : ''}
                </label>
                <input
                  id={`f-addr-${f}`}
                  aria-invalid={missing.includes(f) && !address[f]?.trim() ? true : undefined}
                  value={address[f] ?? ''}
                  onChange={(e) => setAddress({ ...address, [f]: e.target.value })}
                  autoComplete="off"
                  data-autofocus={i === 0 ? true : undefined}
                />
              </div>
            ))
          : null}
        <div className="dialog-buttons">
          {pending.kind === 'contact' ? (
            <>
              <button type="button" className="btn btn-big btn-primary" onClick={() => contact(true)} data-testid="contact-reached">
                {t('dlg.contact.reached')}
              </button>
              <button type="button" className="btn btn-big" onClick={() => contact(false)} data-testid="contact-unreachable">
                {t('dlg.contact.unreachable')}
              </button>
              <button type="button" className="btn btn-big" onClick={onClose}>
                {t('dlg.cancel')}
              </button>
            </>
          ) : pending.kind === 'custody' ? (
            <button type="submit" className="btn btn-big btn-primary" data-autofocus>
              {t('dlg.close')}
            </button>
          ) : (
            <>
              <button type="submit" className="btn btn-big btn-primary">
                <Icon name="check" size={26} /> {t('dlg.save')}
              </button>
              <button type="button" className="btn btn-big" onClick={onClose}>
                {t('dlg.cancel')}
              </button>
            </>
          )}
        </div>
      </form>
    </Dialog>
  );
}

/** The custody records of one box, newest first: who opened it, when, what happened since. */
function PackageCustody({ tracking }: { tracking: string }) {
  const t = useT();
  const lang = useLang();
  const [recs, setRecs] = useState<CustodyRecord[] | null>(null);
  useEffect(() => {
    theApi()
      .call('custody.list', { trackingNumber: tracking, limit: 50 })
      .then(setRecs)
      .catch(() => setRecs([]));
  }, [tracking]);
  if (!recs) return null;
  if (!recs.length) return <p className="muted">—</p>;
  return (
    <table className="table custody-table" data-testid="package-custody">
      <thead>
        <tr>
          <th scope="col">{t('job.col.when')}</th>
          <th scope="col">{t('job.col.who')}</th>
          <th scope="col">{t('job.col.what')}</th>
          <th scope="col">{t('job.col.subject')}</th>
        </tr>
      </thead>
      <tbody>
        {recs.map((c) => (
          <tr key={c.seq}>
            <td className="nowrap">{formatDateZone(lang, c.at)}</td>
            <td>{c.operator}</td>
            <td>{actionName(lang, c.action)}</td>
            <td className="mono">{c.driveId ?? c.trackingNumber ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The station does not trust its clock: what it says, and for a jump, the date to confirm. */
function ClockBanner({ clock, operator, onDone }: { clock: Exclude<ClockStatus, { state: 'ok' }>; operator: string; onDone: () => void }) {
  const t = useT();
  const lang = useLang();
  const [date, setDate] = useState('');
  const [error, setError] = useState<CoreError | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    theApi()
      .call('clock.confirm', { operator, date: date.trim() })
      .then(() => {
        play('accepted');
        setError(null);
        onDone();
      })
      .catch((x) => {
        play('rejected');
        setError(toCoreError(x));
      });
  };
  return (
    <div className="clock-banner" role="alert" data-testid="clock-banner" data-clock={clock.state}>
      <p>
        {clock.state === 'behind'
          ? t('exc.clock.behind', { now: formatDate(lang, clock.now, true), last: formatDate(lang, clock.lastRecordAt, true) })
          : t('exc.clock.jumped', { now: formatDate(lang, clock.now, true), expected: formatDate(lang, clock.expected, true) })}
      </p>
      {clock.state === 'jumped' ? (
        <form onSubmit={submit} className="form-inline">
          <label htmlFor="f-clock-date">{t('exc.clock.date')}</label>
          <input
            id="f-clock-date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
            placeholder="YYYY-MM-DD"
            required
            autoComplete="off"
          />
          <button type="submit" className="btn btn-primary" data-testid="clock-confirm">
            {t('exc.clock.confirm')}
          </button>
        </form>
      ) : null}
      {error ? (
        <p className="form-error" role="alert" data-tone="rejected">
          {errorText(lang, error)}
        </p>
      ) : null}
    </div>
  );
}
