// Receive: the screen the dock works at. A scan needs no click: the wedge takes it wherever focus is.
// Big banner for the last scan (colour, icon, words, sound), the open package with "3 of 5 received",
// buttons (and keys, and command barcodes) for close, next, undo, and a field for damaged labels.
import { memo, useEffect, useEffectEvent, useRef, useState, type FormEvent } from 'react';
import { dock, useDock, type Feedback, type FeedbackKind } from '../store.ts';
import { answer, command, moveHereLine, submitScan, takeBackLine, takeOffer } from '../flow.ts';
import { useReceiveT } from '../i18n-receive.ts';
import { theApi, toCoreError, pushFeedback } from '../store.ts';
import { blobUrl } from './packaging-shared.ts';
import { useLang, useT, type T } from '../useT.ts';
import { driveStateName, errorText, formatDate, formatTime, jobStateName, printable, type Lang } from '../i18n.ts';
import { scanWords } from '../i18n-scan.ts';
import { Icon, type IconName } from '../components/Icon.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { Coded, codesIn } from '../components/Coded.tsx';
import type { PackageView, PackageJobView } from '../../../electron/core/queries/views.ts';
import type { DriveView } from '../../../electron/core/model.ts';

const KIND_ICON: Record<FeedbackKind, IconName> = {
  received: 'check',
  arrivedLater: 'check',
  exportAdded: 'check',
  extra: 'plus',
  otherJob: 'swap',
  held: 'pause',
  alreadyReceived: 'repeat',
  duplicate: 'double',
  rejected: 'cross',
  package: 'box',
  packageHeld: 'pause',
  closed: 'box',
  undone: 'undo',
  command: 'info',
  signedIn: 'user',
  confirmExtra: 'plus',
  dropped: 'undo',
  moved: 'swap',
};

/** A drive tag for an extra or held drive, drawn at once so it goes on the drive before it leaves the bench. */
async function printTag(serial: string): Promise<void> {
  try {
    const file = await theApi().call('labels.render', { kind: 'drive-tag', driveId: serial, format: 'pdf' });
    const prev = dock.get().tag;
    if (prev) URL.revokeObjectURL(prev.url);
    const url = blobUrl(file);
    dock.set({ tag: { serial, url, filename: file.filename } });
    pushFeedback({
      kind: 'command',
      tone: 'notice',
      sound: 'command',
      code: serial,
      title: 'fb.command',
      text: { words: { kind: 'tagReady', serial, file: file.filename } },
    });
  } catch (e) {
    pushFeedback({
      kind: 'rejected',
      tone: 'rejected',
      sound: 'rejected',
      code: serial,
      title: 'fb.rejected',
      text: { error: toCoreError(e) },
    });
  }
}

export function feedbackText(lang: Lang, t: T, f: Feedback): string {
  if ('words' in f.text) return scanWords(lang, f.text.words);
  return 'error' in f.text ? errorText(lang, f.text.error, f.text.scanned) : t(f.text.key, f.text.params);
}

/** A feedback's words as shown: the codes it names (scanned, offered, in its parameters) never broken across lines. */
function FeedbackWords({ lang, t, f }: { lang: Lang; t: T; f: Feedback }) {
  return <Coded text={feedbackText(lang, t, f)} codes={codesIn([f.code, printable(f.code.trim().toUpperCase()), f.text, f.offer])} />;
}

