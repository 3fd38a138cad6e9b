// Jobs: search on the station (name prefix, tracking number, drive serial), a page at a time; a job page
// with the job view, its drives and copy status, what may happen next, and the custody timeline as CSV.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useDock, dock, go, theApi, toCoreError } from '../store.ts';
import { scanElsewhere, useScanHandler } from '../routing.ts';
import { play } from '../sounds.ts';
import { useLang, useT } from '../useT.ts';
import {
  actionName,
  copyStatusName,
  driveStateName,
  errorText,
  formatDate,
  formatDateZone,
  jobStateName,
  jobTypeName,
  stateName,
  type CoreError,
  type Key,
} from '../i18n.ts';
import { possibilityText } from '../i18n-rules.ts';
import { useReloadOnChange } from './Exceptions.tsx';
import { Icon } from '../components/Icon.tsx';
import { ExportDialog, ImportDialog, ReportsDialog, useFileDrop } from './DataIO.tsx';
import { useDt } from '../i18n-dataio.ts';
import type { JobSearchResult } from '../../../electron/api/contract.ts';
import { custodyReason, moreActionName } from '../i18n-scan.ts';
import { JOB_STATES, type CustodyRecord, type DriveView, type JobView } from '../../../electron/core/model.ts';
import type { Possibility } from '../../../electron/core/rules.ts';

const PAGE = 50;

export function Jobs() {
  const jobName = useDock((s) => s.jobName);
  return jobName ? <JobPage name={jobName} /> : <JobList />;
}

