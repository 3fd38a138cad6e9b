// Packaging: drives leave the dock only through this screen. A return shipment is built by scanning every drive
// of the job into the box (a drive of another job is refused, missing ones are named, extra drives go too),
// checking the return address, taking the carrier and the return tracking number, printing the label, and
// only then recording "shipped". What the station decides (which drives may go, whether the job may ship)
// is the core's; this screen shows the box and asks. Held drives whose return is due go back here too, in a
// return box of their own (HeldReturn.tsx).
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { go, theApi, toCoreError, useDock } from '../store.ts';
import { useLang } from '../useT.ts';
import { driveStateName, formatDate, formatTime, jobStateName } from '../i18n.ts';
import { useReloadOnChange } from './Exceptions.tsx';
import { scanElsewhere, takeHeldReturn, useScanHandler } from '../routing.ts';
import { useExcT } from '../i18n-exceptions.ts';
import type { ClockStatus } from '../../../electron/core/clock.ts';
import { Icon } from '../components/Icon.tsx';
import { Coded, codesIn } from '../components/Coded.tsx';
import { play } from '../sounds.ts';
import { fieldList, packError, usePackT } from './packaging-i18n.ts';
import { SOUND, blobUrl, type Note } from './packaging-shared.ts';
import { HeldReturnPanel, useHeldReturn } from './HeldReturn.tsx';
import { DestroyDialog } from './Destroy.tsx';
import { useBayT } from '../i18n-bay.ts';
import type { DriveView, JobView } from '../../../electron/core/model.ts';
import type { ExceptionRow } from '../../../electron/core/intake.ts';
import type { JobSearchResult } from '../../../electron/api/contract.ts';
import type { Settings } from '../../../electron/api/settings-schema.ts';
import './packaging.css';

/** Drives at the dock that go back in the box (the core refuses a shipment that differs). */
const BOXABLE = ['Received', 'Completed', 'CompletedMoreInfo'];
const BUSY = ['Transferring', 'Faulted'];

function boxDrives(job: JobView): { ready: DriveView[]; busy: DriveView[]; others: DriveView[] } {
  const all = [...job.properties.driveList, ...job.dock.extraDrives];
  const here = all.filter((d) => !d.held && !d.destroyedAt);
  return {
    ready: here.filter((d) => BOXABLE.includes(d.state)),
    busy: here.filter((d) => BUSY.includes(d.state)),
    others: all.filter((d) => !here.includes(d) || !(BOXABLE.includes(d.state) || BUSY.includes(d.state))),
  };
}

