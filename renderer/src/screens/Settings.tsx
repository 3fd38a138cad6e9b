// Settings: a supervisor's, behind their PIN. The station checks the PIN again on every save, test print and
// badge sheet (the page only carries it while the screen is open); each field changed becomes a custody record
// naming the supervisor, listed at the foot of the screen. Leaving the screen locks it.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { dock, theApi, toCoreError, useDock } from '../store.ts';
import { useLang, useT } from '../useT.ts';
import { errorText, formatDateZone, type CoreError, type Lang } from '../i18n.ts';
import { stationActionName, useSetupT } from '../i18n-setup.ts';
import { fillField, useScanHandler } from '../routing.ts';
import { play } from '../sounds.ts';
import { blobUrl } from './packaging-shared.ts';
import { AddressFields, addressFrom, type Address } from './setup-fields.tsx';
import { compact } from './FirstRun.tsx';
import type { CustodyRecord } from '../../../electron/core/model.ts';
import type { Output } from '../../../electron/api/contract.ts';
import './setup.css';

type View = Output<'settings.get'>;
interface Signer {
  operator: string;
  pin: string;
}
interface Row {
  key: number;
  name: string;
  badge: string;
  supervisor: boolean;
  hasPin: boolean;
  pin: string;
  removePin: boolean;
  was?: string;
}
type Note = { tone: 'accepted' | 'rejected'; text: string };

export function Settings() {
  const [signer, setSigner] = useState<Signer | null>(null);
  const [view, setView] = useState<View | null>(null);
  const [changes, setChanges] = useState<CustodyRecord[]>([]);
  useScanHandler('settings', (code) => {
    // a badge scanned into the focused field fills it; anywhere else it is not taken
    const el = document.activeElement;
    if (el instanceof HTMLInputElement && (el.type === 'text' || el.type === '')) fillField(el, code.trim());
    else play('rejected');
  });
  if (!signer || !view)
    return (
      <Unlock
        onOpen={(s, r) => {
          setSigner(s);
          setView(r.settings);
          setChanges(r.changes);
        }}
      />
    );
  const saved = (v: View, c: CustodyRecord[]) => {
    setView(v);
    setChanges(c);
  };
  return (
    <SettingsForm
      signer={signer}
      view={view}
      changes={changes}
      onSaved={saved}
      onLock={() => {
        setSigner(null);
        setView(null);
      }}
    />
  );
}

