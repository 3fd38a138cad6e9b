// Copy: start the copy of received drives and record what the copy bay reported, until bays report by
// themselves. Whether a copy may start is the station's answer ('jobs.possibilities'), shown with its reason.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useDock, theApi, toCoreError } from '../store.ts';
import { fillField, useScanHandler } from '../routing.ts';
import { useBayT } from '../i18n-bay.ts';
import { useLang, useT } from '../useT.ts';
import { copyStatusName, driveStateName, errorText, jobStateName, type CoreError } from '../i18n.ts';
import { reasonText } from '../i18n-rules.ts';
import { useReloadOnChange } from './Exceptions.tsx';
import { Icon } from '../components/Icon.tsx';
import { play } from '../sounds.ts';
import { COPY_STATUSES, type DriveView, type JobView } from '../../../electron/core/model.ts';
import type { JobSearchResult } from '../../../electron/api/contract.ts';
import type { Possibility } from '../../../electron/core/rules.ts';

/** The job chosen on this screen, kept while the person visits other screens and comes back. */
let lastSelected: string | null = null;

export function Copy() {
  const t = useT();
  const bt = useBayT();
  const lang = useLang();
  const operator = useDock((s) => s.operator)!;
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [jobs, setJobs] = useState<JobSearchResult['items']>([]);
  const [selected, setSelectedState] = useState<string | null>(lastSelected);
  const setSelected = useCallback((name: string | null) => {
    lastSelected = name;
    setSelectedState(name);
  }, []);
  /** A scanned serial to bring into view once its job is shown: each scan its own request, done once. */
  const [focusSerial, setFocusSerial] = useState<{ serial: string } | null>(null);
  const focusDone = useRef<{ serial: string } | null>(null);
  const [job, setJob] = useState<JobView | null>(null);
  const [possible, setPossible] = useState<Possibility<string, string>[]>([]);
  const [error, setError] = useState<CoreError | null>(null);
  const [ok, setOk] = useState<{ text: string; n: number } | null>(null);

  const loads = useRef(0);
  const load = useCallback(() => {
    // answers can come back out of order when changes follow each other fast: only the latest is shown
    const n = ++loads.current;
    Promise.all([
      theApi().call('jobs.search', { state: 'Received', limit: 100 }),
      theApi().call('jobs.search', { state: 'Transferring', limit: 100 }),
      // a job whose drives are all recorded moves on to Packaging; it stays here so a result can be corrected
      theApi().call('jobs.search', { state: 'Packaging', limit: 100 }),
    ])
      .then(([a, b, c]) => {
        const all = [...a.items, ...b.items, ...c.items].sort((x, y) => x.name.localeCompare(y.name));
        setJobs(all);
        // nothing chosen yet (the screen's first visit): the first job is chosen
        if (!lastSelected && all[0]) setSelected(all[0].name);
      })
      .catch((e) => setError(toCoreError(e)));
    if (selected) {
      Promise.all([theApi().call('jobs.get', { name: selected }), theApi().call('jobs.possibilities', { name: selected })])
        .then(([j, p]) => {
          if (n === loads.current) {
            setJob(j);
            setPossible(p);
          }
        })
        .catch((e) => setError(toCoreError(e)));
    }
  }, [selected, setSelected]);
  useReloadOnChange(load);

  // a scanned drive serial selects that drive's job and brings its drive into view
  useScanHandler('copy', (code) => {
    // a log address scanned into the field that has the cursor fills it, however long it is
    const el = document.activeElement;
    if (el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && ['text', 'url', ''].includes(el.type))) {
      fillField(el, code.trim());
      return;
    }
    const serial = code.trim();
    if (serial.length > 64 || /^[a-z][a-z0-9+.-]*:\/\//i.test(serial)) {
      play('rejected');
      setOk(null);
      setError({ code: 'COPY_SCAN_NOT_HERE', message: bt('copy.uriInField') });
      return;
    }
    theApi()
      .call('jobs.search', { query: serial, limit: 5 })
      .then(async (r) => {
        for (const item of r.items) {
          const j = await theApi().call('jobs.get', { name: item.name });
          const d = j.properties.driveList.find((x) => x.driveId === serial);
          if (d && ['Received', 'Transferring', 'Completed', 'CompletedMoreInfo'].includes(d.state)) {
            setSelected(j.name);
            setFocusSerial({ serial });
            setError(null);
            setOk({ text: t('copy.scanSelected', { serial, job: j.name }), n: Date.now() });
            play('accepted');
            return;
          }
        }
        play('rejected');
        setOk(null);
        setError({ code: 'COPY_SCAN_NOT_HERE', message: t('copy.scanNotHere', { serial }) });
      })
      .catch((e) => {
        play('rejected');
        setError(toCoreError(e));
      });
  });
  useEffect(() => {
    if (!focusSerial || focusSerial === focusDone.current || !job) return;
    const el = document.querySelector<HTMLElement>(`[data-serial="${CSS.escape(focusSerial.serial)}"]`);
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    (el.querySelector<HTMLElement>('select, button') ?? el).focus();
    focusDone.current = focusSerial;
  }, [focusSerial, job]);

  const run = async (what: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
      play('accepted');
      setOk((o) => ({ text: what, n: (o?.n ?? 0) + 1 }));
      setError(null);
      load();
    } catch (e) {
      play('rejected');
      setError(toCoreError(e));
      setOk(null);
    }
  };

  const received = job?.properties.driveList.filter((d) => d.state === 'Received' && !d.held) ?? [];
  const copying = job?.properties.driveList.filter((d) => d.state === 'Transferring') ?? [];
  const recorded = job?.properties.driveList.filter((d) => d.state === 'Completed' || d.state === 'CompletedMoreInfo') ?? [];
  const start = possible.find((p) => p.action === 'startCopy');

  return (
    <div className="copy" data-testid="copy-screen">
      <header className="screen-head">
        <h1>{t('copy.title')}</h1>
      </header>
      <div className="toast-area" aria-live="polite">
        {error ? (
          <p className="form-error toast" role="alert" data-tone="rejected">
            {errorText(lang, error)}
          </p>
        ) : null}
        {ok && !error ? (
          <p key={ok.n} className="form-ok toast" role="status" data-tone="accepted" data-testid="copy-done">
            {ok.text}
          </p>
        ) : null}
      </div>
      <div className="split">
        <nav className="split-list" aria-label={t('copy.waiting')}>
          <h2>{t('copy.waiting')}</h2>
          {jobs.length === 0 ? (
            <p className="empty">{t('copy.none')}</p>
          ) : (
            <ul>
              {jobs.map((j) => (
                <li key={j.name}>
                  <button
                    type="button"
                    className={`list-item ${selected === j.name ? 'active' : ''}`}
                    aria-current={selected === j.name ? 'true' : undefined}
                    onClick={() => setSelected(j.name)}
                    data-job={j.name}
                  >
                    <span className="big">{j.name}</span> <span className={`chip chip-job-${j.state}`}>{jobStateName(lang, j.state)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </nav>
        {job ? (
          <section className="split-detail" aria-labelledby="copy-job">
            <h2 id="copy-job">
              {job.name} <span className={`chip chip-job-${job.properties.state}`}>{jobStateName(lang, job.properties.state)}</span>{' '}
              <span className="big">{job.properties.percentComplete}%</span>
            </h2>
            {received.length ? <p>{t('copy.receivedDrives', { n: received.length })}</p> : null}
            {received.length ? (
              <>
                <button
                  type="button"
                  className="btn btn-big btn-primary"
                  data-testid="start-copy"
                  disabled={start !== undefined && !start.allowed}
                  onClick={() =>
                    void run(t('copy.started', { job: job.name }), () => theApi().call('copy.start', { operator, jobName: job.name }))
                  }
                >
                  <Icon name="check" size={26} /> {t('copy.start', { job: job.name })}
                </button>
                {start && !start.allowed && start.reason ? (
                  <p className="muted" data-testid="start-blocked" data-rule={start.reason.code}>
                    {t('copy.startBlocked', { reason: reasonText(lang, start.reason) })}
                  </p>
                ) : null}
                <ul className="drives">
                  {received.map((d) => (
                    <li key={d.driveId} className="drive drive-Received" data-serial={d.driveId} data-state={d.state}>
                      <span className="drive-serial">{d.driveId}</span>{' '}
                      <span className="chip chip-Received">{driveStateName(lang, d.state)}</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {copying.length ? (
              <section className="copy-bulk" aria-labelledby="copying-title">
                <h3 id="copying-title">{bt('copy.beingCopied', { n: copying.length })}</h3>
                <div className="bulk-bar">
                  <label className="tick">
                    <input
                      type="checkbox"
                      data-testid="select-all"
                      checked={copying.every((d) => ticked.has(d.driveId))}
                      onChange={(e) => setTicked(e.target.checked ? new Set(copying.map((d) => d.driveId)) : new Set())}
                    />{' '}
                    {bt('copy.selectAll')}
                  </label>
                  <button
                    type="button"
                    className="btn btn-primary"
                    data-testid="mark-completed"
                    onClick={() => {
                      const serials = copying.map((d) => d.driveId).filter((x) => ticked.has(x));
                      if (!serials.length) {
                        play('rejected');
                        setOk(null);
                        setError({ code: 'COPY_NONE_TICKED', message: bt('copy.noneSelected') });
                        return;
                      }
                      void run(bt('copy.markedCompleted', { n: serials.length, serials: serials.join(', ') }), async () => {
                        for (const driveId of serials) await theApi().call('copy.record', { operator, driveId, copyStatus: 'Completed' });
                        setTicked(new Set());
                      });
                    }}
                  >
                    <Icon name="check" size={24} /> {bt('copy.markCompleted', { n: copying.filter((d) => ticked.has(d.driveId)).length })}
                  </button>
                </div>
                {copying.map((d) => (
                  <RecordForm
                    key={d.driveId}
                    drive={d}
                    ticked={ticked.has(d.driveId)}
                    onTick={(on) =>
                      setTicked((old) => {
                        const n = new Set(old);
                        if (on) n.add(d.driveId);
                        else n.delete(d.driveId);
                        return n;
                      })
                    }
                    onSubmit={(input) =>
                      run(t('copy.recorded', { serial: d.driveId }), () =>
                        theApi().call('copy.record', { operator, driveId: d.driveId, ...input }),
                      )
                    }
                  />
                ))}
              </section>
            ) : null}
            {recorded.length ? (
              <section className="copy-recorded" aria-labelledby="recorded-title">
                <h3 id="recorded-title">{bt('copy.recordedTitle', { n: recorded.length })}</h3>
                <ul className="recorded-list">
                  {recorded.map((d) => (
                    <RecordedRow
                      key={d.driveId}
                      drive={d}
                      onCorrect={(input) =>
                        run(bt('copy.corrected', { serial: d.driveId }), () =>
                          theApi().call('copy.correct', { operator, driveId: d.driveId, ...input }),
                        )
                      }
                    />
                  ))}
                </ul>
              </section>
            ) : null}
          </section>
        ) : null}
      </div>
    </div>
  );
}

type RecordInput = { copyStatus?: string; percentComplete?: number; bytesSucceeded?: number; errorLogUri?: string; verboseLogUri?: string };

function RecordForm({
  drive,
  ticked,
  onTick,
  onSubmit,
}: {
  drive: DriveView;
  ticked: boolean;
  onTick: (on: boolean) => void;
  onSubmit: (i: RecordInput) => Promise<void>;
}) {
  const t = useT();
  const bt = useBayT();
  const lang = useLang();
  const [status, setStatus] = useState('');
  // empty means "not reported": the station keeps what it has
  const [pct, setPct] = useState('');
  const [bytes, setBytes] = useState('');
  const [errLog, setErrLog] = useState('');
  const [verbose, setVerbose] = useState('');
  const id = `rec-${drive.driveId}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input: RecordInput = {};
    if (status) input.copyStatus = status;
    if (pct.trim() !== '') input.percentComplete = Number(pct);
    if (bytes.trim() !== '') input.bytesSucceeded = Number(bytes);
    if (errLog.trim()) input.errorLogUri = errLog.trim();
    if (verbose.trim()) input.verboseLogUri = verbose.trim();
    void onSubmit(input);
  };
  return (
    <form className="record-form" onSubmit={submit} aria-labelledby={`${id}-title`} data-serial={drive.driveId}>
      <h4 id={`${id}-title`}>
        <label className="tick">
          <input
            type="checkbox"
            checked={ticked}
            onChange={(e) => onTick(e.target.checked)}
            data-testid={`tick-${drive.driveId}`}
            aria-label={bt('copy.select', { serial: drive.driveId })}
          />{' '}
          {t('copy.drive', { serial: drive.driveId })}
        </label>{' '}
        <span className="chip chip-Transferring">{driveStateName(lang, drive.state)}</span>
      </h4>
      <div className="form-grid">
        <label htmlFor={`${id}-status`}>{t('copy.status')}</label>
        <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t('copy.progressOnly')}</option>
          {COPY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {copyStatusName(lang, s)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-pct`}>{t('copy.percent')}</label>
        <input
          id={`${id}-pct`}
          type="number"
          min={0}
          max={100}
          value={pct}
          onChange={(e) => setPct(e.target.value)}
          placeholder={`${drive.percentComplete}`}
        />
        <label htmlFor={`${id}-bytes`}>{t('copy.bytes')}</label>
        <input
          id={`${id}-bytes`}
          type="number"
          min={0}
          value={bytes}
          onChange={(e) => setBytes(e.target.value)}
          placeholder={`${drive.bytesSucceeded}`}
        />
        <label htmlFor={`${id}-err`}>{t('copy.errorLog')}</label>
        <input
          id={`${id}-err`}
          type="text"
          inputMode="url"
          maxLength={2048}
          className="uri"
          value={errLog}
          onChange={(e) => setErrLog(e.target.value)}
          placeholder="https://…"
        />
        <label htmlFor={`${id}-verbose`}>{t('copy.verboseLog')}</label>
        <input
          id={`${id}-verbose`}
          type="text"
          inputMode="url"
          maxLength={2048}
          className="uri"
          value={verbose}
          onChange={(e) => setVerbose(e.target.value)}
          placeholder="https://…"
        />
      </div>
      <button type="submit" className="btn btn-primary">
        {t('copy.record')}
      </button>
    </form>
  );
}

type CorrectInput = { copyStatus: string; bytesSucceeded?: number; errorLogUri?: string; verboseLogUri?: string; reason: string };

/** A recorded drive stays listed with what the bay reported, and can be put right (a new record, with its reason). */
function RecordedRow({ drive, onCorrect }: { drive: DriveView; onCorrect: (i: CorrectInput) => Promise<void> }) {
  const t = useT();
  const bt = useBayT();
  const lang = useLang();
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState(drive.copyStatus ?? 'Completed');
  const [bytes, setBytes] = useState('');
  const [errLog, setErrLog] = useState('');
  const [verbose, setVerbose] = useState('');
  const [why, setWhy] = useState('');
  const id = `fix-${drive.driveId}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input: CorrectInput = { copyStatus: status, reason: why.trim() };
    if (bytes.trim() !== '') input.bytesSucceeded = Number(bytes);
    if (errLog.trim()) input.errorLogUri = errLog.trim();
    if (verbose.trim()) input.verboseLogUri = verbose.trim();
    void onCorrect(input).then(() => setOpen(false));
  };
  return (
    <li className={`recorded drive-${drive.state}`} data-serial={drive.driveId} data-state={drive.state}>
      <div className="recorded-head">
        <span className="drive-serial">{drive.driveId}</span>
        <span className={`chip chip-${drive.state}`}>{driveStateName(lang, drive.state)}</span>
        <span>
          {bt('copy.copyStatus')}: <b>{drive.copyStatus ? copyStatusName(lang, drive.copyStatus) : ''}</b>
        </span>
        {drive.errorLogUri || drive.verboseLogUri ? (
          <span className="muted uri-short" title={drive.errorLogUri ?? drive.verboseLogUri ?? ''}>
            {bt('copy.logs')} ✓
          </span>
        ) : null}
        <button
          type="button"
          className="btn btn-small"
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          data-testid={`correct-${drive.driveId}`}
        >
          {bt('copy.correct')}
        </button>
      </div>
      {open ? (
        <form
          className="record-form"
          onSubmit={submit}
          aria-label={bt('copy.correctTitle', { serial: drive.driveId })}
          data-testid={`correct-form-${drive.driveId}`}
        >
          <div className="form-grid">
            <label htmlFor={`${id}-status`}>{t('copy.status')}</label>
            <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value)}>
              {COPY_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {copyStatusName(lang, s)}
                </option>
              ))}
            </select>
            <label htmlFor={`${id}-bytes`}>{t('copy.bytes')}</label>
            <input
              id={`${id}-bytes`}
              type="number"
              min={0}
              value={bytes}
              onChange={(e) => setBytes(e.target.value)}
              placeholder={`${drive.bytesSucceeded}`}
            />
            <label htmlFor={`${id}-err`}>{t('copy.errorLog')}</label>
            <input
              id={`${id}-err`}
              type="text"
              inputMode="url"
              maxLength={2048}
              className="uri"
              value={errLog}
              onChange={(e) => setErrLog(e.target.value)}
              placeholder={drive.errorLogUri ?? 'https://…'}
            />
            <label htmlFor={`${id}-verbose`}>{t('copy.verboseLog')}</label>
            <input
              id={`${id}-verbose`}
              type="text"
              inputMode="url"
              maxLength={2048}
              className="uri"
              value={verbose}
              onChange={(e) => setVerbose(e.target.value)}
              placeholder={drive.verboseLogUri ?? 'https://…'}
            />
            <label htmlFor={`${id}-why`}>{bt('copy.correctReason')}</label>
            <input id={`${id}-why`} type="text" maxLength={500} required value={why} onChange={(e) => setWhy(e.target.value)} />
          </div>
          <button type="submit" className="btn btn-primary">
            {bt('copy.correctSave')}
          </button>{' '}
          <button type="button" className="btn" onClick={() => setOpen(false)}>
            {bt('copy.cancel')}
          </button>
        </form>
      ) : null}
    </li>
  );
}