function JobList() {
  const t = useT();
  const lang = useLang();
  const q = useDock((s) => s.jobsQuery);
  const [draft, setDraft] = useState(q.query);
  const [result, setResult] = useState<JobSearchResult | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const dt = useDt();
  const [open, setOpen] = useState<'import' | 'export' | 'reports' | null>(null);
  const [dropped, setDropped] = useState<File[] | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const drop = useFileDrop((files) => {
    setDropped(files);
    setOpen('import');
  });
  const toggle = (name: string) =>
    setChosen((c) => {
      const next = new Set(c);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });

  const load = useCallback(() => {
    theApi()
      .call('jobs.search', {
        ...(q.query ? { query: q.query } : {}),
        ...(q.state ? { state: q.state } : {}),
        limit: PAGE,
        offset: q.offset,
      })
      .then((r) => {
        setResult(r);
        setError(null);
      })
      .catch((e) => setError(toCoreError(e)));
  }, [q]);
  useReloadOnChange(load);
  // a search set from outside the box (a scan, another screen) shows in the box
  const [draftOf, setDraftOf] = useState(q.query);
  if (draftOf !== q.query) {
    setDraftOf(q.query);
    setDraft(q.query);
  }
  useEffect(() => search.current?.focus(), []);

  const setQuery = (patch: Partial<typeof q>) => dock.set({ jobsQuery: { ...q, offset: 0, ...patch } });
  // a drive opens its job, a box opens on Receive, a job label its job; anything else is searched for
  useScanHandler(
    'jobs',
    (code) =>
      void scanElsewhere(code, (id) => {
        if (id.kind === 'drive' && id.jobName) {
          play('notice');
          return go('jobs', id.jobName);
        }
        play(id.kind === 'drive' ? 'notice' : 'rejected');
        setQuery({ query: code.trim() });
      }),
  );

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setQuery({ query: draft.trim() });
  };

  const total = result?.total ?? 0;
  return (
    <div className="jobs jobs-drop-target" data-testid="jobs-screen" {...drop.handlers}>
      {drop.over && !open ? (
        <div className="jobs-drop-overlay" data-testid="jobs-drop-overlay">
          {dt('dio.dropHere')}
        </div>
      ) : null}
      <header className="screen-head">
        <h1>{t('jobs.title')}</h1>
        {result ? (
          <span className="screen-count" data-testid="jobs-total">
            {total === 1 ? t('jobs.total1') : t('jobs.total', { total })}
          </span>
        ) : null}
        <div className="jobs-actions">
          <button
            type="button"
            className="btn"
            onClick={() => {
              setDropped(null);
              setOpen('import');
            }}
            data-testid="open-import"
          >
            {dt('dio.import')}
          </button>
          <button type="button" className="btn" onClick={() => setOpen('export')} data-testid="open-export">
            {dt('dio.export')}
          </button>
          <button type="button" className="btn" onClick={() => setOpen('reports')} data-testid="open-reports">
            {dt('dio.reports')}
          </button>
        </div>
      </header>
      {open === 'import' ? (
        <ImportDialog
          initial={dropped}
          onClose={() => {
            setOpen(null);
            setDropped(null);
            load();
          }}
        />
      ) : null}
      {open === 'export' ? <ExportDialog chosen={[...chosen].sort()} onClose={() => setOpen(null)} /> : null}
      {open === 'reports' ? <ReportsDialog onClose={() => setOpen(null)} /> : null}
      <form className="search" role="search" onSubmit={onSubmit}>
        <label htmlFor="job-search" className="sr-only">
          {t('jobs.search')}
        </label>
        <input
          id="job-search"
          ref={search}
          type="search"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder={t('jobs.search')}
          maxLength={64}
          autoComplete="off"
          spellCheck={false}
        />
        <label htmlFor="job-state" className="sr-only">
          {t('jobs.state')}
        </label>
        <select id="job-state" value={q.state} onChange={(e) => setQuery({ state: e.target.value })}>
          <option value="">{t('jobs.anyState')}</option>
          {JOB_STATES.map((s) => (
            <option key={s} value={s}>
              {jobStateName(lang, s)}
            </option>
          ))}
        </select>
        <button type="submit" className="btn">
          {t('jobs.searchButton')}
        </button>
      </form>
      {error ? (
        <p className="form-error" role="alert" data-tone="rejected">
          {errorText(lang, error)}
        </p>
      ) : null}
      {result && result.items.length === 0 ? <p className="empty">{t('jobs.none')}</p> : null}
      {result && result.items.length ? (
        <>
          <table className="table jobs-table" data-testid="jobs-table">
            <thead>
              <tr>
                <th scope="col" className="choose">
                  <input
                    type="checkbox"
                    aria-label={dt('dio.chooseAll')}
                    checked={result.items.every((j) => chosen.has(j.name))}
                    onChange={(e) =>
                      setChosen((c) => {
                        const next = new Set(c);
                        for (const j of result.items) {
                          if (e.target.checked) next.add(j.name);
                          else next.delete(j.name);
                        }
                        return next;
                      })
                    }
                  />
                </th>
                <th scope="col">{t('jobs.col.name')}</th>
                <th scope="col">{t('jobs.col.type')}</th>
                <th scope="col">{t('jobs.col.state')}</th>
                <th scope="col">{t('jobs.col.tracking')}</th>
                <th scope="col">{t('jobs.col.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((j) => (
                <tr key={j.name} data-job={j.name}>
                  <td className="choose">
                    <input
                      type="checkbox"
                      aria-label={dt('dio.choose', { name: j.name })}
                      checked={chosen.has(j.name)}
                      disabled={j.deleted}
                      onChange={() => toggle(j.name)}
                    />
                  </td>
                  <td>
                    <button type="button" className="link big" onClick={() => go('jobs', j.name)}>
                      {j.name}
                    </button>
                  </td>
                  <td>{jobTypeName(lang, j.jobType)}</td>
                  <td>
                    <span className={`chip chip-job-${j.state}`}>{jobStateName(lang, j.state)}</span>
                    {j.cancelRequested ? <span className="chip chip-Faulted">{t('jobs.cancelled')}</span> : null}
                    {j.deleted ? <span className="chip chip-NeverReceived">{t('jobs.deleted')}</span> : null}
                  </td>
                  <td className="mono">{j.trackingNumber ?? '—'}</td>
                  <td>{formatDate(lang, j.updatedAt, true)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav className="pager" aria-label={t('jobs.showing', { from: q.offset + 1, to: Math.min(q.offset + PAGE, total), total })}>
            <button
              type="button"
              className="btn"
              disabled={q.offset === 0}
              onClick={() => dock.set({ jobsQuery: { ...q, offset: Math.max(0, q.offset - PAGE) } })}
            >
              {t('jobs.prev')}
            </button>
            <span data-testid="jobs-showing">{t('jobs.showing', { from: q.offset + 1, to: Math.min(q.offset + PAGE, total), total })}</span>
            <button
              type="button"
              className="btn"
              disabled={q.offset + PAGE >= total}
              onClick={() => dock.set({ jobsQuery: { ...q, offset: q.offset + PAGE } })}
            >
              {t('jobs.next')}
            </button>
          </nav>
        </>
      ) : null}
    </div>
  );
}

function DriveTable({ drives, label }: { drives: DriveView[]; label: string }) {
  const t = useT();
  const lang = useLang();
  return (
    <table className="table drive-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{t('job.col.serial')}</th>
          <th scope="col">{t('job.col.state')}</th>
          <th scope="col">{t('job.col.copy')}</th>
          <th scope="col">{t('job.col.percent')}</th>
          <th scope="col">{t('job.col.bytes')}</th>
          <th scope="col">{t('job.col.received')}</th>
          <th scope="col">{t('job.col.logs')}</th>
        </tr>
      </thead>
      <tbody>
        {drives.map((d) => (
          <tr key={d.driveId} data-serial={d.driveId} data-state={d.state}>
            <td className="mono">{d.driveId}</td>
            <td>
              <span className={`chip chip-${d.held ? 'held' : d.state}`}>
                {driveStateName(lang, d.state)}
                {d.held ? ` · ${t('job.held')}` : ''}
              </span>
              {d.faultReason ? <div className="muted">{d.faultReason}</div> : null}
            </td>
            <td>{d.copyStatus ? copyStatusName(lang, d.copyStatus) : '—'}</td>
            <td>{d.percentComplete}%</td>
            <td>{d.bytesSucceeded.toLocaleString(lang)}</td>
            <td>{formatDate(lang, d.receivedAt, true)}</td>
            <td className="logs">
              {d.errorLogUri ? (
                <a href={d.errorLogUri} target="_blank" rel="noreferrer noopener">
                  {t('job.errorLog')}
                </a>
              ) : null}
              {d.verboseLogUri ? (
                <a href={d.verboseLogUri} target="_blank" rel="noreferrer noopener">
                  {t('job.verboseLog')}
                </a>
              ) : null}
              {!d.errorLogUri && !d.verboseLogUri ? '—' : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A download made in the page: no server round trip, no navigation. */
export function download(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function JobPage({ name }: { name: string }) {
  const t = useT();
  const lang = useLang();
  const [job, setJob] = useState<JobView | null>(null);
  const [custody, setCustody] = useState<CustodyRecord[]>([]);
  const [possible, setPossible] = useState<Possibility<string, string>[]>([]);
  const [error, setError] = useState<CoreError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [results, setResults] = useState(false);
  const dt = useDt();
  const heading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(() => {
    Promise.all([
      theApi().call('jobs.get', { name }),
      theApi().call('custody.list', { jobName: name, limit: 500 }),
      theApi().call('jobs.possibilities', { name }),
    ])
      .then(([j, c, p]) => {
        setJob(j);
        setCustody(c);
        setPossible(p);
        setError(null);
      })
      .catch((e) => setError(toCoreError(e)));
  }, [name]);
  useReloadOnChange(load);
  useEffect(() => heading.current?.focus(), [name]);

  const exportCsv = async () => {
    try {
      const r = await theApi().call('custody.csv', { jobName: name });
      download(r.filename, r.csv);
      setSaved(r.filename);
    } catch (e) {
      setError(toCoreError(e));
    }
  };

  const p = job?.properties;
  const addr = p?.returnAddress;
  return (
    <div className="job-page" data-testid="job-page" data-job={name}>
      <button type="button" className="btn" onClick={() => go('jobs')}>
        ← {t('job.back')}
      </button>
      <header className="screen-head">
        <h1 ref={heading} tabIndex={-1}>
          {t('job.title', { name })}
        </h1>
        {p ? (
          <span className={`chip chip-big chip-job-${p.state}`} data-testid="job-state">
            {jobStateName(lang, p.state)}
          </span>
        ) : null}
        {p?.cancelRequested ? <span className="chip chip-Faulted">{t('jobs.cancelled')}</span> : null}
        <button type="button" className="btn" onClick={() => void exportCsv()} data-testid="export-csv">
          {t('job.exportCsv')}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => setResults(true)}
          disabled={!job || Boolean(job.dock.deletedAt)}
          data-testid="export-results"
        >
          {dt('dio.export.thisJob')}
        </button>
      </header>
      {results ? <ExportDialog chosen={[name]} onClose={() => setResults(false)} /> : null}
      {error ? (
        <p className="form-error" role="alert" data-tone="rejected">
          {errorText(lang, error)}
        </p>
      ) : null}
      {saved ? (
        <p className="form-ok" role="status" data-testid="csv-saved">
          {t('job.exported', { file: saved })}
        </p>
      ) : null}
      {job && p ? (
        <>
          <dl className="facts">
            <div>
              <dt>{t('job.type')}</dt>
              <dd>{jobTypeName(lang, p.jobType)}</dd>
            </div>
            <div>
              <dt>{t('job.percent')}</dt>
              <dd data-testid="job-percent">
                <span className="big">{p.percentComplete}%</span>
                <div
                  className="progress small"
                  role="progressbar"
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={p.percentComplete}
                  aria-label={t('job.percent')}
                >
                  <div className="progress-bar" style={{ width: `${p.percentComplete}%` }} />
                </div>
              </dd>
            </div>
            <div>
              <dt>{t('job.delivery')}</dt>
              <dd>
                {p.deliveryPackage ? (
                  <>
                    {p.deliveryPackage.carrierName} <span className="mono">{p.deliveryPackage.trackingNumber}</span>
                  </>
                ) : (
                  '—'
                )}
              </dd>
            </div>
            <div>
              <dt>{t('job.returnShipping')}</dt>
              <dd>{p.returnShipping ? `${p.returnShipping.carrierName} · ${p.returnShipping.carrierAccountNumber}` : '—'}</dd>
            </div>
            <div>
              <dt>{t('job.returnAddress')}</dt>
              <dd>
                {addr
                  ? [
                      addr.recipientName,
                      addr.streetAddress1,
                      addr.streetAddress2,
                      [addr.postalCode, addr.city].filter(Boolean).join(' '),
                      addr.stateOrProvince,
                      addr.countryOrRegion,
                      addr.phone,
                      addr.email,
                    ]
                      .filter(Boolean)
                      .join(', ')
                  : '—'}
                {job.dock.missingAddressFields.length ? (
                  <div className="warn-text">
                    {t('job.missingAddress', {
                      fields: job.dock.missingAddressFields.map((f) => t(`addr.${f}` as Key)).join(lang === 'zh-TW' ? '、' : ', '),
                    })}
                  </div>
                ) : null}
              </dd>
            </div>
            {p.returnPackage ? (
              <div>
                <dt>{t('job.returnPackage')}</dt>
                <dd>
                  {p.returnPackage.carrierName} <span className="mono">{p.returnPackage.trackingNumber}</span> ·{' '}
                  {p.returnPackage.driveCount} · {p.returnPackage.shipDate}
                </dd>
              </div>
            ) : null}
            {job.dock.faultReason ? (
              <div>
                <dt>{t('job.state')}</dt>
                <dd className="warn-text">{t('job.fault', { reason: job.dock.faultReason })}</dd>
              </div>
            ) : null}
          </dl>
          <h2>{t('job.drives')}</h2>
          <DriveTable drives={p.driveList} label={t('job.drives')} />
          {job.dock.extraDrives.length ? (
            <>
              <h2>{t('job.extras')}</h2>
              <DriveTable drives={job.dock.extraDrives} label={t('job.extras')} />
            </>
          ) : null}
          {possible.length ? (
            <>
              <h2>{t('job.possible')}</h2>
              <ul className="possible" data-testid="possibilities">
                {/* every move from the state now, allowed or not; of the actions that move nothing, those allowed now */}
                {possible
                  .filter((x) => x.to !== null || x.allowed)
                  .map((x, i) => {
                    const text = possibilityText(lang, x);
                    return (
                      <li
                        key={i}
                        className={x.allowed ? 'allowed' : 'blocked'}
                        data-trigger={x.trigger ?? undefined}
                        data-action={x.action}
                        data-rule={x.reason?.code}
                      >
                        {x.allowed ? <Icon name="check" size={20} /> : <Icon name="cross" size={20} />} {text.title}
                        {text.why ? <span className="muted">{lang === 'en' ? ` (${text.why})` : `（${text.why}）`}</span> : null}
                      </li>
                    );
                  })}
              </ul>
            </>
          ) : null}
          <h2>{t('job.custody')}</h2>
          <table className="table custody-table" data-testid="custody">
            <thead>
              <tr>
                <th scope="col">{t('job.col.when')}</th>
                <th scope="col">{t('job.col.who')}</th>
                <th scope="col">{t('job.col.where')}</th>
                <th scope="col">{t('job.col.what')}</th>
                <th scope="col">{t('job.col.subject')}</th>
                <th scope="col">{t('job.col.change')}</th>
                <th scope="col">{t('job.col.why')}</th>
              </tr>
            </thead>
            <tbody>
              {custody.map((c) => (
                <tr key={c.seq} data-seq={c.seq} data-action={c.action}>
                  <td className="nowrap">{formatDateZone(lang, c.at)}</td>
                  <td>{c.operator}</td>
                  <td>{c.station}</td>
                  <td>{moreActionName(lang, c.action) ?? actionName(lang, c.action)}</td>
                  <td className="mono">{c.driveId ?? c.trackingNumber ?? ''}</td>
                  <td>
                    {c.stateBefore || c.stateAfter ? (
                      c.stateBefore === c.stateAfter ? (
                        <span className="muted">{t('job.noChange')}</span>
                      ) : (
                        `${c.stateBefore ? stateName(lang, c.stateBefore) : '—'} → ${c.stateAfter ? stateName(lang, c.stateAfter) : '—'}`
                      )
                    ) : (
                      ''
                    )}
                  </td>
                  <td
                    data-testid="custody-reason"
                    data-reason-code={typeof c.detail?.reasonCode === 'string' ? c.detail.reasonCode : undefined}
                  >
                    {custodyReason(lang, c)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}