function Unlock({ onOpen }: { onOpen: (s: Signer, r: Output<'settings.unlock'>) => void }) {
  const st = useSetupT();
  const lang = useLang();
  const info = useDock((s) => s.info);
  const me = useDock((s) => s.operator);
  const supervisors = (info?.operators ?? []).filter((o) => o.supervisor && o.hasPin);
  const [who, setWho] = useState(supervisors.find((o) => o.name === me)?.name ?? supervisors[0]?.name ?? '');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const pinRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    pinRef.current?.focus();
  }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const r = await theApi().call('settings.unlock', { operator: who, pin });
      play('accepted');
      onOpen({ operator: who, pin }, r);
    } catch (err) {
      play('rejected');
      setError(errorText(lang, toCoreError(err)));
      setPin('');
      pinRef.current?.focus();
    }
  };
  return (
    <div className="setup" data-testid="settings-locked">
      <h1 className="setup-title">{st('st.title')}</h1>
      <form className="setup-panel setup-unlock" onSubmit={(e) => void submit(e)}>
        <p className="big">{st('st.locked')}</p>
        {supervisors.length === 0 ? <p className="form-error">{st('st.noSupervisor')}</p> : null}
        <div className="form-field">
          <label htmlFor="st-who">{st('st.supervisor')}</label>
          <select id="st-who" className="setup-input" value={who} onChange={(e) => setWho(e.target.value)}>
            {supervisors.map((o) => (
              <option key={o.name} value={o.name}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor="st-pin">{st('st.pin')}</label>
          <input
            id="st-pin"
            ref={pinRef}
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            className="setup-input setup-pin-input"
            value={pin}
            onChange={(e) => {
              setPin(e.target.value.replace(/\D/g, ''));
              setError(null);
            }}
          />
        </div>
        {error ? (
          <p className="form-error" role="alert" data-testid="settings-error">
            {error}
          </p>
        ) : null}
        <button type="submit" className="btn btn-big btn-primary" disabled={!who || pin.length < 4} data-testid="settings-unlock">
          {st('st.unlock')}
        </button>
      </form>
    </div>
  );
}

let rowKey = 0;
const rowsOf = (v: View): Row[] =>
  v.operators.map((o) => ({
    key: ++rowKey,
    name: o.name,
    badge: o.badge ?? '',
    supervisor: o.supervisor,
    hasPin: o.hasPin,
    pin: '',
    removePin: false,
    was: o.name,
  }));

function SettingsForm({
  signer,
  view,
  changes,
  onSaved,
  onLock,
}: {
  signer: Signer;
  view: View;
  changes: CustodyRecord[];
  onSaved: (v: View, c: CustodyRecord[]) => void;
  onLock: () => void;
}) {
  const st = useSetupT();
  const t = useT();
  const lang = useLang();
  const [dockName, setDockName] = useState(view.dockName);
  const [stationId, setStationId] = useState(view.stationId);
  const [address, setAddress] = useState<Address>(addressFrom(view.dockAddress));
  const [rows, setRows] = useState<Row[]>(() => rowsOf(view));
  const [labelPrinter, setLabelPrinter] = useState<string | null>(view.labelPrinter);
  const [zplHost, setZplHost] = useState(view.zplPrinter?.host ?? '');
  const [zplPort, setZplPort] = useState(String(view.zplPrinter?.port ?? 9100));
  const [labelSize, setLabelSize] = useState(view.labelSize);
  const [sounds, setSounds] = useState(view.sounds);
  const [language, setLanguage] = useState(view.language);
  const [idle, setIdle] = useState(String(view.idleSignOutMinutes));
  const [keepDays, setKeepDays] = useState(String(view.backup.keepDays));
  const [backupDir, setBackupDir] = useState(view.backup.dir);
  // the system's printers (the desktop app), none to list (a browser), or a list the system would not give
  const [printers, setPrinters] = useState<Output<'printers.list'> | { failed: CoreError } | null>(null);
  const [note, setNote] = useState<Note | null>(null);
  const [sheet, setSheet] = useState<{ url: string; filename: string; count: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    first.current?.focus();
  }, []);
  useEffect(() => {
    theApi()
      .call('printers.list', {})
      .then(setPrinters)
      .catch((err: unknown) => setPrinters({ failed: toCoreError(err) }));
  }, []);
  useEffect(
    () => () => {
      if (sheet) URL.revokeObjectURL(sheet.url);
    },
    [sheet],
  );

  const say = (n: Note) => {
    play(n.tone === 'accepted' ? 'accepted' : 'rejected');
    setNote(n);
  };
  const refused = (e: unknown) => say({ tone: 'rejected', text: errorText(lang, toCoreError(e)) });
  const zplPrinter = zplHost.trim() ? { host: zplHost.trim(), port: Number(zplPort) } : null;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const lastSeq = changes[0]?.seq ?? 0;
      const saved = await theApi().call('settings.update', {
        ...signer,
        patch: {
          dockName,
          stationId: stationId.trim(),
          dockAddress: compact(address, dockName),
          labelPrinter,
          zplPrinter,
          labelSize,
          sounds,
          language,
          idleSignOutMinutes: Number(idle),
          backup: { keepDays: Number(keepDays), dir: backupDir.trim() },
          operators: rows.map((r) => ({
            name: r.name,
            supervisor: r.supervisor,
            ...(r.badge.trim() ? { badge: r.badge.trim() } : {}),
            ...(r.was ? { was: r.was } : {}),
            ...(r.removePin ? { pin: null } : r.pin ? { pin: r.pin } : {}),
          })),
        },
      });
      const renamed = rows.find((r) => r.was === signer.operator)?.name ?? signer.operator;
      const signerNow = { ...signer, operator: renamed };
      const after = await theApi().call('settings.changes', signerNow);
      const made = after.filter((c) => c.seq > lastSeq).length;
      setRows(rowsOf(saved));
      onSaved(saved, after);
      say({ tone: 'accepted', text: made ? st('st.saved', { n: made, name: signer.operator }) : st('st.nothing') });
      // the header and sign-in read the station's info: told quietly, so this screen stays open and unlocked
      dock.set({ info: await theApi().call('station.info', {}) });
    } catch (err) {
      refused(err);
    } finally {
      setBusy(false);
    }
  };
  const badgeSheet = async () => {
    try {
      const f = await theApi().call('operators.badgeSheet', signer);
      const url = blobUrl({ ...f, kind: 'return', format: 'pdf', pageSize: { widthIn: 8.27, heightIn: 11.69 } });
      setSheet({ url, filename: f.filename, count: f.count });
      say({ tone: 'accepted', text: st('st.badgesReady', { n: f.count }) });
    } catch (err) {
      refused(err);
    }
  };
  const testPrint = async () => {
    try {
      await theApi().call('printers.testPrint', { ...signer, printer: labelPrinter });
      say({ tone: 'accepted', text: st('st.testPrinted') });
    } catch (err) {
      refused(err);
    }
  };
  const testPdf = async () => {
    try {
      const f = await theApi().call('printers.testPdf', { ...signer, size: labelSize });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], { type: f.mimeType }));
      a.download = f.filename;
      a.rel = 'noopener';
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
      say({ tone: 'accepted', text: st('st.testPdfSaved', { file: f.filename }) });
    } catch (err) {
      refused(err);
    }
  };
  const testZpl = async () => {
    if (!zplPrinter) return;
    try {
      const r = await theApi().call('printers.testZpl', { ...signer, host: zplPrinter.host, port: zplPrinter.port });
      say({ tone: 'accepted', text: st('st.testSent', { printer: r.printer }) });
    } catch (err) {
      refused(err);
    }
  };
  const setRow = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  return (
    <div className="setup settings" data-testid="settings">
      <div className="screen-head">
        <h1 className="setup-title">{st('st.title')}</h1>
        <span className="muted big">{st('st.signedBy', { name: signer.operator })}</span>
        <button type="submit" form="settings-form" className="btn btn-primary" disabled={busy}>
          {st('st.save')}
        </button>
        <button type="button" className="btn" onClick={onLock} data-testid="settings-lock">
          {st('st.lock')}
        </button>
      </div>
      {note ? (
        <p
          className={note.tone === 'accepted' ? 'form-ok' : 'form-error'}
          role={note.tone === 'accepted' ? 'status' : 'alert'}
          data-testid="settings-note"
          data-tone={note.tone}
        >
          {note.text}
        </p>
      ) : null}
      <form id="settings-form" onSubmit={(e) => void save(e)} data-testid="settings-form">
        <div className="setup-grid">
          <section className="setup-panel" aria-labelledby="st-dock-h">
            <h2 id="st-dock-h">{st('st.dock')}</h2>
            <div className="setup-two setup-two-wide">
              <div className="form-field">
                <label htmlFor="st-dockName">{st('st.dockName')}</label>
                <input
                  id="st-dockName"
                  ref={first}
                  className="setup-input"
                  value={dockName}
                  onChange={(e) => setDockName(e.target.value)}
                  required
                  maxLength={120}
                  autoComplete="off"
                />
              </div>
              <div className="form-field">
                <label htmlFor="st-stationId">{st('st.stationId')}</label>
                <input
                  id="st-stationId"
                  className="setup-input"
                  value={stationId}
                  onChange={(e) => setStationId(e.target.value)}
                  required
                  maxLength={64}
                  autoComplete="off"
                />
              </div>
            </div>
            <h3>{st('st.address')}</h3>
            <AddressFields prefix="st" value={address} onChange={setAddress} />
          </section>
          <section className="setup-panel" aria-labelledby="st-printers-h">
            <h2 id="st-printers-h">{st('st.printers')}</h2>
            <div className="form-field">
              <label htmlFor="st-labelPrinter">{st('st.labelPrinter')}</label>
              {printers && 'available' in printers && printers.available ? (
                <div className="setup-row">
                  <select
                    id="st-labelPrinter"
                    className="setup-input"
                    value={labelPrinter ?? ''}
                    onChange={(e) => setLabelPrinter(e.target.value || null)}
                  >
                    <option value="">{st('st.labelPrinterDefault')}</option>
                    {printers.printers.map((p) => (
                      <option key={p.name} value={p.name}>
                        {p.displayName}
                        {p.isDefault ? ' ★' : ''}
                      </option>
                    ))}
                    {labelPrinter && !printers.printers.some((p) => p.name === labelPrinter) ? (
                      <option value={labelPrinter}>{labelPrinter}</option>
                    ) : null}
                  </select>
                  <button type="button" className="btn" onClick={() => void testPrint()} data-testid="settings-test-print">
                    {st('st.testPrint')}
                  </button>
                </div>
              ) : (
                <div className="setup-row">
                  <p className="setup-note" id="st-labelPrinter" data-testid="settings-no-printers">
                    {printers === null
                      ? '…'
                      : 'failed' in printers
                        ? st('st.printerListFailed', { why: errorText(lang, printers.failed) })
                        : st('st.noPrinterList')}
                  </p>
                  {printers ? (
                    <button type="button" className="btn" onClick={() => void testPdf()} data-testid="settings-test-pdf">
                      {st('st.testPdf')}
                    </button>
                  ) : null}
                </div>
              )}
            </div>
            <h3>{st('st.zpl')}</h3>
            <div className="setup-zpl">
              <div className="form-field">
                <label htmlFor="st-zplHost">{st('st.zplHost')}</label>
                <input
                  id="st-zplHost"
                  className="setup-input"
                  value={zplHost}
                  onChange={(e) => setZplHost(e.target.value)}
                  placeholder={st('st.zplNone')}
                  maxLength={255}
                  autoComplete="off"
                />
              </div>
              <div className="form-field">
                <label htmlFor="st-zplPort">{st('st.zplPort')}</label>
                <input
                  id="st-zplPort"
                  className="setup-input"
                  type="number"
                  min={1}
                  max={65535}
                  value={zplPort}
                  onChange={(e) => setZplPort(e.target.value)}
                />
              </div>
              <button type="button" className="btn" onClick={() => void testZpl()} disabled={!zplPrinter} data-testid="settings-test-zpl">
                {st('st.testZpl')}
              </button>
            </div>
            <div className="form-field">
              <label htmlFor="st-labelSize">{st('st.labelSize')}</label>
              <select
                id="st-labelSize"
                className="setup-input"
                value={labelSize}
                onChange={(e) => setLabelSize(e.target.value as typeof labelSize)}
              >
                <option value="4x6">4 × 6 in</option>
                <option value="4x4">4 × 4 in</option>
                <option value="2x1">2 × 1 in</option>
              </select>
            </div>
            <h2>{st('st.screens')}</h2>
            <div className="setup-two">
              <div className="form-field">
                <label htmlFor="st-language">{st('st.language')}</label>
                <select id="st-language" className="setup-input" value={language} onChange={(e) => setLanguage(e.target.value as Lang)}>
                  <option value="en">English</option>
                  <option value="zh-TW">繁體中文</option>
                </select>
              </div>
              <div className="form-field">
                <label htmlFor="st-idle">{st('st.idle')}</label>
                <input
                  id="st-idle"
                  className="setup-input"
                  type="number"
                  min={1}
                  max={480}
                  value={idle}
                  onChange={(e) => setIdle(e.target.value)}
                  required
                />
              </div>
            </div>
            <div className="setup-row">
              <label className="setup-check">
                <input type="checkbox" checked={sounds.enabled} onChange={(e) => setSounds({ ...sounds, enabled: e.target.checked })} />{' '}
                {st('st.sounds')}
              </label>
              <label htmlFor="st-volume">{st('st.volume')}</label>
              <input
                id="st-volume"
                type="range"
                min={0}
                max={1}
                step={0.1}
                value={sounds.volume}
                onChange={(e) => setSounds({ ...sounds, volume: Number(e.target.value) })}
              />
            </div>
            <h2>{st('st.backup')}</h2>
            <div className="setup-two">
              <div className="form-field">
                <label htmlFor="st-keepDays">{st('st.keepDays')}</label>
                <input
                  id="st-keepDays"
                  className="setup-input"
                  type="number"
                  min={0}
                  max={365}
                  value={keepDays}
                  onChange={(e) => setKeepDays(e.target.value)}
                  required
                />
              </div>
              <div className="form-field">
                <label htmlFor="st-backupDir">{st('st.backupDir')}</label>
                <input
                  id="st-backupDir"
                  className="setup-input"
                  value={backupDir}
                  onChange={(e) => setBackupDir(e.target.value)}
                  placeholder={st('st.backupDirDefault')}
                  maxLength={1024}
                  spellCheck={false}
                  autoComplete="off"
                />
              </div>
            </div>
          </section>
        </div>
        <section className="setup-panel" aria-labelledby="st-ops-h">
          <div className="screen-head">
            <h2 id="st-ops-h">{st('st.operators')}</h2>
            <button
              type="button"
              className="btn"
              data-testid="settings-add-operator"
              onClick={() =>
                setRows((rs) => [
                  ...rs,
                  { key: ++rowKey, name: '', badge: '', supervisor: false, hasPin: false, pin: '', removePin: false },
                ])
              }
            >
              + {st('st.opAdd')}
            </button>
            <button type="button" className="btn" onClick={() => void badgeSheet()} data-testid="settings-badges">
              {st('st.badges')}
            </button>
            {sheet ? (
              <a className="link" href={sheet.url} download={sheet.filename} data-testid="settings-badges-link">
                {st('st.badgesOpen', { file: sheet.filename })}
              </a>
            ) : null}
          </div>
          <table className="setup-ops" data-testid="settings-operators">
            <thead>
              <tr>
                <th scope="col">{st('st.opName')}</th>
                <th scope="col">{st('st.opBadge')}</th>
                <th scope="col">{st('st.opSupervisor')}</th>
                <th scope="col">{st('st.opPin')}</th>
                <th scope="col">
                  <span className="sr-only">{st('st.opRemove', { name: '' })}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.key} data-testid="settings-operator">
                  <td>
                    <input
                      aria-label={`${st('st.opName')} ${i + 1}`}
                      className="setup-input"
                      value={r.name}
                      required
                      maxLength={64}
                      onChange={(e) => setRow(r.key, { name: e.target.value })}
                      placeholder={st('st.opNew')}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`${st('st.opBadge')} ${r.name || i + 1}`}
                      className="setup-input mono"
                      value={r.badge}
                      maxLength={64}
                      onChange={(e) => setRow(r.key, { badge: e.target.value })}
                    />
                  </td>
                  <td className="setup-center">
                    <input
                      type="checkbox"
                      aria-label={`${st('st.opSupervisor')} ${r.name || i + 1}`}
                      checked={r.supervisor}
                      onChange={(e) => setRow(r.key, { supervisor: e.target.checked })}
                    />
                  </td>
                  <td>
                    <div className="setup-row">
                      <span className={`chip ${r.hasPin && !r.removePin ? 'chip-ok' : ''}`}>
                        {r.hasPin && !r.removePin ? st('st.opHasPin') : st('st.opNoPin')}
                      </span>
                      <input
                        type="password"
                        inputMode="numeric"
                        autoComplete="new-password"
                        maxLength={8}
                        className="setup-input setup-pin-small"
                        aria-label={`${st('st.opPinNew')} ${r.name || i + 1}`}
                        placeholder={r.hasPin ? st('st.opPinKeep') : st('st.opPinNew')}
                        value={r.pin}
                        onChange={(e) => setRow(r.key, { pin: e.target.value.replace(/\D/g, ''), removePin: false })}
                      />
                      {r.hasPin ? (
                        <label className="setup-check">
                          <input
                            type="checkbox"
                            checked={r.removePin}
                            onChange={(e) => setRow(r.key, { removePin: e.target.checked, pin: '' })}
                          />{' '}
                          {st('st.opRemovePin')}
                        </label>
                      ) : null}
                    </div>
                  </td>
                  <td>
                    <button type="button" className="btn btn-small" onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
                      {st('st.opRemove', { name: r.name })}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <div className="setup-actions">
          <button type="submit" className="btn btn-big btn-primary" disabled={busy} data-testid="settings-save">
            {st('st.save')}
          </button>
        </div>
      </form>
      <section className="setup-panel" aria-labelledby="st-history-h">
        <h2 id="st-history-h">{st('st.history')}</h2>
        {changes.length ? (
          <table className="setup-history" data-testid="settings-history">
            <thead>
              <tr>
                <th scope="col">{st('st.col.when')}</th>
                <th scope="col">{st('st.col.who')}</th>
                <th scope="col">{st('st.col.what')}</th>
                <th scope="col">{st('st.col.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.seq}>
                  <td className="nowrap">{formatDateZone(lang, c.at)}</td>
                  <td>{c.operator}</td>
                  <td>{stationActionName(lang, c.action)}</td>
                  <td>{summary(c)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">{st('st.historyNone')}</p>
        )}
      </section>
      <p className="muted">{t('header.station', { station: view.stationId })}</p>
    </div>
  );
}

/** A custody record's change in one line: before → after, or what changed of whom. Never a PIN: the records hold none. */
function summary(c: CustodyRecord): string {
  const d = c.detail ?? {};
  const show = (v: unknown): string => {
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v === 'object')
      return Object.values(v as Record<string, unknown>)
        .filter((x) => x !== '' && x !== undefined)
        .map(show)
        .join(', ');
    return String(v);
  };
  if (c.action.startsWith('settings.')) return `${show(d.before)} → ${show(d.after)}`;
  const { name, ...rest } = d as { name?: unknown };
  return [show(name), ...Object.entries(rest).map(([k, v]) => `${k}: ${show(v)}`)].join(' · ');
}
