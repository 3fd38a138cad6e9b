// Exceptions: everything that needs a person, each row saying what to do next and by when, with the action.
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useDock, go, theApi, toCoreError } from '../store.ts';
import { useLang, useT } from '../useT.ts';
import { actionName, errorText, formatDate, formatDateZone, jobStateName, stateName, type CoreError, type Key } from '../i18n.ts';
import { stepKey, useExcT } from '../i18n-exceptions.ts';
import { openHeldReturn, scanElsewhere, useScanHandler } from '../routing.ts';
import './exceptions.css';
import { Dialog } from '../components/Dialog.tsx';
import { Icon } from '../components/Icon.tsx';
import { play } from '../sounds.ts';
import type { ExceptionGroup, ExceptionKind, ExceptionOffer, ExceptionRow } from '../../../electron/core/intake.ts';
import type { ExceptionDue } from '../../../electron/core/queries/exceptions.ts';
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

/** A list's rows to come, and how they are given. */
function deferredRows(): { promise: Promise<ExceptionRow[]>; resolve: (rows: ExceptionRow[]) => void } {
  let resolve: (rows: ExceptionRow[]) => void = () => {};
  const promise = new Promise<ExceptionRow[]>((r) => (resolve = r));
  return { promise, resolve: (rows) => resolve(rows) };
}

/** The first page the screen asks for (jobs, each with all its rows); more pages come when staff ask for them. */
const PAGE = 25;

type DueFilter = '' | ExceptionDue;
/** Every kind, in the list's order (a kind left out here does not compile). */
const KIND_ORDER: Record<ExceptionKind, number> = {
  destructionDue: 0,
  held: 1,
  addressMissing: 2,
  packageOverdue: 3,
  customerNotified: 4,
  heldPackage: 5,
  faultedJob: 6,
  faultedDrive: 7,
  otherJobPackage: 8,
  neverReceived: 9,
  extraDrive: 10,
};
const EXCEPTION_KIND_LIST = (Object.keys(KIND_ORDER) as ExceptionKind[]).sort((a, b) => KIND_ORDER[a] - KIND_ORDER[b]);
const DUE_FILTERS: DueFilter[] = ['', 'overdue', 'today', 'week'];

/** A row's step in the screen's language: the core sends a code, names, serials and dates; fields and states are worded here. */
function useStepText() {
  const lang = useLang();
  const t = useT();
  const et = useExcT();
  return (step: ExceptionRow['step']): string => {
    const p = step.params;
    const fields = (p.fields ?? '')
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean)
      .map((f) => ((ADDRESS_FIELDS as readonly string[]).includes(f) ? t(`addr.${f}` as Key) : f))
      .join(lang === 'en' ? ', ' : '、');
    const state = p.state ? (step.code === 'releaseHold' ? jobStateName(lang, p.state) : stateName(lang, p.state)) : '';
    return et(stepKey(step.code), { ...p, fields, state, reason: p.reason || '—', why: p.why || '—' });
  };
}