function Banner() {
  const t = useT();
  const rt = useReceiveT();
  const wrap = useRef<HTMLElement>(null);
  // the banner's height, for the drive list below it to fit the window (the banner never scrolls away)
  useEffect(() => {
    const el = wrap.current;
    if (!el || typeof ResizeObserver !== 'function') return;
    const ro = new ResizeObserver(() => document.documentElement.style.setProperty('--banner-h', `${el.offsetHeight}px`));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const lang = useLang();
  const f = useDock((s) => s.feedback);
  const pkg = useDock((s) => s.pkg);
  const operator = useDock((s) => s.operator);
  const prompt = !operator
    ? t('receive.promptSignIn')
    : pkg && pkg.state === 'open'
      ? t('receive.promptDrives', { tracking: pkg.trackingNumber })
      : t('receive.promptPackage');
  return (
    <section ref={wrap} className="banner-wrap" aria-label={t('receive.lastScan')}>
      <div
        className={`banner banner-${f?.kind ?? 'idle'}`}
        data-testid="scan-feedback"
        data-tone={f?.tone ?? 'idle'}
        data-kind={f?.kind ?? 'idle'}
        data-sound={f?.sound ?? ''}
        data-feedback-id={f?.id ?? 0}
        role="status"
        aria-live="assertive"
        aria-atomic="true"
      >
        {f ? (
          <>
            <Icon name={KIND_ICON[f.kind]} size={88} className="banner-icon" />
            <div className="banner-body">
              <div className="banner-head">
                <span className="banner-title">
                  {t(f.title)}
                  <span className="sr-only"> ({t(`tone.${f.tone}`)})</span>
                </span>
                {f.code && !f.code.startsWith('CMD:') ? (
                  <span className="banner-code" data-testid="feedback-code">
                    {printable(f.code.trim().toUpperCase())}
                  </span>
                ) : null}
              </div>
              <div className="banner-text" data-testid="feedback-text">
                <FeedbackWords lang={lang} t={t} f={f} />
              </div>
              {f.offer ? (
                <div>
                  <button
                    type="button"
                    className="btn btn-offer"
                    onClick={() => takeOffer()}
                    aria-keyshortcuts="F6"
                    data-testid={f.offer.kind === 'receiveHeld' ? 'receive-held' : `offer-${f.offer.kind}`}
                  >
                    {/* one flow of words: the button lays out its children side by side */}
                    <span>
                      <Coded
                        text={
                          f.offer.kind === 'receiveHeld'
                            ? t('receive.receiveHeld', { code: f.offer.code })
                            : f.offer.kind === 'openBox'
                              ? t('receive.openBoxOf', { tracking: f.offer.code, serial: f.offer.serial })
                              : rt(f.offer.kind === 'confirmExtra' ? 'rx.confirmExtra' : 'rx.moveHere', { code: f.offer.code })
                        }
                        codes={codesIn(f.offer)}
                      />
                    </span>{' '}
                    <kbd>F6</kbd>
                  </button>
                </div>
              ) : null}
            </div>
          </>
        ) : (
          <div className="banner-body">
            <div className="banner-title">{t('receive.idle')}</div>
          </div>
        )}
      </div>
      <p className="prompt" data-testid="prompt">
        <Icon name="info" size={30} /> <Coded text={prompt} codes={codesIn(pkg?.trackingNumber)} />
      </p>
    </section>
  );
}

function driveChip(lang: Lang, t: T, d: DriveView) {
  return (
    <span className={`chip chip-${d.held ? 'held' : d.state}`}>{d.held ? t('receive.arrivedHeld') : driveStateName(lang, d.state)}</span>
  );
}

/**
 * Brings the row a scan just changed into view, scrolling its list (never the page). Asked at the next frame,
 * where the layout is computed for the paint anyway, and only for the newest row of a burst: a scan's answer
 * never waits on a layout of its own.
 */
let scrollTarget: HTMLElement | null = null;
function scrollWithin(el: HTMLElement): void {
  const first = scrollTarget === null;
  scrollTarget = el;
  if (!first) return;
  requestAnimationFrame(() => {
    const target = scrollTarget;
    scrollTarget = null;
    if (!target?.isConnected) return;
    const x = window.scrollX;
    const y = window.scrollY;
    // an extra or other-job drive: its whole box, heading too, comes into view
    (target.closest<HTMLElement>('.pkg-others') ?? target).scrollIntoView({ block: 'nearest' });
    if (window.scrollX !== x || window.scrollY !== y) window.scrollTo(x, y);
  });
}

// A package may hold 200 drives and a scan changes one: rows and job blocks re-render only when what they
// show changed, so a scan's answer reaches the screen in a few milliseconds.
const sameDrive = (a: DriveView, b: DriveView) =>
  a.driveId === b.driveId &&
  a.state === b.state &&
  a.held === b.held &&
  a.role === b.role &&
  a.packageTrackingNumber === b.packageTrackingNumber;

/** Missing drives first: what is still to find leads the list; NeverReceived next; received last. */
const MISSING_FIRST: Record<string, number> = { Specified: 0, NeverReceived: 1 };
const missingFirst = (ds: readonly DriveView[]): DriveView[] =>
  ds
    .map((d, i) => ({ d, i, rank: d.held ? 2 : (MISSING_FIRST[d.state] ?? 2) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.d);

const DriveRow = memo(
  function DriveRow({
    d,
    role,
    jobName,
    other = false,
    box = null,
  }: {
    d: DriveView;
    role: string;
    jobName: string | null;
    other?: boolean;
    /** The open box: a line scanned into it can be taken back. */
    box?: string | null;
  }) {
    const lang = useLang();
    const t = useT();
    const rt = useReceiveT();
    const row = useRef<HTMLLIElement>(null);
    const first = useRef(true);
    // read when the row appears; a later change of role is not a scan and scrolls nothing
    const extraOrOther = useEffectEvent(() => role !== 'listed' || other);
    // the row a scan just changed comes into view, so the person sees it turn: its list scrolls, never the
    // page (the banner above stays where it is)
    useEffect(() => {
      const el = row.current;
      if (first.current) {
        first.current = false;
        // an extra or other-job drive appears when scanned: show where it went
        if (el && extraOrOther()) scrollWithin(el);
        return;
      }
      // missing drives lead the list, so a row scanned moves: what the observer saw before the move is stale
      if (el) scrollWithin(el);
    }, [d.state, d.held]);
    const received = d.state === 'Received' || d.state === 'Transferring' || d.state === 'Completed' || d.state === 'CompletedMoreInfo';
    return (
      <li
        ref={row}
        className={`drive drive-${d.held ? 'held' : d.state} drive-role-${role}${other && jobName ? ' drive-other-job' : ''}`}
        data-serial={d.driveId}
        data-state={d.state}
        data-role={role}
        data-held={d.held ? 'true' : 'false'}
        data-job={jobName ?? ''}
      >
        <span className="drive-mark" aria-hidden="true">
          {received ? (
            <Icon name="check" size={26} />
          ) : d.held ? (
            <Icon name="pause" size={26} />
          ) : d.state === 'NeverReceived' ? (
            <Icon name="cross" size={26} />
          ) : (
            <span className="dot" />
          )}
        </span>
        <span className="drive-serial">{d.driveId}</span>
        {other && jobName ? (
          <span className="drive-job">
            <Icon name="swap" size={20} /> {jobName}
          </span>
        ) : null}
        {role === 'extra' && !d.held ? <span className="chip chip-extra">{t('fb.extra')}</span> : driveChip(lang, t, d)}
        {box && d.packageTrackingNumber === box ? (
          <span className="line-actions">
            {role === 'extra' || role === 'orphan' || d.held ? (
              <button
                type="button"
                className="btn btn-line"
                onClick={() => void printTag(d.driveId)}
                aria-label={rt('rx.tagLabel', { serial: d.driveId })}
                data-testid={`tag-${d.driveId}`}
              >
                {rt('rx.tag')}
              </button>
            ) : null}
            {/* an icon with its words in the label and tooltip: the line stays one line at 1366 */}
            <button
              type="button"
              className="btn btn-line btn-icon"
              onClick={() => takeBackLine(d.driveId)}
              aria-label={rt('rx.takeBackLabel', { serial: d.driveId })}
              title={rt('rx.takeBackLabel', { serial: d.driveId })}
              data-testid={`take-back-${d.driveId}`}
            >
              <Icon name="undo" size={18} />
            </button>
          </span>
        ) : null}
      </li>
    );
  },
  (a, b) => sameDrive(a.d, b.d) && a.role === b.role && a.jobName === b.jobName && a.other === b.other && a.box === b.box,
);

const sameDrives = (a: DriveView[], b: DriveView[]) => a.length === b.length && a.every((d, i) => sameDrive(d, b[i]!));
const sameJob = (a: PackageJobView, b: PackageJobView) =>
  a.name === b.name &&
  a.state === b.state &&
  a.held === b.held &&
  a.cancelRequested === b.cancelRequested &&
  a.receivedCount === b.receivedCount &&
  a.expectedCount === b.expectedCount &&
  sameDrives(a.expected, b.expected) &&
  sameDrives(a.extra, b.extra);

const JobBlock = memo(
  function JobBlock({ job, box }: { job: PackageJobView; box: string | null }) {
    const t = useT();
    const lang = useLang();
    const pct = job.expectedCount ? Math.round((job.receivedCount / job.expectedCount) * 100) : 0;
    return (
      <article className={`pkg-job ${job.held ? 'pkg-job-held' : ''}`} data-job={job.name} aria-label={t('job.title', { name: job.name })}>
        <header className="pkg-job-head">
          <h3>{job.name}</h3>
          <span className={`chip chip-job-${job.state}`}>{jobStateName(lang, job.state)}</span>
          {job.cancelRequested ? <span className="chip chip-Faulted">{t('receive.cancelled')}</span> : null}
        </header>
        <div className="count" data-testid={`count-${job.name}`} data-received={job.receivedCount} data-expected={job.expectedCount}>
          {t(job.held ? 'receive.countHeld' : 'receive.countOf', { received: job.receivedCount, expected: job.expectedCount })}
        </div>
        <div
          className="progress"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={job.expectedCount}
          aria-valuenow={job.receivedCount}
          aria-label={t('receive.countOf', { received: job.receivedCount, expected: job.expectedCount })}
        >
          <div className="progress-bar" style={{ width: `${pct}%` }} />
        </div>
        <ul className="drives" aria-label={t('receive.expected')}>
          {missingFirst(job.expected).map((d) => (
            <DriveRow key={d.driveId} d={d} role="listed" jobName={job.name} box={box} />
          ))}
        </ul>
      </article>
    );
  },
  (a, b) => sameJob(a.job, b.job) && a.box === b.box,
);

function HeldBox({ pkg }: { pkg: PackageView }) {
  const t = useT();
  const lang = useLang();
  const deadlines = useDock((s) => s.heldDeadlines);
  return (
    <div className="held-box" data-testid="held-box" role="note">
      <div className="held-title">
        <Icon name="pause" size={40} /> {t('receive.heldTitle')}
      </div>
      <p>{t('receive.heldText')}</p>
      {deadlines.length ? (
        <>
          <h4>{t('receive.heldDeadlines')}</h4>
          <ul className="deadlines" data-testid="held-deadlines">
            {deadlines.map((d) => (
              <li key={`${d.kind}-${d.driveId}`} data-kind={d.kind} data-drive={d.driveId ?? ''} className={d.overdue ? 'overdue' : ''}>
                <strong>{d.driveId}</strong>{' '}
                {t(d.kind === 'heldReturn' ? 'deadline.heldReturn' : 'deadline.heldDestruction', { date: formatDate(lang, d.dueAt) })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {pkg.jobs.length === 0 ? <p className="muted">{t('receive.noJob')}</p> : null}
    </div>
  );
}

/** Every non-green outcome of the open box, listed until it closes (a burst moves the banner on in milliseconds). */
function BoxNotes() {
  const rt = useReceiveT();
  const t = useT();
  const lang = useLang();
  const notes = useDock((s) => s.boxNotes);
  if (!notes.length) return null;
  return (
    <section className="box-notes" data-testid="box-notes" data-count={notes.length} aria-labelledby="box-notes-title">
      <h3 id="box-notes-title">
        <Icon name="info" size={22} /> {rt('rx.notes', { n: notes.length })}
      </h3>
      <ul className="box-notes-list">
        {notes.map((f) => (
          <li key={f.id} className={`box-note recent-${f.kind}`} data-kind={f.kind} data-code={f.code.trim().toUpperCase()}>
            <Icon name={KIND_ICON[f.kind]} size={20} />
            <span className="box-note-title">{t(f.title)}</span>
            <span className="box-note-code mono">{printable(f.code.trim().toUpperCase())}</span>
            <span className="box-note-text" title={feedbackText(lang, t, f)}>
              <FeedbackWords lang={lang} t={t} f={f} />
            </span>
            {f.offer?.kind === 'moveHere' ? (
              <button
                type="button"
                className="btn btn-line box-note-action"
                onClick={() => moveHereLine(f.offer!.code)}
                data-testid={`move-here-${f.offer.code}`}
              >
                {rt('rx.moveHere', { code: f.offer.code })}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What a box holds that needs a look when it closes: extra drives, drives of other jobs, held drives. */
function lookAt(pkg: PackageView): { extras: string[]; otherJob: { serial: string; job: string | null }[]; heldDrives: string[] } {
  const inBox = new Set(pkg.jobs.map((j) => j.name));
  return {
    extras: pkg.scanned.filter((d) => d.role === 'extra' && !d.held).map((d) => d.driveId),
    otherJob: pkg.scanned
      .filter((d) => !d.held && d.role === 'listed' && (!d.jobName || !inBox.has(d.jobName)))
      .map((d) => ({ serial: d.driveId, job: d.jobName })),
    heldDrives: pkg.scanned.filter((d) => d.held).map((d) => d.driveId),
  };
}

function ClosedList({ title, serials, testId }: { title: string; serials: { serial: string; job?: string | null }[]; testId: string }) {
  if (!serials.length) return null;
  return (
    <>
      <p className="closed-never-title">{title}</p>
      <ul className="drives drives-compact" data-testid={testId}>
        {serials.map((d) => (
          <li key={d.serial} className="drive" data-serial={d.serial}>
            <span className="drive-serial">{d.serial}</span>
            {d.job ? <span className="drive-job">{d.job}</span> : null}
          </li>
        ))}
      </ul>
    </>
  );
}

function PackagePanel() {
  const t = useT();
  const rt = useReceiveT();
  const lang = useLang();
  const pkg = useDock((s) => s.pkg);
  const lastClosed = useDock((s) => s.lastClosed);
  if (!pkg) {
    if (!lastClosed) return null;
    return (
      <section
        className={`closed-summary ${lastClosed.neverReceived.length ? 'closed-never' : 'closed-clean'}`}
        data-testid="closed-summary"
        data-tracking={lastClosed.trackingNumber}
        data-never={lastClosed.neverReceived.length}
        data-extras={lastClosed.extras.length}
        data-other-job={lastClosed.otherJob.length}
        data-held-drives={lastClosed.heldDrives.length}
      >
        <p className="closed-line">
          <Icon name="box" size={36} />
          {lastClosed.held
            ? t('receive.lastClosedHeld', { tracking: lastClosed.trackingNumber })
            : t('receive.lastClosed', {
                tracking: lastClosed.trackingNumber,
                received: lastClosed.received,
                never: lastClosed.neverReceived.length,
              })}
        </p>
        {lastClosed.neverReceived.length ? <p className="closed-never-title">{t('receive.neverList')}</p> : null}
        {lastClosed.neverReceived.length ? (
          <ul className="drives" data-testid="closed-never-list">
            {lastClosed.neverReceived.map((d) => (
              <li key={d} className="drive drive-NeverReceived" data-serial={d} data-state="NeverReceived">
                <span className="drive-mark">
                  <Icon name="cross" size={26} />
                </span>
                <span className="drive-serial">{d}</span>
              </li>
            ))}
          </ul>
        ) : null}
        <ClosedList title={rt('rx.closedExtras')} serials={lastClosed.extras.map((serial) => ({ serial }))} testId="closed-extras" />
        <ClosedList title={rt('rx.closedOther')} serials={lastClosed.otherJob} testId="closed-other-job" />
        <ClosedList title={rt('rx.closedHeld')} serials={lastClosed.heldDrives.map((serial) => ({ serial }))} testId="closed-held" />
      </section>
    );
  }
  const box = pkg.state === 'open' ? pkg.trackingNumber : null;
  const inPackage = new Set(pkg.jobs.map((j) => j.name));
  const others = pkg.scanned.filter((d) => !d.jobName || !inPackage.has(d.jobName));
  const extras = pkg.jobs.flatMap((j) => j.extra.map((d) => ({ d, job: j.name })));
  const received = pkg.jobs.reduce((n, j) => n + j.receivedCount, 0);
  const expected = pkg.jobs.reduce((n, j) => n + j.expectedCount, 0);
  return (
    <section
      className={`package package-${pkg.state} ${pkg.held ? 'package-held' : ''}`}
      data-testid="package"
      data-tracking={pkg.trackingNumber}
      data-state={pkg.state}
      data-held={pkg.held ? 'true' : 'false'}
      aria-labelledby="pkg-title"
    >
      <header className="package-head">
        <h2 id="pkg-title">
          <Icon name="box" size={34} /> {t('receive.package')} <span className="mono">{pkg.trackingNumber}</span>
        </h2>
        <div className="package-meta">
          {pkg.carrierName ? (
            <span>
              {t('receive.carrier')}: {pkg.carrierName}
            </span>
          ) : null}
          <span>{t('receive.openedBy', { operator: pkg.openedBy, time: formatTime(lang, pkg.openedAt) })}</span>
        </div>
        {pkg.jobs.length > 1 ? (
          <div className="count count-total" data-testid="count-total">
            {t('receive.countOf', { received, expected })}
          </div>
        ) : expected ? (
          <div className="count count-head" data-testid="count-head" aria-hidden="true">
            {rt('rx.countHead', { received, expected })}
          </div>
        ) : null}
      </header>
      {others.length || extras.length ? (
        <div className="pkg-others" data-testid="pkg-others">
          {extras.length ? (
            <>
              <h3>{t('receive.extras')}</h3>
              <ul className="drives drives-compact" aria-label={t('receive.extras')}>
                {extras.map((x) => (
                  <DriveRow key={x.d.driveId} d={x.d} role="extra" jobName={x.job} box={box} />
                ))}
              </ul>
            </>
          ) : null}
          {others.length ? (
            <>
              <h3>{t('receive.scannedOther')}</h3>
              <ul className="drives drives-compact">
                {others.map((d) => (
                  <DriveRow key={d.driveId} d={d} role={d.role} jobName={d.jobName} other box={box} />
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      {pkg.held || pkg.scanned.some((d) => d.held) ? <HeldBox pkg={pkg} /> : null}
      <div className="pkg-jobs">
        {pkg.jobs.map((j) => (
          <JobBlock key={j.name} job={j} box={box} />
        ))}
      </div>
    </section>
  );
}

function Controls() {
  const t = useT();
  const pkg = useDock((s) => s.pkg);
  const pending = useDock((s) => s.pending);
  const tag = useDock((s) => s.tag);
  const rt = useReceiveT();
  const [manual, setManual] = useState('');
  const field = useRef<HTMLInputElement>(null);
  const open = pkg?.state === 'open';

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (document.querySelector('dialog[open]')) return;
      if (e.key === 'F2') {
        e.preventDefault();
        field.current?.focus();
      } else if (e.key === 'F4') {
        e.preventDefault();
        command('UNDO');
      } else if (e.key === 'F6') {
        const o = dock.get().feedback?.offer;
        if (o) {
          e.preventDefault();
          takeOffer();
        }
      } else if (e.key === 'F8') {
        e.preventDefault();
        command('CLOSE');
      } else if (e.key === 'F9') {
        e.preventDefault();
        command('NEXT');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    // the field itself, not the last render's state: keys given back by the wedge may be newer
    const value = field.current?.value ?? manual;
    if (!value.trim()) return;
    submitScan(value, 'manual');
    setManual('');
  };

  return (
    <section className="controls" aria-label={t('receive.title')}>
      <div className="control-buttons">
        <button
          type="button"
          className="btn btn-big btn-close"
          onClick={() => command('CLOSE')}
          disabled={!open}
          aria-keyshortcuts="F8"
          data-testid="close-package"
        >
          <Icon name="box" size={30} /> {t('receive.close')} <kbd>F8</kbd>
        </button>
        <button type="button" className="btn btn-big" onClick={() => command('NEXT')} aria-keyshortcuts="F9" data-testid="next-package">
          {t('receive.next')} <kbd>F9</kbd>
        </button>
        <button type="button" className="btn btn-big" onClick={() => command('UNDO')} aria-keyshortcuts="F4" data-testid="undo-scan">
          <Icon name="undo" size={30} /> {t('receive.undo')} <kbd>F4</kbd>
        </button>
      </div>
      <form className="manual" onSubmit={onSubmit} data-testid="manual-form">
        <label htmlFor="manual-code">
          {t('receive.manual')} <kbd>F2</kbd>
        </label>
        <div className="manual-row">
          <input
            id="manual-code"
            ref={field}
            value={manual}
            onChange={(e) => setManual(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            placeholder={t('receive.manualHint')}
            aria-keyshortcuts="F2"
            maxLength={128}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                setManual('');
                document.getElementById('main')?.focus({ preventScroll: true });
              }
            }}
          />
          <button type="submit" className="btn">
            {t('receive.manualSubmit')}
          </button>
        </div>
      </form>
      <div className="pending" data-testid="pending" data-pending={pending} aria-live="polite">
        {pending > 1 ? t('header.queue', { n: pending }) : ''}
      </div>
      {tag ? (
        <a className="link tag-link" href={tag.url} download={tag.filename} data-testid="tag-download">
          {rt('rx.tagOpen', { serial: tag.serial })}
        </a>
      ) : null}
    </section>
  );
}

function RecentScans() {
  const t = useT();
  const lang = useLang();
  const log = useDock((s) => s.log);
  return (
    <section className="recent" aria-labelledby="recent-title">
      <h2 id="recent-title">{t('receive.recent')}</h2>
      {log.length === 0 ? (
        <p className="muted">{t('receive.noScans')}</p>
      ) : (
        <ol className="recent-list" data-testid="recent">
          {log.map((f) => (
            <li key={f.id} className={`recent-item recent-${f.kind}`} data-tone={f.tone} data-kind={f.kind}>
              <Icon name={KIND_ICON[f.kind]} size={24} />
              <span className="recent-title">{t(f.title)}</span>
              <span className="recent-text">
                <FeedbackWords lang={lang} t={t} f={f} />
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function CloseDialog() {
  const t = useT();
  const rt = useReceiveT();
  const d = useDock((s) => s.dialog);
  const pkg = useDock((s) => s.pkg);
  const isClose = d?.kind === 'close';
  // F8 and F9 answer the question as CLOSE PACKAGE and NEXT PACKAGE would (the screen's keys wait meanwhile)
  useEffect(() => {
    if (!isClose) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F8' && e.key !== 'F9') return;
      e.preventDefault();
      answer({ confirm: true });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [isClose]);
  if (!d || d.kind !== 'close') return null;
  const jobs = pkg?.jobs ?? [];
  const heldCounts = { received: jobs.reduce((n, j) => n + j.receivedCount, 0), expected: jobs.reduce((n, j) => n + j.expectedCount, 0) };
  const s = pkg && pkg.trackingNumber === d.trackingNumber ? lookAt(pkg) : null;
  const seen = s && s.extras.length + s.otherJob.length + s.heldDrives.length ? s : null;
  return (
    <Dialog
      title={
        d.next ? rt('close.nextTitle', { tracking: d.trackingNumber, next: d.next }) : t('close.title', { tracking: d.trackingNumber })
      }
      onClose={() => answer({ confirm: false })}
      countsAsModal={false}
      tone={d.neverReceived.length ? 'warning' : 'neutral'}
      testId="close-dialog"
    >
      {d.neverReceived.length ? (
        <>
          <p className="dialog-lead">{t('close.willBeNever')}</p>
          <ul className="never-list-big" data-testid="never-received-list">
            {d.neverReceived.map((n) => (
              <li key={n.driveId} data-serial={n.driveId}>
                <span className="mono">{n.driveId}</span> <span className="never-job">{n.jobName}</span>
              </li>
            ))}
          </ul>
        </>
      ) : d.held ? null : (
        <p className="dialog-lead">{t('close.allHere')}</p>
      )}
      {d.held ? (
        <p className="held-note" data-testid="close-held-note">
          <Icon name="pause" size={28} />{' '}
          {/* with drives becoming NeverReceived the note says only what is held, never "nothing becomes NeverReceived" */}
          {d.neverReceived.length ? rt('close.heldAlso', heldCounts) : `${t('close.held')} ${rt('close.heldOnly', heldCounts)}`}
        </p>
      ) : null}
      {seen ? (
        <div className="close-seen" data-testid="close-seen">
          <ClosedList title={rt('rx.closedExtras')} serials={seen.extras.map((serial) => ({ serial }))} testId="close-extras" />
          <ClosedList title={rt('rx.closedOther')} serials={seen.otherJob} testId="close-other-job" />
          <ClosedList title={rt('rx.closedHeld')} serials={seen.heldDrives.map((serial) => ({ serial }))} testId="close-held-drives" />
        </div>
      ) : null}
      {d.waiting ? (
        <p className="close-waiting" data-testid="close-waiting" data-waiting={d.waiting}>
          {d.waiting === 1 ? rt('close.waitingOne') : rt('close.waiting', { n: d.waiting })}
        </p>
      ) : null}
      <p className="muted">
        {d.next
          ? rt('close.nextHint', { next: d.next, tracking: d.trackingNumber })
          : t(d.thenNext ? 'close.scanHintNext' : 'close.scanHint')}
      </p>
      <div className="dialog-buttons">
        <button
          type="button"
          className="btn btn-big btn-primary"
          data-autofocus
          onClick={() => answer({ confirm: true })}
          data-testid="confirm-close"
        >
          {d.next ? rt('close.confirmNext', { next: d.next }) : t('close.confirm')}
        </button>
        <button type="button" className="btn btn-big" onClick={() => answer({ confirm: false })}>
          {t('close.cancel')}
        </button>
      </div>
    </Dialog>
  );
}

function ChooseJobDialog() {
  const t = useT();
  const d = useDock((s) => s.dialog);
  useEffect(() => {
    if (!d || d.kind !== 'chooseJob') return;
    const onKey = (e: KeyboardEvent) => {
      const n = Number(e.key);
      if (Number.isInteger(n) && n >= 1 && n <= d.jobs.length) {
        e.preventDefault();
        answer({ confirm: true, jobName: d.jobs[n - 1]! });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [d]);
  if (!d || d.kind !== 'chooseJob') return null;
  return (
    <Dialog
      title={t('choose.title', { serial: d.serial })}
      onClose={() => answer({ confirm: false })}
      countsAsModal={false}
      tone="warning"
      testId="choose-job-dialog"
    >
      <p className="dialog-lead">{t('choose.text')}</p>
      <div className="dialog-buttons dialog-buttons-column">
        {d.jobs.map((j, i) => (
          <button
            type="button"
            key={j}
            className="btn btn-big"
            data-autofocus={i === 0 ? true : undefined}
            onClick={() => answer({ confirm: true, jobName: j })}
          >
            <kbd>{i + 1}</kbd> {j}
          </button>
        ))}
        <button type="button" className="btn" onClick={() => answer({ confirm: false })}>
          {t('choose.cancel')}
        </button>
      </div>
    </Dialog>
  );
}

export function Receive() {
  const hasNotes = useDock((s) => s.boxNotes.length > 0);
  return (
    <div className="receive" data-testid="receive-screen">
      <Banner />
      <div className="receive-grid">
        <div className="receive-main">
          <PackagePanel />
        </div>
        <aside className={hasNotes ? 'receive-side has-notes' : 'receive-side'}>
          <Controls />
          {/* beside the box, not in its list: a burst scrolls the list, never these out of view */}
          <BoxNotes />
          <RecentScans />
        </aside>
      </div>
      <CloseDialog />
      <ChooseJobDialog />
    </div>
  );
}
