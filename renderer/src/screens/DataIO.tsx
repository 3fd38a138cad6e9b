// Jobs in, results out, the daily dock report and backup, as the Jobs screen offers them: an import previewed
// job by job before anything is written (by file chooser or by dropping files on the screen), the results file,
// and a dialog for the report (CSV, PDF, the hourly chart) and a backup taken now.
import { useCallback, useEffect, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { Dialog } from '../components/Dialog.tsx';
import { theApi, toCoreError, useDock } from '../store.ts';
import { useLang } from '../useT.ts';
import { errorText, jobStateName, type CoreError } from '../i18n.ts';
import { refusalText, useDt, type DioKey } from '../i18n-dataio.ts';
import { hourChartSvg } from '../../../electron/core/labels/hour-chart.ts';
import type { Output } from '../../../electron/api/contract.ts';
import { download } from './Jobs.tsx';
import './dataio.css';

type Plan = Output<'jobs.importPreview'>;
type Report = Output<'reports.daily'>;
interface ChosenFile {
  name: string;
  text: string;
}

const OUTCOME_TONE: Record<string, string> = {
  new: 'accepted',
  updated: 'notice',
  unchanged: 'quiet',
  refused: 'rejected',
  restored: 'accepted',
};

async function readFiles(list: FileList | File[]): Promise<ChosenFile[]> {
  return Promise.all([...list].map(async (f) => ({ name: f.name, text: await f.text() })));
}

/** Files dragged over the screen: true while something is being dragged that carries files. */
export function useFileDrop(onFiles: (files: File[]) => void): { over: boolean; handlers: Record<string, (e: DragEvent) => void> } {
  const [over, setOver] = useState(false);
  const depth = useRef(0);
  const hasFiles = (e: DragEvent) => [...e.dataTransfer.types].includes('Files');
  return {
    over,
    handlers: {
      onDragEnter: (e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        depth.current++;
        setOver(true);
      },
      onDragOver: (e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      },
      onDragLeave: (e) => {
        if (!hasFiles(e)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (!depth.current) setOver(false);
      },
      onDrop: (e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        depth.current = 0;
        setOver(false);
        if (e.dataTransfer.files.length) onFiles([...e.dataTransfer.files]);
      },
    },
  };
}

export function ImportDialog({ initial, onClose }: { initial: File[] | null; onClose: () => void }) {
  const dt = useDt();
  const lang = useLang();
  const operator = useDock((s) => s.operator)!;
  const [files, setFiles] = useState<ChosenFile[]>([]);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CoreError | null>(null);
  const [note, setNote] = useState<'stale' | null>(null);
  const [done, setDone] = useState<Plan | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const preview = useCallback(async (chosen: ChosenFile[]) => {
    setBusy(true);
    setError(null);
    try {
      setPlan(await theApi().call('jobs.importPreview', { files: chosen }));
    } catch (e) {
      setPlan(null);
      setError(toCoreError(e));
    } finally {
      setBusy(false);
    }
  }, []);

  const take = useCallback(
    async (list: FileList | File[]) => {
      setNote(null);
      setDone(null);
      const chosen = await readFiles(list);
      setFiles(chosen);
      await preview(chosen);
    },
    [preview],
  );

  useEffect(() => {
    if (initial?.length) void take(initial);
  }, [initial, take]);
  const drop = useFileDrop((f) => void take(f));

  const writes = plan ? plan.counts.new + plan.counts.updated + plan.counts.restored : 0;
  const confirm = async () => {
    if (!plan) return;
    setBusy(true);
    setError(null);
    try {
      const r = await theApi().call('jobs.importConfirm', {
        operator,
        files,
        basedOnSeq: plan.basedOnSeq,
        jobs: plan.jobs.map((j) => ({ name: j.name, outcome: j.outcome })),
      });
      setDone(r);
      setPlan(null);
    } catch (e) {
      const err = toCoreError(e);
      if (err.code === 'IMPORT_STALE') {
        setNote('stale');
        await preview(files);
      } else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={dt('dio.import.title')} onClose={onClose} testId="import-dialog">
      <div className={`dio-drop${drop.over ? ' dio-drop-over' : ''}`} {...drop.handlers} data-testid="import-drop">
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          multiple
          className="sr-only"
          id="import-files"
          data-testid="import-files"
          onChange={(e) => {
            if (e.target.files?.length) void take(e.target.files);
            e.target.value = '';
          }}
        />
        <button type="button" className="btn btn-primary" onClick={() => input.current?.click()} data-autofocus>
          {dt('dio.import.choose')}
        </button>
        <span className="muted">{dt('dio.import.dropZone')}</span>
      </div>
      <p className="muted dio-hint">{dt('dio.import.hint')}</p>
      {busy && !plan ? <p role="status">{dt('dio.import.reading')}</p> : null}
      {error ? (
        <p className="form-error" role="alert">
          {errorText(lang, error)}
        </p>
      ) : null}
      {note === 'stale' ? (
        <p className="form-warn" role="alert" data-testid="import-stale">
          {dt('dio.import.stale')}
        </p>
      ) : null}
      {done ? (
        <p className="form-ok" role="status" data-testid="import-done">
          {dt('dio.import.done', { new: done.counts.new, updated: done.counts.updated, restored: done.counts.restored })}
        </p>
      ) : null}
      {plan ? <PlanView plan={plan} /> : null}
      <div className="dialog-buttons">
        {plan ? (
          <button
            type="button"
            className="btn btn-primary btn-big"
            disabled={busy || writes === 0}
            onClick={() => void confirm()}
            data-testid="import-confirm"
          >
            {writes === 1 ? dt('dio.import.confirm1') : dt('dio.import.confirm', { n: writes })}
          </button>
        ) : null}
        <button type="button" className="btn btn-big" onClick={onClose} data-testid="import-close">
          {done ? dt('dio.close') : dt('dio.cancel')}
        </button>
      </div>
    </Dialog>
  );
}

function PlanView({ plan }: { plan: Plan }) {
  const dt = useDt();
  const lang = useLang();
  const writes = plan.counts.new + plan.counts.updated + plan.counts.restored;
  return (
    <div className="dio-plan" data-testid="import-preview">
      <p className="dio-summary" data-testid="import-summary">
        {dt('dio.import.summary', plan.counts)}
      </p>
      {plan.files
        .filter((f) => f.stationExport)
        .map((f) => (
          <p key={f.name} className="form-note">
            {dt('dio.import.stationExport', {
              station: f.stationExport!.station,
              date: f.stationExport!.exportedAt.slice(0, 16).replace('T', ' '),
            })}
          </p>
        ))}
      {plan.files
        .filter((f) => f.reason)
        .map((f) => (
          <p key={f.name} className="form-error" data-testid="import-file-refused">
            {dt('dio.import.fileRefused')}: <span className="mono">{f.name}</span> — {refusalText(lang, f.reason!)}
          </p>
        ))}
      {plan.jobs.length ? (
        <div className="dio-scroll">
          <table className="table dio-table">
            <thead>
              <tr>
                <th scope="col">{dt('dio.col.outcome')}</th>
                <th scope="col">{dt('dio.col.job')}</th>
                <th scope="col">{dt('dio.col.state')}</th>
                <th scope="col">{dt('dio.col.drives')}</th>
                <th scope="col">{dt('dio.col.keys')}</th>
                <th scope="col">{dt('dio.col.details')}</th>
                {plan.files.length > 1 ? <th scope="col">{dt('dio.col.file')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {plan.jobs.map((j, i) => (
                <tr key={`${j.file}/${j.name}/${i}`} data-job={j.name} data-outcome={j.outcome}>
                  <td>
                    <span className={`chip dio-chip-${OUTCOME_TONE[j.outcome]}`}>{dt(`dio.outcome.${j.outcome}` as DioKey)}</span>
                  </td>
                  <td className="mono nowrap">{j.name}</td>
                  <td className="nowrap">{j.state ? jobStateName(lang, j.state) : '—'}</td>
                  <td className="nowrap">{j.drives}</td>
                  <td className="nowrap">{j.drives ? `${j.keys} / ${j.drives}` : '—'}</td>
                  <td className={j.reason ? 'dio-reason' : ''} data-code={j.reason?.code}>
                    {j.reason
                      ? refusalText(lang, j.reason)
                      : j.changes.map((c) => dt(`dio.field.${c}` as DioKey)).join(lang === 'zh-TW' ? '、' : ', ')}
                  </td>
                  {plan.files.length > 1 ? <td className="mono small">{j.file}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {plan.counts.refused ? <p className="muted">{dt('dio.import.refusedNote')}</p> : null}
      {writes === 0 ? (
        <p className="form-warn" data-testid="import-nothing">
          {dt('dio.import.nothing')}
        </p>
      ) : null}
      <p className="muted small">{dt('dio.import.keysNote')}</p>
    </div>
  );
}

export function ExportDialog({ chosen, onClose }: { chosen: string[]; onClose: () => void }) {
  const dt = useDt();
  const lang = useLang();
  const operator = useDock((s) => s.operator)!;
  const [mode, setMode] = useState<'sinceLast' | 'chosen'>(chosen.length ? 'chosen' : 'sinceLast');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CoreError | null>(null);
  const [result, setResult] = useState<Output<'results.export'> | null>(null);
  const go = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await theApi().call('results.export', mode === 'chosen' ? { operator, jobs: chosen } : { operator, sinceLast: true });
      if (r.jobs.length) download(r.filename, r.json, 'application/json;charset=utf-8');
      setResult(r);
    } catch (e) {
      setError(toCoreError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={dt('dio.export.title')} onClose={onClose} testId="export-dialog">
      <p className="dio-hint">{dt('dio.export.lead')}</p>
      <fieldset className="dio-choice">
        <label>
          <input
            type="radio"
            name="export-mode"
            checked={mode === 'sinceLast'}
            onChange={() => setMode('sinceLast')}
            data-testid="export-since-last"
          />{' '}
          {dt('dio.export.sinceLast')}
        </label>
        <label>
          <input
            type="radio"
            name="export-mode"
            checked={mode === 'chosen'}
            disabled={!chosen.length}
            onChange={() => setMode('chosen')}
            data-testid="export-chosen"
          />{' '}
          {dt('dio.export.chosen', { n: chosen.length })}
        </label>
        {!chosen.length ? (
          <span className="muted small">{dt('dio.export.chooseHint')}</span>
        ) : (
          <span className="mono small">
            {chosen.slice(0, 8).join(', ')}
            {chosen.length > 8 ? ' …' : ''}
          </span>
        )}
      </fieldset>
      {error ? (
        <p className="form-error" role="alert">
          {errorText(lang, error)}
        </p>
      ) : null}
      {result ? (
        result.jobs.length ? (
          <p className="form-ok" role="status" data-testid="export-done">
            {dt('dio.export.done', { file: result.filename, n: result.jobs.length })}
            {result.more ? ` ${dt('dio.export.more')}` : ''}
          </p>
        ) : (
          <p className="form-note" role="status" data-testid="export-none">
            {dt('dio.export.none')}
          </p>
        )
      ) : null}
      <div className="dialog-buttons">
        <button type="button" className="btn btn-primary btn-big" disabled={busy} onClick={() => void go()} data-testid="export-go">
          {dt('dio.export.go')}
        </button>
        <button type="button" className="btn btn-big" onClick={onClose}>
          {dt('dio.close')}
        </button>
      </div>
    </Dialog>
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

function bytesText(n: number): string {
  return n < 1024 * 1024 ? `${(n / 1024).toFixed(0)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const REPORT_COLUMNS: { key: DioKey; value: (r: Report['rows'][number]) => number }[] = [
  { key: 'dio.report.boxes', value: (r) => r.boxes },
  { key: 'dio.report.received', value: (r) => r.drives.received },
  { key: 'dio.report.extra', value: (r) => r.drives.extra },
  { key: 'dio.report.held', value: (r) => r.drives.held },
  { key: 'dio.report.never', value: (r) => r.drives.neverReceived },
  { key: 'dio.report.copied', value: (r) => r.drives.copied },
  { key: 'dio.report.faulted', value: (r) => r.drives.faulted },
  { key: 'dio.report.shipped', value: (r) => r.drives.shippedBack },
  { key: 'dio.report.destroyed', value: (r) => r.drives.destroyed },
  { key: 'dio.report.undone', value: (r) => r.drives.undone },
  { key: 'dio.report.opened', value: (r) => r.exceptionsOpened },
  { key: 'dio.report.closed', value: (r) => r.exceptionsClosed },
  { key: 'dio.report.shipments', value: (r) => r.shipments },
];

export function ReportsDialog({ onClose }: { onClose: () => void }) {
  const dt = useDt();
  const lang = useLang();
  const me = useDock((s) => s.operator);
  const info = useDock((s) => s.info);
  // a backup holds every BitLocker key: a supervisor takes it with their PIN, which the station checks
  const supervisors = (info?.operators ?? []).filter((o) => o.supervisor && o.hasPin);
  const [who, setWho] = useState(supervisors.find((o) => o.name === me)?.name ?? supervisors[0]?.name ?? '');
  const [pin, setPin] = useState('');
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [keepDays, setKeepDays] = useState<number | null>(null);
  const [path, setPath] = useState('');
  const [backup, setBackup] = useState<Output<'station.backup'> | 'working' | null>(null);
  const [backupError, setBackupError] = useState<CoreError | null>(null);
  const backupErrorRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    backupErrorRef.current?.scrollIntoView({ block: 'nearest' });
  }, [backupError]);

  useEffect(() => {
    if (!from || !to) return;
    theApi()
      .call('reports.daily', { from, to })
      .then((r) => {
        setReport(r);
        setError(null);
      })
      .catch((e) => setError(toCoreError(e)));
  }, [from, to]);
  useEffect(() => {
    theApi()
      .call('settings.get', {})
      .then((s) => setKeepDays(s.backup.keepDays))
      .catch(() => {});
  }, []);

  const csv = async () => {
    try {
      const r = await theApi().call('reports.csv', { from, to });
      download(r.filename, r.csv);
      setSaved(r.filename);
    } catch (e) {
      setError(toCoreError(e));
    }
  };
  const pdf = async () => {
    try {
      const r = await theApi().call('reports.pdf', { from, to, lang });
      const bytes = Uint8Array.from(atob(r.base64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: r.mimeType }));
      const a = document.createElement('a');
      a.href = url;
      a.download = r.filename;
      a.rel = 'noopener';
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setSaved(r.filename);
    } catch (e) {
      setError(toCoreError(e));
    }
  };
  const backUp = async () => {
    setBackup('working');
    setBackupError(null);
    try {
      setBackup(await theApi().call('station.backup', { operator: who, pin, ...(path.trim() ? { path: path.trim() } : {}) }));
    } catch (e) {
      setBackup(null);
      setBackupError(toCoreError(e));
    } finally {
      setPin('');
    }
  };

  return (
    <Dialog title={dt('dio.reports.title')} onClose={onClose} testId="reports-dialog">
      <section className="dio-section">
        <h3>{dt('dio.report.heading')}</h3>
        <div className="dio-row">
          <label>
            {dt('dio.report.from')}{' '}
            <input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} data-testid="report-from" />
          </label>
          <label>
            {dt('dio.report.to')}{' '}
            <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} data-testid="report-to" />
          </label>
          <button type="button" className="btn" onClick={() => void csv()} data-testid="report-csv">
            {dt('dio.report.csv')}
          </button>
          <button type="button" className="btn" onClick={() => void pdf()} data-testid="report-pdf">
            {dt('dio.report.pdf')}
          </button>
        </div>
        {saved ? (
          <p className="form-ok" role="status">
            {dt('dio.report.saved', { file: saved })}
          </p>
        ) : null}
        {report ? <ReportView report={report} /> : null}
      </section>
      <section className="dio-section">
        <h3>{dt('dio.backup.heading')}</h3>
        <div className="dio-row">
          <label className="dio-grow">
            {dt('dio.backup.path')}
            <input
              type="text"
              value={path}
              onChange={(e) => setPath(e.target.value)}
              spellCheck={false}
              maxLength={1024}
              data-testid="backup-path"
            />
          </label>
        </div>
        <div className="dio-row">
          <label>
            {dt('dio.backup.supervisor')}{' '}
            <select value={who} onChange={(e) => setWho(e.target.value)} data-testid="backup-who">
              {supervisors.map((o) => (
                <option key={o.name} value={o.name}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {dt('dio.backup.pin')}{' '}
            <input
              type="password"
              inputMode="numeric"
              autoComplete="off"
              maxLength={8}
              className="dio-pin"
              value={pin}
              onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && pin) void backUp();
              }}
              data-testid="backup-pin"
            />
          </label>
          <button
            type="button"
            className="btn btn-primary"
            disabled={backup === 'working' || !who || !pin}
            onClick={() => void backUp()}
            data-testid="backup-now"
          >
            {dt('dio.backup.now')}
          </button>
        </div>
        {backup === 'working' ? <p role="status">{dt('dio.backup.working')}</p> : null}
        {backupError ? (
          <p className="form-error" role="alert" ref={backupErrorRef} data-testid="backup-error">
            {errorText(lang, backupError)}
          </p>
        ) : null}
        {backup && backup !== 'working' ? (
          <p className="form-ok" role="status" data-testid="backup-done">
            {dt('dio.backup.done', { path: backup.path, size: bytesText(backup.bytes), seq: backup.lastSeq })}
          </p>
        ) : null}
        <p className="muted small">
          {keepDays === null ? null : keepDays > 0 ? dt('dio.backup.daily', { days: keepDays }) : dt('dio.backup.dailyOff')}{' '}
          {dt('dio.backup.restore')}
        </p>
      </section>
      {error ? (
        <p className="form-error" role="alert">
          {errorText(lang, error)}
        </p>
      ) : null}
      <div className="dialog-buttons">
        <button type="button" className="btn btn-big" onClick={onClose}>
          {dt('dio.close')}
        </button>
      </div>
    </Dialog>
  );
}

function ReportView({ report }: { report: Report }) {
  const dt = useDt();
  return (
    <div className="dio-wide dio-report" data-testid="report">
      {report.hours.map(({ day, counts }) => {
        const rows = report.rows.filter((r) => r.day === day);
        return (
          <div key={day} className="dio-day" data-day={day}>
            <h4>{day}</h4>
            <table className="table dio-table dio-numbers">
              <thead>
                <tr>
                  <th scope="col">{dt('dio.report.operator')}</th>
                  {REPORT_COLUMNS.map((c) => (
                    <th key={c.key} scope="col">
                      {dt(c.key)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.operator ?? ''} className={r.operator === null ? 'dio-total' : ''} data-operator={r.operator ?? ''}>
                    <td>{r.operator ?? dt('dio.report.all')}</td>
                    {REPORT_COLUMNS.map((c) => (
                      <td key={c.key}>{c.value(r)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            <Chart label={dt('dio.report.chart', { day })} counts={counts} />
          </div>
        );
      })}
    </div>
  );
}

/** The same chart the PDF prints, drawn from numbers only. */
function Chart({ label, counts }: { label: string; counts: number[] }): ReactNode {
  return (
    <figure className="dio-chart">
      <figcaption>
        {label} · {counts.reduce((a, b) => a + b, 0)}
      </figcaption>
      <div dangerouslySetInnerHTML={{ __html: hourChartSvg(counts, label) }} />
    </figure>
  );
}