export function Packaging() {
  const t = usePackT();
  const lang = useLang();
  const operator = useDock((s) => s.operator)!;
  const transport = useDock((s) => s.info?.transport ?? 'http');
  const [jobs, setJobs] = useState<JobSearchResult['items']>([]);
  /** Every held drive at the dock; the ones the station offers to return are listed to go back. */
  const [held, setHeld] = useState<ExceptionRow[]>([]);
  const [clock, setClock] = useState<ClockStatus | null>(null);
  const heldBack = clock !== null && clock.state !== 'ok';
  const et = useExcT();
  /** A drive scanned before its job was open here: boxed once the job is shown. */
  const boxWhenOpen = useRef<string | null>(null);
  const [heldMode, setHeldMode] = useState(false);
  const [destroying, setDestroying] = useState(false);
  const bt = useBayT();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [job, setJob] = useState<JobView | null>(null);
  const [boxed, setBoxed] = useState<string[]>([]);
  const [carrier, setCarrier] = useState('');
  const [account, setAccount] = useState('');
  const [tracking, setTracking] = useState('');
  const [serial, setSerial] = useState('');
  const [note, setNote] = useState<Note | null>(null);
  const [labelOut, setLabelOut] = useState<string | null>(null);
  /** How the label went out last: staff see whether it was printed or saved, and can do it again. */
  const [labelHow, setLabelHow] = useState<{ how: 'pdf' | 'zpl' | 'print'; printer?: string; file?: string; at: Date } | null>(null);
  const noteRef = useRef<HTMLParagraphElement>(null);
  const [pdf, setPdf] = useState<{ url: string; filename: string } | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const trackingRef = useRef<HTMLInputElement>(null);
  const serialRef = useRef<HTMLInputElement>(null);

  const say = (n: Note) => {
    setNote(n);
    play(SOUND[n.tone]);
  };
  // the answer to "Shipped" (and any answer) is where the person looks: brought into view, not left above the fold
  useEffect(() => {
    if (note?.key === 'pk.shipped' || note?.key === 'pk.heldShipped') {
      noteRef.current?.scrollIntoView({ block: 'nearest' });
      noteRef.current?.focus({ preventScroll: true });
    }
  }, [note]);
  const dueHeld = held.filter((r) => r.offers.includes('returnHeld') || r.action === 'releaseHold');

  const load = useCallback(() => {
    const api = theApi();
    api
      .call('jobs.search', { state: 'Packaging', limit: 200 })
      .then((r) => setJobs(r.items))
      .catch((e) => setNote({ tone: 'rejected', key: 'pk.title', error: toCoreError(e) }));
    // held drives, each saying whether the rule book lets it go back now (its return is due)
    api
      .call('exceptions.list', { kinds: ['destructionDue', 'held'], limit: 200 })
      .then((page) => {
        setHeld(page.rows.filter((r) => r.driveId));
        setClock(page.clock);
      })
      .catch(() => setHeld([]));
    api
      .call('settings.get', {})
      .then(setSettings)
      .catch(() => setSettings(null));
    if (selected) {
      api
        .call('jobs.get', { name: selected })
        .then(setJob)
        .catch((e) => setNote({ tone: 'rejected', key: 'pk.title', error: toCoreError(e) }));
    }
  }, [selected]);
  useReloadOnChange(load);
  const heldBox = useHeldReturn({ say, onShipped: load, heldBack });
  // a newly chosen job starts with an empty box and its own return carrier and account
  const [boxFor, setBoxFor] = useState(selected);
  if (boxFor !== selected) {
    setBoxFor(selected);
    setBoxed([]);
    setTracking('');
    setLabelOut(null);
    setLabelHow(null);
    setPdf(null);
    setPreview(null);
    if (!selected) setJob(null);
  }
  const defaultsFor = useRef<string | null>(null);
  useEffect(() => {
    if (job && defaultsFor.current !== job.name) {
      defaultsFor.current = job.name;
      setCarrier(job.properties.returnShipping?.carrierName ?? '');
      setAccount(job.properties.returnShipping?.carrierAccountNumber ?? '');
    }
  }, [job]);
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

  const drives = useMemo(() => (job ? boxDrives(job) : { ready: [], busy: [], others: [] }), [job]);
  const missing = drives.ready.filter((d) => !boxed.includes(d.driveId));
  const addressMissing = job?.dock.missingAddressFields ?? [];
  const trackingCode = tracking.trim().toUpperCase();
  const signature = JSON.stringify([job?.name, trackingCode, carrier.trim(), account.trim(), [...boxed].sort()]);
  const complete = job !== null && drives.ready.length > 0 && missing.length === 0 && drives.busy.length === 0;
  const canLabel = complete && addressMissing.length === 0 && trackingCode !== '' && carrier.trim() !== '';
  const canShip = canLabel && labelOut === signature && !busy && !heldBack;

  const chooseJob = (name: string) => {
    setSelected(name);
    setHeldMode(false);
    setNote(null);
    setTimeout(() => serialRef.current?.focus(), 0);
  };

  const scanDrive = async (raw: string) => {
    const code = raw.trim().toUpperCase();
    if (!code) return;
    const jobByName = jobs.find((j) => j.name.toUpperCase() === code);
    if (jobByName) return chooseJob(jobByName.name);
    const heldRow = held.find((r) => r.driveId === code);
    if (heldRow) return offerHeld(heldRow);
    if (heldMode) return say({ tone: 'rejected', key: 'pk.heldNotHeld', params: { serial: code } });
    if (!job || (!boxed.length && ![...drives.ready, ...drives.busy, ...drives.others].some((d) => d.driveId === code))) {
      // a drive opens its job's return box; a box opens on Receive, a job label its job
      return scanElsewhere(code, (id) => {
        // a held drive scanned before the list of held drives came: asked for now, then offered to the return box
        if (id.kind === 'drive' && id.held) {
          return void theApi()
            .call('exceptions.list', { kinds: ['destructionDue', 'held'], limit: 200 })
            .then((page) => {
              const row = page.rows.find((r) => r.driveId === id.driveId);
              if (row) offerHeld(row);
              else say({ tone: 'rejected', key: 'pk.heldNotHeld', params: { serial: id.driveId } });
            })
            .catch((e) => say({ tone: 'rejected', key: 'pk.title', error: toCoreError(e) }));
        }
        // its job waiting in Packaging opens, even before the list of jobs has loaded
        const own = id.kind === 'drive' && id.jobState === 'Packaging' ? id.jobName : null;
        if (own) {
          boxWhenOpen.current = id.code;
          return chooseJob(own);
        }
        if (!job)
          return say({ tone: 'rejected', key: id.kind === 'drive' ? 'pk.choose' : 'pk.notOfJob', params: { serial: code, current: '—' } });
        return say({ tone: 'rejected', key: 'pk.notOfJob', params: { serial: code, current: job.name } });
      });
    }
    if (boxed.includes(code)) return say({ tone: 'notice', key: 'pk.again', params: { serial: code } });
    if (drives.ready.some((d) => d.driveId === code)) {
      const next = [...boxed, code];
      setBoxed(next);
      say({ tone: 'accepted', key: 'pk.accepted', params: { serial: code } });
      if (drives.ready.every((d) => next.includes(d.driveId)) && !trackingCode) setTimeout(() => trackingRef.current?.focus(), 0);
      return;
    }
    const own = [...drives.busy, ...drives.others].find((d) => d.driveId === code);
    if (own) return say({ tone: 'rejected', key: 'pk.notHere', params: { serial: code, state: driveStateName(lang, own.state) } });
    // whose drive is it? the station knows; the box does not take it either way
    try {
      const found = await theApi().call('jobs.search', { query: code, limit: 5 });
      const other = found.items.find((j) => j.name !== job.name);
      if (other) return say({ tone: 'rejected', key: 'pk.otherJob', params: { serial: code, job: other.name, current: job.name } });
    } catch {
      /* refused below all the same */
    }
    say({ tone: 'rejected', key: 'pk.notOfJob', params: { serial: code, current: job.name } });
  };

  /** A held drive chosen or scanned: into the return box of held drives, never into a job's box. */
  const offerHeld = (row: ExceptionRow) => {
    if (job && !heldMode && boxed.length)
      return say({ tone: 'rejected', key: 'pk.heldInJobBox', params: { serial: row.driveId!, current: job.name } });
    if (!heldMode) {
      setSelected(null);
      setHeldMode(true);
    }
    heldBox.offer(row);
  };

  // a held drive sent here from the Exceptions list goes into the return box as if scanned
  useEffect(() => {
    if (!held.length) return;
    const serial = takeHeldReturn();
    const row = serial ? held.find((r) => r.driveId === serial) : undefined;
    if (row) offerHeld(row);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [held]);
  // a drive scanned before its job was open: boxed now that the job is shown
  useEffect(() => {
    const serial = boxWhenOpen.current;
    if (!job || !serial) return;
    boxWhenOpen.current = null;
    void scanDrive(serial);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job]);

  useScanHandler('packaging', (code) => {
    if (heldMode && document.activeElement === heldBox.trackingRef.current) return heldBox.setTrackingScan(code);
    if (document.activeElement === trackingRef.current) {
      setTracking(code.trim().toUpperCase());
      say({ tone: 'accepted', key: 'pk.trackingSet', params: { code: code.trim().toUpperCase() } });
      return;
    }
    void scanDrive(code);
  });

  const labelInput = () => ({
    kind: 'return' as const,
    jobName: job!.name,
    returnTrackingNumber: trackingCode,
    carrierName: carrier.trim(),
    ...(account.trim() ? { carrierAccountNumber: account.trim() } : {}),
    driveIds: boxed,
  });

  const showPreview = async () => {
    const html = await theApi().call('labels.render', { ...labelInput(), format: 'html' });
    setPreview(blobUrl(html));
  };

  const label = async (how: 'pdf' | 'zpl' | 'print') => {
    if (!job) return;
    if (!complete) return say({ tone: 'rejected', key: 'pk.needAll' });
    if (!carrier.trim()) return say({ tone: 'rejected', key: 'pk.needCarrier' });
    if (!trackingCode) {
      trackingRef.current?.focus();
      return say({ tone: 'rejected', key: 'pk.needTracking' });
    }
    setBusy(true);
    try {
      if (how === 'pdf') {
        const file = await theApi().call('labels.render', { ...labelInput(), format: 'pdf' });
        setPdf({ url: blobUrl(file), filename: file.filename });
        say({ tone: 'accepted', key: 'pk.pdfReady', params: { file: file.filename } });
        setLabelHow({ how, file: file.filename, at: new Date() });
      } else if (how === 'zpl') {
        const r = await theApi().call('labels.sendZpl', labelInput());
        say({ tone: 'accepted', key: 'pk.zplSent', params: { printer: r.printer, bytes: r.bytes } });
        setLabelHow({ how, printer: r.printer, at: new Date() });
      } else {
        const r = await theApi().call('labels.print', labelInput());
        say({ tone: 'accepted', key: 'pk.printed' });
        setLabelHow({ how, printer: r.printer ?? '—', at: new Date() });
      }
      setLabelOut(signature);
      await showPreview().catch(() => {});
    } catch (e) {
      say({ tone: 'rejected', key: 'pk.labelFirst', error: toCoreError(e) });
    } finally {
      setBusy(false);
    }
  };

  const ship = async () => {
    if (!job || !canShip) return;
    setBusy(true);
    try {
      const after = await theApi().call('shipments.shipBack', {
        operator,
        jobName: job.name,
        carrierName: carrier.trim(),
        trackingNumber: trackingCode,
        ...(account.trim() ? { carrierAccountNumber: account.trim() } : {}),
        driveIds: boxed,
      });
      say({
        tone: 'accepted',
        key: 'pk.shipped',
        params: { job: job.name, n: boxed.length, state: jobStateName(lang, after.properties.state) },
      });
      setSelected(null);
      load();
    } catch (e) {
      say({ tone: 'rejected', key: 'pk.title', error: toCoreError(e) });
    } finally {
      setBusy(false);
    }
  };

  const tagFor = async (driveId: string) => {
    try {
      const file = await theApi().call('labels.render', { kind: 'drive-tag', driveId, format: 'pdf' });
      setPdf({ url: blobUrl(file), filename: file.filename });
      say({ tone: 'accepted', key: 'pk.pdfReady', params: { file: file.filename } });
    } catch (e) {
      say({ tone: 'rejected', key: 'pk.title', error: toCoreError(e) });
    }
  };

  const submitSerial = (e: FormEvent) => {
    e.preventDefault();
    void scanDrive(serial);
    setSerial('');
  };

  const noteParams = note?.fields ? { ...note.params, fields: fieldList(lang, note.fields) } : note?.params;
  const noteText = note ? (note.error ? packError(lang, note.error) : t(note.key, noteParams)) : null;
  const zplSet = Boolean(settings?.zplPrinter?.host);
  const noteCodes = codesIn([note?.params, note?.error?.detail]);

  return (
    <div className="packaging" data-testid="packaging-screen">
      <header className="screen-head">
        <h1>{t('pk.title')}</h1>
      </header>
      {noteText ? (
        <p
          ref={noteRef}
          tabIndex={-1}
          className={`pk-note pk-note-${note!.tone}`}
          role={note!.tone === 'rejected' ? 'alert' : 'status'}
          data-testid="pack-note"
          data-tone={note!.tone}
          data-code={note!.error?.code ?? note!.key}
        >
          {note!.error && note!.key === 'pk.labelFirst' ? (
            <>
              <Coded text={noteText} codes={noteCodes} /> <span className="pk-sub">{t('pk.labelFirst')}</span>
            </>
          ) : (
            <Coded text={noteText} codes={noteCodes} />
          )}
        </p>
      ) : null}
      {heldBack ? (
        <p className="pk-note pk-note-rejected" role="alert" data-testid="pack-held-back">
          {et('clock.elsewhere')}
        </p>
      ) : null}
      {destroying ? (
        <DestroyDialog
          heldSerials={held.map((r) => r.driveId!)}
          onClose={() => {
            setDestroying(false);
            load();
          }}
        />
      ) : null}
      <div className="split">
        <nav className="split-list" aria-label={t('pk.waiting')}>
          <h2>{t('pk.waiting')}</h2>
          {jobs.length === 0 ? (
            <p className="empty">{t('pk.none')}</p>
          ) : (
            <ul>
              {jobs.map((j) => (
                <li key={j.name}>
                  <button
                    type="button"
                    className={`list-item ${selected === j.name ? 'active' : ''}`}
                    aria-current={selected === j.name ? 'true' : undefined}
                    onClick={() => chooseJob(j.name)}
                    data-job={j.name}
                  >
                    <span className="big">{j.name}</span> <span className={`chip chip-job-${j.state}`}>{jobStateName(lang, j.state)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <h2>{t('pk.heldDue')}</h2>
          {held.length ? (
            <p>
              <button type="button" className="btn btn-small btn-danger" onClick={() => setDestroying(true)} data-testid="destroy-open">
                <Icon name="cross" size={20} /> {bt('destroy.open')}
              </button>
            </p>
          ) : null}
          {heldBox.box.length && !heldMode ? (
            <p>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => {
                  setSelected(null);
                  setHeldMode(true);
                }}
                data-testid="held-open"
              >
                {t('pk.heldOpen', { n: heldBox.box.length })}
              </button>
            </p>
          ) : null}
          {dueHeld.length === 0 ? (
            <p className="muted">{t('pk.heldNone')}</p>
          ) : (
            <ul className="pk-held" data-testid="held-due">
              {dueHeld.map((r) => {
                const inBox = heldBox.box.some((b) => b.driveId === r.driveId);
                return (
                  <li
                    key={r.driveId}
                    className={`drive drive-held ${inBox ? 'pk-held-in' : ''}`}
                    data-serial={r.driveId}
                    data-boxed={inBox ? 'yes' : 'no'}
                  >
                    <span className="drive-serial">{r.driveId}</span>
                    <span className="pk-held-meta">
                      {r.jobName ? (
                        <button type="button" className="link" onClick={() => go('jobs', r.jobName)}>
                          {r.jobName}
                        </button>
                      ) : (
                        <span className="pk-nojob">{t('pk.heldNoJob')}</span>
                      )}
                      {' · '}
                      {t('pk.heldSince', { date: formatDate(lang, r.since) })}
                    </span>
                    {r.action === 'releaseHold' ? (
                      <span className="pk-held-meta warn-text">{t('pk.heldReady')}</span>
                    ) : (
                      <button type="button" className="btn btn-small" disabled={inBox} onClick={() => offerHeld(r)} data-testid="held-add">
                        {inBox ? t('pk.heldInBox') : t('pk.heldAdd')}
                      </button>
                    )}
                    <button type="button" className="btn btn-small" onClick={() => void tagFor(r.driveId!)}>
                      {t('pk.tag')}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </nav>

        {heldMode ? (
          <HeldReturnPanel
            h={heldBox}
            operator={operator}
            zplSet={zplSet}
            canPrint={transport === 'ipc'}
            onSerial={(c) => void scanDrive(c)}
          />
        ) : !job || job.name !== selected ? (
          // a job just shipped may still be read back once after it was let go: it is not shown again
          <section className="split-detail">
            <p className="empty">{t('pk.choose')}</p>
          </section>
        ) : (
          <section className="split-detail pk-detail" aria-labelledby="pk-job" data-job={job.name}>
            <h2 id="pk-job">
              {job.name} <span className={`chip chip-job-${job.properties.state}`}>{jobStateName(lang, job.properties.state)}</span>
            </h2>

            <div className="pk-grid">
              <div className="pk-box" aria-labelledby="pk-box-title">
                <h3 id="pk-box-title">
                  <Icon name="box" size={26} /> {t('pk.box')}
                </h3>
                <p className={`count ${complete ? 'pk-complete' : ''}`} data-testid="box-count" aria-live="polite">
                  {complete
                    ? t('pk.allIn', { total: drives.ready.length })
                    : t('pk.count', { n: boxed.length, total: drives.ready.length })}
                </p>
                <div className="progress">
                  <div
                    className="progress-bar"
                    style={{ width: `${drives.ready.length ? (100 * boxed.length) / drives.ready.length : 0}%` }}
                  />
                </div>
                <form className="pk-scan" onSubmit={submitSerial}>
                  <label htmlFor="pk-serial" className="pk-label">
                    {t('pk.scanPrompt')}
                  </label>
                  <div className="pk-row">
                    <input
                      id="pk-serial"
                      ref={serialRef}
                      className="pk-input mono"
                      value={serial}
                      onChange={(e) => setSerial(e.target.value)}
                      placeholder={t('pk.serial')}
                      aria-label={t('pk.serial')}
                      autoComplete="off"
                      spellCheck={false}
                    />
                    <button type="submit" className="btn">
                      {t('pk.add')}
                    </button>
                  </div>
                </form>
                <ul className="drives" data-testid="box-drives">
                  {drives.ready.map((d) => {
                    const inBox = boxed.includes(d.driveId);
                    return (
                      <li
                        key={d.driveId}
                        className={`drive ${inBox ? 'drive-Received' : 'pk-out'} ${d.role !== 'listed' ? 'drive-role-extra' : ''}`}
                        data-serial={d.driveId}
                        data-boxed={inBox ? 'yes' : 'no'}
                      >
                        <span className="drive-mark">{inBox ? <Icon name="check" size={22} /> : <span className="pk-empty-mark" />}</span>
                        <span className="drive-serial">{d.driveId}</span>
                        {d.role !== 'listed' ? <span className="chip">{t('pk.extra')}</span> : null}
                        {d.role !== 'listed' ? (
                          <button
                            type="button"
                            className="btn btn-small"
                            onClick={() => void tagFor(d.driveId)}
                            data-testid={`tag-${d.driveId}`}
                            aria-label={bt('label.driveTag', { serial: d.driveId })}
                          >
                            {t('pk.tag')}
                          </button>
                        ) : null}
                        <span className="sr-only">{inBox ? t('pk.inBox') : t('pk.notInBox')}</span>
                        {inBox ? (
                          <button type="button" className="btn btn-small" onClick={() => setBoxed(boxed.filter((s) => s !== d.driveId))}>
                            {t('pk.remove')}
                          </button>
                        ) : null}
                      </li>
                    );
                  })}
                </ul>
                {missing.length && boxed.length ? (
                  <p className="warn-text" data-testid="box-missing">
                    {t('pk.missing', { list: missing.map((d) => d.driveId).join(', ') })}
                  </p>
                ) : null}
                {drives.busy.length ? (
                  <p className="warn-text">
                    {t('pk.notReady', { list: drives.busy.map((d) => `${d.driveId} (${driveStateName(lang, d.state)})`).join(', ') })}
                  </p>
                ) : null}
              </div>

              <div className="pk-ship">
                <h3>{t('pk.address')}</h3>
                {addressMissing.length ? (
                  <p className="form-error" role="alert" data-testid="address-missing">
                    {t('pk.addressMissing', { fields: fieldList(lang, addressMissing) })}
                  </p>
                ) : (
                  <address className="pk-address" data-testid="return-address">
                    <strong>{job.properties.returnAddress?.recipientName}</strong>
                    <br />
                    {job.properties.returnAddress?.streetAddress1}
                    {job.properties.returnAddress?.streetAddress2 ? <>, {job.properties.returnAddress.streetAddress2}</> : null}
                    <br />
                    {[
                      job.properties.returnAddress?.city,
                      job.properties.returnAddress?.stateOrProvince,
                      job.properties.returnAddress?.postalCode,
                    ]
                      .filter(Boolean)
                      .join(' ')}
                    , {job.properties.returnAddress?.countryOrRegion}
                    <br />
                    <span className="muted">
                      {job.properties.returnAddress?.phone} · {job.properties.returnAddress?.email}
                    </span>
                  </address>
                )}
                <h3>{t('pk.shipment')}</h3>
                <div className="pk-fields">
                  <label htmlFor="pk-carrier">{t('pk.carrier')}</label>
                  <input id="pk-carrier" value={carrier} onChange={(e) => setCarrier(e.target.value)} maxLength={64} autoComplete="off" />
                  <label htmlFor="pk-account">{t('pk.account')}</label>
                  <input id="pk-account" value={account} onChange={(e) => setAccount(e.target.value)} maxLength={64} autoComplete="off" />
                  <label htmlFor="pk-tracking">{t('pk.tracking')}</label>
                  <input
                    id="pk-tracking"
                    ref={trackingRef}
                    className="mono"
                    value={tracking}
                    onChange={(e) => setTracking(e.target.value)}
                    maxLength={64}
                    autoComplete="off"
                    spellCheck={false}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') e.preventDefault();
                    }}
                  />
                </div>
                <div className="pk-actions">
                  <button
                    type="button"
                    className="btn btn-big"
                    disabled={!canLabel || busy || addressMissing.length > 0}
                    onClick={() => void label('pdf')}
                    data-testid="label-pdf"
                  >
                    {t('pk.labelPdf')}
                  </button>
                  {zplSet ? (
                    <button
                      type="button"
                      className="btn btn-big"
                      disabled={!canLabel || busy}
                      onClick={() => void label('zpl')}
                      data-testid="label-zpl"
                    >
                      {t('pk.labelZpl')}
                    </button>
                  ) : null}
                  {transport === 'ipc' ? (
                    <button
                      type="button"
                      className="btn btn-big"
                      disabled={!canLabel || busy}
                      onClick={() => void label('print')}
                      data-testid="label-print"
                    >
                      {t('pk.labelPrint')}
                    </button>
                  ) : null}
                </div>
                {pdf ? (
                  <p>
                    <a className="link" href={pdf.url} download={pdf.filename} data-testid="label-download">
                      {t('pk.download', { file: pdf.filename })}
                    </a>
                  </p>
                ) : null}
                <p
                  className={labelOut === signature ? 'form-ok' : 'muted'}
                  data-testid="label-state"
                  data-how={labelOut === signature ? (labelHow?.how ?? '') : ''}
                >
                  {labelOut === signature && labelHow ? (
                    <>
                      {t('pk.labelOut')}{' '}
                      <span data-testid="label-how">
                        {labelHow.how === 'pdf'
                          ? bt('label.savedPdf', { time: formatTime(lang, labelHow.at.toISOString()), file: labelHow.file ?? '' })
                          : bt('label.printed', { time: formatTime(lang, labelHow.at.toISOString()), printer: labelHow.printer ?? '' })}
                      </span>
                    </>
                  ) : labelOut === signature ? (
                    t('pk.labelOut')
                  ) : (
                    t('pk.labelFirst')
                  )}
                </p>
                {labelOut === signature && labelHow ? (
                  <p>
                    <button
                      type="button"
                      className="btn"
                      disabled={busy}
                      onClick={() => void label(labelHow.how)}
                      data-testid="label-again"
                    >
                      {bt('label.reprint')}
                    </button>
                  </p>
                ) : null}
                {labelOut === signature ? (
                  <figure className="pk-preview">
                    <figcaption>{bt('label.preview')}</figcaption>
                    <iframe
                      title={bt('label.preview')}
                      src={preview ?? 'about:blank'}
                      sandbox=""
                      className="pk-preview-frame"
                      data-testid="label-preview"
                    />
                  </figure>
                ) : null}
                <button
                  type="button"
                  className="btn btn-big btn-primary pk-shipbtn"
                  disabled={!canShip}
                  onClick={() => void ship()}
                  data-testid="ship"
                >
                  <Icon name="check" size={26} /> {t('pk.ship')}
                </button>
              </div>
            </div>
          </section>
        )}
      </div>
    </div>
  );
}