export function Exceptions() {
  const t = useT();
  const et = useExcT();
  const lang = useLang();
  const stepText = useStepText();
  const operator = useDock((s) => s.operator)!;
  const [groups, setGroups] = useState<ExceptionGroup[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [clock, setClock] = useState<ClockStatus | null>(null);
  const [due, setDue] = useState<DueFilter>('');
  const [kind, setKind] = useState<ExceptionKind | ''>('');
  const shown = useRef(PAGE);
  const [error, setError] = useState<CoreError | null>(null);
  const [done, setDone] = useState<{ what: string; n: number } | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [found, setFound] = useState<{ serial: string; n: number } | null>(null);
  const [scanNote, setScanNote] = useState<{ text: string; tone: 'notice' | 'rejected'; n: number } | null>(null);

  const filter = useCallback(() => ({ by: 'job' as const, ...(due ? { due } : {}), ...(kind ? { kinds: [kind] } : {}) }), [due, kind]);
  // the rows of the first answer, for a scan that comes before it (a store that answers in tens of ms)
  const [firstRows] = useState(deferredRows);
  // a reload reads again as many jobs as are shown, so a change never shortens the list under the reader
  const load = useCallback(() => {
    theApi()
      .call('exceptions.list', { limit: Math.min(200, shown.current), ...filter() })
      .then((p) => {
        setGroups(p.groups ?? []);
        setNext(p.next);
        setClock(p.clock);
        setError(null);
        firstRows.resolve((p.groups ?? []).flatMap((g) => g.rows));
      })
      .catch((e) => {
        setError(toCoreError(e));
        firstRows.resolve([]);
      });
  }, [filter, firstRows]);
  const more = () => {
    if (!next) return;
    theApi()
      .call('exceptions.list', { limit: PAGE, after: next, ...filter() })
      .then((p) => {
        setGroups((g) => {
          const all = [...(g ?? []), ...(p.groups ?? [])];
          shown.current = Math.max(PAGE, all.length);
          return all;
        });
        setNext(p.next);
        setClock(p.clock);
      })
      .catch((e) => setError(toCoreError(e)));
  };
  useReloadOnChange(load);
  const rows = useMemo(() => (groups ?? []).flatMap((g) => g.rows), [groups]);

  // a drive scanned here opens its row: shown, in view and marked; a box opens on Receive, a job label its job
  const onScan = (code: string, shownRows: readonly ExceptionRow[]) => {
    const q = code.trim().toUpperCase();
    const row = shownRows.find((r) => r.driveId === q);
    if (row) {
      play('notice');
      setFound((f) => ({ serial: q, n: (f?.n ?? 0) + 1 }));
      setScanNote({ text: et('scan.shown', { serial: q }), tone: 'notice', n: Date.now() });
      return;
    }
    void scanElsewhere(code, (what) => {
      if (what.kind === 'drive') {
        // a drive not on the page shown: its job has the rest (its row, if any, is under the job when filtered out)
        if (what.jobName) return go('jobs', what.jobName);
        play('rejected');
        setScanNote({ text: et('scan.notListed', { code: q }), tone: 'rejected', n: Date.now() });
        return;
      }
      play('rejected');
      setScanNote({ text: et('scan.unknown', { code: q }), tone: 'rejected', n: Date.now() });
    });
  };
  useScanHandler('exceptions', (code) => {
    // scanned as the screen opens: its row is looked for in the list once it is there, not in none
    if (groups === null) void firstRows.promise.then((list) => onScan(code, list));
    else onScan(code, rows);
  });
  useEffect(() => {
    if (!found) return;
    const el = document.querySelector<HTMLElement>(`tr[data-serial="${CSS.escape(found.serial)}"]`);
    el?.scrollIntoView({ block: 'center' });
    el?.focus({ preventScroll: true });
  }, [found]);

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

  const act = (row: ExceptionRow, offer: ExceptionOffer) => {
    switch (offer) {
      case 'releaseHold':
        return void run(`${t('exc.act.releaseHold')} — ${subjectOf(row)}`, () =>
          theApi().call('packages.releaseHold', { operator, trackingNumber: row.trackingNumber! }),
        );
      case 'recordDestruction':
        return setPending({ kind: 'destroy', row });
      case 'extendWait':
        return setPending({ kind: 'extend', row });
      case 'notifyCustomer':
        return setPending({ kind: 'notify', row });
      case 'cancel':
        return setPending({ kind: 'cancel', row });
      case 'updateJob':
        return setPending({ kind: 'address', row });
      case 'resolveJob':
        return setPending({ kind: 'resolveJob', row });
      case 'resolveDrive':
        return setPending({ kind: 'resolveDrive', row });
      case 'recordContact':
        return setPending({ kind: 'contact', row });
      case 'custody':
        return setPending({ kind: 'custody', row });
      case 'returnHeld':
        return openHeldReturn(row.driveId!);
      case 'openJob':
        return go('jobs', row.jobName);
    }
  };

  const offerName = (o: ExceptionOffer): string =>
    o === 'returnHeld' ? et('act.returnHeld') : o === 'openJob' ? et('act.openJob') : t(`exc.act.${o}` as Key);

  /** The buttons of a row, each named with what it acts on ("Open job hanriver-imp-00006"); the main one first. */
  const actions = (r: ExceptionRow, inJob: boolean) => {
    const who = subjectOf(r);
    // in a job's group the job is opened from its head line: a button per row would say the same again
    return r.offers
      .filter((o) => !(inJob && o === 'openJob'))
      .map((o, i) => (
        <button
          key={o}
          type="button"
          className={i === 0 && o !== 'openJob' ? 'btn btn-primary' : 'btn'}
          onClick={() => act(r, o)}
          data-testid={i === 0 && r.action === o ? `act-${o}` : `offer-${o}`}
          data-offer={o}
          aria-label={`${offerName(o)} ${o === 'openJob' ? (r.jobName ?? '') : who}`}
        >
          {offerName(o)}
        </button>
      ));
  };
  const heldBack = clock !== null && clock.state !== 'ok';
  const filtered = due !== '' || kind !== '';

  return (
    <div className="exceptions" data-testid="exceptions-screen">
      <header className="screen-head">
        <h1>{t('exc.title')}</h1>
        {groups ? (
          <span className="screen-count" data-testid="exceptions-count">
            {groups.length ? et(next ? 'count.jobsMore' : 'count.jobs', { n: groups.length }) : ''}
          </span>
        ) : null}
        <button type="button" className="btn" onClick={load}>
          {t('exc.refresh')}
        </button>
      </header>
      <div className="exc-filters" role="group" aria-label={et('filter.label')}>
        <span className="exc-filter-label">{et('filter.label')}</span>
        {DUE_FILTERS.map((f) => (
          <button
            key={f || 'all'}
            type="button"
            className={`btn btn-small ${due === f ? 'btn-primary' : ''}`}
            aria-pressed={due === f}
            onClick={() => {
              shown.current = PAGE;
              setDue(f);
            }}
            data-testid={`filter-${f || 'all'}`}
          >
            {et(f ? `filter.${f}` : 'filter.all')}
          </button>
        ))}
        <label htmlFor="exc-kind" className="exc-filter-label">
          {et('filter.kind')}
        </label>
        <select
          id="exc-kind"
          value={kind}
          onChange={(e) => {
            shown.current = PAGE;
            setKind(e.target.value as ExceptionKind | '');
          }}
          data-testid="filter-kind"
        >
          <option value="">{et('filter.allKinds')}</option>
          {EXCEPTION_KIND_LIST.map((k) => (
            <option key={k} value={k}>
              {t(`exc.kind.${k}` as Key)}
            </option>
          ))}
        </select>
      </div>
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
        {scanNote && !error ? (
          <p
            key={scanNote.n}
            className={`${scanNote.tone === 'rejected' ? 'form-error' : 'form-ok'} toast`}
            role={scanNote.tone === 'rejected' ? 'alert' : 'status'}
            data-testid="exc-scan-note"
            data-tone={scanNote.tone}
          >
            {scanNote.text}
          </p>
        ) : null}
      </div>
      {clock && clock.state !== 'ok' ? <ClockBanner clock={clock} operator={operator} onDone={load} /> : null}
      {groups && groups.length === 0 ? <p className="empty">{filtered ? et('filter.none') : t('exc.empty')}</p> : null}
      {groups && groups.length ? (
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
          {groups.map((g) => (
            <tbody key={g.key} className="exc-group" data-group={g.key} data-job={g.jobName ?? ''}>
              {g.jobName ? (
                <tr className="exc-group-head" data-testid="exc-group-head">
                  <th scope="rowgroup" colSpan={5}>
                    <div className="exc-group-line">
                      <button
                        type="button"
                        className="link code"
                        onClick={() => go('jobs', g.jobName)}
                        aria-label={`${et('act.openJob')} ${g.jobName}`}
                      >
                        {g.jobName}
                      </button>
                      {g.jobState ? <span className={`chip chip-job-${g.jobState}`}>{jobStateName(lang, g.jobState)}</span> : null}
                      <span className="exc-contact" data-testid="exc-contact">
                        <span className="muted">{et('group.contact')}</span>{' '}
                        {g.contact && (g.contact.name || g.contact.phone || g.contact.email) ? (
                          <>
                            {g.contact.name ? <strong>{g.contact.name}</strong> : null}
                            {g.contact.phone ? (
                              <a className="code" href={`tel:${g.contact.phone}`}>
                                {g.contact.phone}
                              </a>
                            ) : null}
                            {g.contact.email ? (
                              <a className="code" href={`mailto:${g.contact.email}`}>
                                {g.contact.email}
                              </a>
                            ) : null}
                          </>
                        ) : (
                          <span className="muted">{et('group.noContact')}</span>
                        )}
                      </span>
                      {g.step ? (
                        <strong className="exc-group-step" data-testid="exc-group-step">
                          {et('group.contactOnce', { n: g.step.params.n ?? '' })}
                        </strong>
                      ) : null}
                    </div>
                  </th>
                </tr>
              ) : (
                <tr className="exc-group-head exc-group-nojob" data-testid="exc-group-head">
                  <th scope="rowgroup" colSpan={5}>
                    <div className="exc-group-line">
                      <strong>{et('group.noJob')}</strong>
                      {g.rows[0]?.trackingNumber ? <span className="code muted">{g.rows[0].trackingNumber}</span> : null}
                    </div>
                  </th>
                </tr>
              )}
              {g.rows.map((r, i) => (
                <tr
                  key={`${r.kind}-${r.driveId ?? ''}-${r.jobName ?? ''}-${r.trackingNumber ?? ''}-${i}`}
                  className={`exc exc-${r.kind} ${found && found.serial === r.driveId ? 'exc-found' : ''}`}
                  tabIndex={found && found.serial === r.driveId ? -1 : undefined}
                  data-kind={r.kind}
                  data-serial={r.driveId ?? ''}
                  data-job={r.jobName ?? ''}
                  data-tracking={r.trackingNumber ?? ''}
                  data-step={r.step.code}
                >
                  <td>
                    <span className={`chip chip-exc-${r.kind}`}>{t(`exc.kind.${r.kind}` as Key)}</span>
                  </td>
                  <td className="exc-subject">
                    {r.driveId ? <div className="mono big code">{r.driveId}</div> : null}
                    {r.jobName && !g.jobName ? (
                      <button type="button" className="link code" onClick={() => go('jobs', r.jobName)}>
                        {r.jobName}
                      </button>
                    ) : null}
                    {!r.driveId && g.jobName ? <div className="code">{r.jobName}</div> : null}
                    {r.trackingNumber ? <div className="mono muted code">{r.trackingNumber}</div> : null}
                  </td>
                  <td className="exc-next">{stepText(r.step)}</td>
                  <td className={r.overdue ? 'exc-due overdue' : 'exc-due'}>
                    {r.dueAt ? (
                      <>
                        <span className="code">{formatDate(lang, r.dueAt)}</span>
                        {r.overdue ? <strong className="overdue-tag"> {t('exc.overdue')}</strong> : null}
                      </>
                    ) : (
                      <span className="muted">{t('exc.noDeadline')}</span>
                    )}
                  </td>
                  <td>
                    <div className="exc-actions">{actions(r, g.jobName !== null)}</div>
                    {heldBack ? (
                      <p className="exc-heldback muted" data-testid="exc-held-back">
                        {et('heldBack')}
                      </p>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      ) : null}
      {next ? (
        <button type="button" className="btn" onClick={more} data-testid="exc-more">
          {t('exc.more')}
        </button>
      ) : null}
      <p className="muted exc-scan-hint">{et('scan.hint')}</p>
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
