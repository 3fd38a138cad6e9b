// The return box of held drives: drives held because their job was still Creating (or because they belong to
// no job on record) go back to the sender once their return is due. Staff choose or scan the drives into one
// box (one box, one sender), give the return address when the station has none, the carrier and the return
// tracking number, print the label, and only then press "Shipped". Whether the drives may go and whether the
// address is complete is the station's to say (labels.render, shipments.returnHeld); this box shows and asks.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { theApi, toCoreError } from '../store.ts';
import { useLang } from '../useT.ts';
import { formatDate, formatTime } from '../i18n.ts';
import { useBayT } from '../i18n-bay.ts';
import { Icon } from '../components/Icon.tsx';
import { fieldList, usePackT } from './packaging-i18n.ts';
import { blobUrl, type Say } from './packaging-shared.ts';
import type { JobView } from '../../../electron/core/model.ts';
import type { ExceptionRow } from '../../../electron/core/intake.ts';

/** The return address fields (the job's returnAddress), in the order a carrier reads them. */
export const ADDRESS_FIELDS = [
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
export type AddressField = (typeof ADDRESS_FIELDS)[number];
const OPTIONAL: readonly AddressField[] = ['streetAddress2', 'stateOrProvince'];
type AddressForm = Record<AddressField, string>;
const EMPTY_FORM = Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, ''])) as AddressForm;
const INPUT_TYPE: Partial<Record<AddressField, string>> = { phone: 'tel', email: 'email' };

/** Whose drives are in the box: a job's name, null for no job on record, undefined while the box is empty. */
export type Owner = string | null | undefined;

interface Options {
  say: Say;
  /** After "Shipped": the drives have left the dock, reload the lists. */
  onShipped(): void;
  /** The station's clock is not trusted now: nothing is recorded, so "Shipped" is not offered. */
  heldBack?: boolean;
}

export function useHeldReturn(o: Options) {
  const t = usePackT();
  const lang = useLang();
  const [box, setBox] = useState<ExceptionRow[]>([]);
  const owner: Owner = box.length ? box[0]!.jobName : undefined;
  const [job, setJob] = useState<JobView | null>(null);
  const [typing, setTyping] = useState(false);
  const [form, setForm] = useState<AddressForm>(EMPTY_FORM);
  const [missing, setMissing] = useState<string[]>([]);
  const [carrier, setCarrier] = useState('');
  const [account, setAccount] = useState('');
  const [tracking, setTracking] = useState('');
  const [labelOut, setLabelOut] = useState<string | null>(null);
  const [labelHow, setLabelHow] = useState<{ how: 'pdf' | 'zpl' | 'print'; printer?: string; file?: string; at: Date } | null>(null);
  const [pdf, setPdf] = useState<{ url: string; filename: string } | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const trackingRef = useRef<HTMLInputElement>(null);
  /** Whose address and carrier the form holds: kept while the same sender's drives are taken out and put back. */
  const [formFor, setFormFor] = useState<Owner>(undefined);

  // a box for another sender starts afresh, in the same render (no frame shows the last sender's form) ...
  if (owner !== undefined && owner !== formFor) {
    setFormFor(owner);
    setMissing([]);
    setLabelOut(null);
    setLabelHow(null);
    setPreview(null);
    setPdf(null);
    if (owner === null) {
      setJob(null);
      setTyping(true);
      setForm(EMPTY_FORM);
      setCarrier('');
      setAccount('');
    }
  }
  // ... and from that sender's job: its address (if complete) and return carrier
  useEffect(() => {
    if (typeof formFor !== 'string') return;
    let live = true;
    theApi()
      .call('jobs.get', { name: formFor })
      .then((j) => {
        if (!live) return;
        setJob(j);
        const a = j.properties.returnAddress ?? {};
        setForm(Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, a[f] ?? ''])) as AddressForm);
        setTyping(j.dock.missingAddressFields.length > 0);
        setCarrier(j.properties.returnShipping?.carrierName ?? '');
        setAccount(j.properties.returnShipping?.carrierAccountNumber ?? '');
      })
      .catch(() => {
        if (!live) return;
        setJob(null);
        setTyping(true);
        setForm(EMPTY_FORM);
      });
    return () => {
      live = false;
    };
  }, [formFor]);
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

  const trackingCode = tracking.trim().toUpperCase();
  const typedAddress = (): Record<string, string> | undefined => {
    if (!typing) return undefined;
    return Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, form[f].trim()] as const).filter(([, v]) => v !== ''));
  };
  const serials = box.map((r) => r.driveId!);
  const signature = JSON.stringify([[...serials].sort(), trackingCode, carrier.trim(), account.trim(), typedAddress() ?? null]);
  const canLabel = box.length > 0 && trackingCode !== '' && carrier.trim() !== '' && !busy;
  const canShip = canLabel && labelOut === signature && !o.heldBack;
  const packages = [...new Set(box.map((r) => r.trackingNumber).filter((s): s is string => Boolean(s)))];

  /** Takes a held drive into the box, or says why not: the station offers its return once the rule book allows it. */
  const offer = (row: ExceptionRow) => {
    const serial = row.driveId!;
    if (row.action === 'releaseHold') return o.say({ tone: 'rejected', key: 'pk.heldRelease', params: { serial, job: row.jobName ?? '' } });
    if (!row.offers.includes('returnHeld'))
      return o.say({
        tone: 'rejected',
        key: 'pk.heldNotDue',
        params: { serial, since: formatDate(lang, row.since), due: formatDate(lang, row.dueAt) },
      });
    if (box.some((r) => r.driveId === serial)) return o.say({ tone: 'notice', key: 'pk.heldAgain', params: { serial } });
    if (owner !== undefined && row.jobName !== owner) {
      return o.say({
        tone: 'rejected',
        key: 'pk.heldOtherSender',
        params: { serial, owner: row.jobName ?? t('pk.heldNoJob'), boxOwner: owner ?? t('pk.heldNoJob') },
      });
    }
    setBox([...box, row]);
    o.say({ tone: 'accepted', key: 'pk.heldAccepted', params: { serial } });
  };

  const labelInput = () => {
    const address = typedAddress();
    return {
      kind: 'held-return' as const,
      driveIds: serials,
      returnTrackingNumber: trackingCode,
      carrierName: carrier.trim(),
      ...(account.trim() ? { carrierAccountNumber: account.trim() } : {}),
      ...(address ? { address } : {}),
    };
  };

  const label = async (how: 'pdf' | 'zpl' | 'print') => {
    if (!box.length) return o.say({ tone: 'rejected', key: 'pk.heldEmpty' });
    if (!carrier.trim()) return o.say({ tone: 'rejected', key: 'pk.needCarrier' });
    if (!trackingCode) {
      trackingRef.current?.focus();
      return o.say({ tone: 'rejected', key: 'pk.needTracking' });
    }
    setBusy(true);
    try {
      const api = theApi();
      if (how === 'pdf') {
        const file = await api.call('labels.render', { ...labelInput(), format: 'pdf' });
        setPdf({ url: blobUrl(file), filename: file.filename });
        o.say({ tone: 'accepted', key: 'pk.pdfReady', params: { file: file.filename } });
        setLabelHow({ how, file: file.filename, at: new Date() });
      } else if (how === 'zpl') {
        const r = await api.call('labels.sendZpl', labelInput());
        o.say({ tone: 'accepted', key: 'pk.zplSent', params: { printer: r.printer, bytes: r.bytes } });
        setLabelHow({ how, printer: r.printer, at: new Date() });
      } else {
        const r = await api.call('labels.print', labelInput());
        o.say({ tone: 'accepted', key: 'pk.printed' });
        setLabelHow({ how, printer: r.printer ?? '—', at: new Date() });
      }
      setMissing([]);
      setLabelOut(signature);
      const html = await api.call('labels.render', { ...labelInput(), format: 'html' }).catch(() => null);
      if (html) setPreview(blobUrl(html));
    } catch (e) {
      const err = toCoreError(e);
      if (err.code === 'ADDRESS_INCOMPLETE') {
        const fields = Array.isArray(err.detail?.fields) ? (err.detail.fields as string[]) : [];
        setMissing(fields);
        // the job's address was incomplete after all (changed meanwhile): let staff type it
        setTyping(true);
        o.say({ tone: 'rejected', key: 'pk.heldAddressMissing', fields });
      } else {
        o.say({ tone: 'rejected', key: 'pk.labelFirst', error: err });
      }
    } finally {
      setBusy(false);
    }
  };

  const ship = async (operator: string) => {
    if (!canShip) return;
    setBusy(true);
    try {
      const address = typedAddress();
      const r = await theApi().call('shipments.returnHeld', {
        operator,
        driveIds: serials,
        carrierName: carrier.trim(),
        trackingNumber: trackingCode,
        ...(account.trim() ? { carrierAccountNumber: account.trim() } : {}),
        ...(address ? { address } : {}),
      });
      o.say({
        tone: 'accepted',
        key: 'pk.heldShipped',
        params: { n: r.returnPackage.driveCount, name: r.address.recipientName ?? '', tracking: r.returnPackage.trackingNumber },
      });
      // the next box starts afresh: another sender, another address, another tracking number
      setFormFor(undefined);
      setBox([]);
      setTracking('');
      setCarrier('');
      setAccount('');
      setForm(EMPTY_FORM);
      setMissing([]);
      setLabelOut(null);
      setPdf(null);
      setPreview(null);
      o.onShipped();
    } catch (e) {
      o.say({ tone: 'rejected', key: 'pk.title', error: toCoreError(e) });
    } finally {
      setBusy(false);
    }
  };

  const setField = (f: AddressField, v: string) => {
    setForm((x) => ({ ...x, [f]: v }));
    if (v.trim()) setMissing((m) => m.filter((k) => k !== f));
  };

  return {
    box,
    owner,
    trackingRef,
    offer,
    takeOut: (driveId: string) => setBox(box.filter((r) => r.driveId !== driveId)),
    /** A scan while the tracking field has focus. */
    setTrackingScan: (code: string) => {
      setTracking(code.trim().toUpperCase());
      o.say({ tone: 'accepted', key: 'pk.trackingSet', params: { code: code.trim().toUpperCase() } });
    },
    job,
    typing,
    setTyping,
    form,
    setField,
    missing,
    carrier,
    setCarrier,
    account,
    setAccount,
    tracking,
    setTracking,
    labelOut,
    labelHow,
    signature,
    pdf,
    preview,
    busy,
    canLabel,
    canShip,
    packages,
    label,
    ship,
  };
}

export type HeldReturnBox = ReturnType<typeof useHeldReturn>;

interface PanelProps {
  h: HeldReturnBox;
  operator: string;
  zplSet: boolean;
  canPrint: boolean;
  /** A typed serial, as if scanned. */
  onSerial: (code: string) => void;
}

export function HeldReturnPanel({ h, operator, zplSet, canPrint, onSerial }: PanelProps) {
  const t = usePackT();
  const bt = useBayT();
  const lang = useLang();
  const [serial, setSerial] = useState('');
  const submitSerial = useCallback(
    (e: FormEvent) => {
      e.preventDefault();
      onSerial(serial);
      setSerial('');
    },
    [onSerial, serial],
  );
  const a = h.job?.properties.returnAddress;
  // the one ref of the box, taken out of it: the rest of `h` is state, which rendering reads
  const { trackingRef } = h;
  const ownerText = h.owner === undefined ? null : h.owner === null ? t('pk.heldNoJob') : h.owner;

  return (
    <section className="split-detail pk-detail" aria-labelledby="pk-held-title" data-testid="held-return">
      <h2 id="pk-held-title">
        {t('pk.heldReturn')}{' '}
        {ownerText ? (
          <span className="chip chip-held" data-testid="held-owner">
            {ownerText}
          </span>
        ) : null}
      </h2>
      <div className="pk-held-stack">
        <div className="pk-box" aria-labelledby="pk-held-box-title">
          <h3 id="pk-held-box-title">
            <Icon name="box" size={26} /> {t('pk.heldBox')}
          </h3>
          <p className="count" data-testid="held-count" aria-live="polite">
            {h.box.length ? t('pk.heldCount', { n: h.box.length }) : t('pk.heldEmptyShort')}
          </p>
          <form className="pk-scan" onSubmit={submitSerial}>
            <label htmlFor="pk-held-serial" className="pk-label">
              {t('pk.heldScanPrompt')}
            </label>
            <div className="pk-row">
              <input
                id="pk-held-serial"
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
          <ul className="pk-held-list" data-testid="held-box-drives">
            {h.box.map((r) => (
              <li key={r.driveId} className="drive drive-held pk-held-boxed" data-serial={r.driveId}>
                <span className="drive-mark">
                  <Icon name="check" size={22} />
                </span>
                <span className="drive-serial">{r.driveId}</span>
                <button type="button" className="btn btn-small" onClick={() => h.takeOut(r.driveId!)}>
                  {t('pk.remove')}
                </button>
                <span className="pk-held-meta">
                  {t('pk.heldSince', { date: formatDate(lang, r.since) })}
                  {r.trackingNumber ? ` · ${t('pk.heldCame', { tracking: r.trackingNumber })}` : ''}
                </span>
              </li>
            ))}
          </ul>
          {!h.box.length ? <p className="muted">{t('pk.heldChoose')}</p> : null}
          {h.owner === null && h.packages.length > 1 ? (
            <p className="warn-text" data-testid="held-packages">
              {t('pk.heldPackages', { list: h.packages.join(', ') })}
            </p>
          ) : null}
        </div>

        <div className="pk-ship pk-held-where">
          <h3>{t('pk.address')}</h3>
          {!h.typing && a ? (
            <>
              <address className="pk-address" data-testid="return-address">
                <strong>{a.recipientName}</strong>
                <br />
                {a.streetAddress1}
                {a.streetAddress2 ? <>, {a.streetAddress2}</> : null}
                <br />
                {[a.city, a.stateOrProvince, a.postalCode].filter(Boolean).join(' ')}, {a.countryOrRegion}
                <br />
                <span className="muted">
                  {a.phone} · {a.email}
                </span>
              </address>
              <p>
                <button type="button" className="link" onClick={() => h.setTyping(true)}>
                  {t('pk.heldAddressOther')}
                </button>
              </p>
            </>
          ) : h.box.length ? (
            <fieldset className="pk-addr" data-testid="held-address-form">
              <legend className="pk-addr-why">
                {h.owner === null || h.owner === undefined
                  ? t('pk.heldAddressNoJob')
                  : h.job && h.job.dock.missingAddressFields.length === 0
                    ? t('pk.heldAddressTyped', { job: h.owner })
                    : t('pk.heldAddressJob', { job: h.owner })}
              </legend>
              {h.missing.length ? (
                <p className="form-error" role="alert" data-testid="address-missing">
                  {t('pk.heldAddressMissing', { fields: fieldList(lang, h.missing) })}
                </p>
              ) : null}
              <div className="pk-addr-grid">
                {ADDRESS_FIELDS.map((f) => {
                  const bad = h.missing.includes(f);
                  return (
                    <div key={f} className={`pk-addr-field pk-addr-${f} ${bad ? 'pk-addr-bad' : ''}`}>
                      <label htmlFor={`pk-addr-${f}`}>
                        {t(`af.${f}`)}
                        {OPTIONAL.includes(f) ? <span className="muted"> {t('pk.optional')}</span> : null}
                      </label>
                      <input
                        id={`pk-addr-${f}`}
                        name={f}
                        type={INPUT_TYPE[f] ?? 'text'}
                        value={h.form[f]}
                        onChange={(e) => h.setField(f, e.target.value)}
                        maxLength={254}
                        aria-invalid={bad ? 'true' : undefined}
                        aria-required={OPTIONAL.includes(f) ? undefined : 'true'}
                        autoComplete="off"
                        spellCheck={false}
                      />
                      {bad ? <span className="pk-addr-need">{t('pk.heldFieldMissing')}</span> : null}
                    </div>
                  );
                })}
              </div>
              {h.job && h.job.dock.missingAddressFields.length === 0 ? (
                <p>
                  <button type="button" className="link" onClick={() => h.setTyping(false)}>
                    {t('pk.heldAddressUseJob')}
                  </button>
                </p>
              ) : null}
            </fieldset>
          ) : (
            <p className="muted">{t('pk.heldAddressLater')}</p>
          )}

          <h3>{t('pk.shipment')}</h3>
          <div className="pk-held-fields">
            <div className="pk-addr-field">
              <label htmlFor="pk-held-carrier">{t('pk.carrier')}</label>
              <input
                id="pk-held-carrier"
                value={h.carrier}
                onChange={(e) => h.setCarrier(e.target.value)}
                maxLength={64}
                autoComplete="off"
              />
            </div>
            <div className="pk-addr-field">
              <label htmlFor="pk-held-account">
                {t('pk.account')}
                <span className="muted"> {t('pk.optional')}</span>
              </label>
              <input
                id="pk-held-account"
                value={h.account}
                onChange={(e) => h.setAccount(e.target.value)}
                maxLength={64}
                autoComplete="off"
              />
            </div>
            <div className="pk-addr-field pk-held-trackingfield">
              <label htmlFor="pk-held-tracking">{t('pk.tracking')}</label>
              <input
                id="pk-held-tracking"
                ref={trackingRef}
                className="mono"
                value={h.tracking}
                onChange={(e) => h.setTracking(e.target.value)}
                maxLength={64}
                autoComplete="off"
                spellCheck={false}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') e.preventDefault();
                }}
              />
            </div>
          </div>
        </div>
        <div className="pk-ship pk-held-go">
          <div className="pk-actions">
            <button
              type="button"
              className="btn btn-big"
              disabled={!h.canLabel}
              onClick={() => void h.label('pdf')}
              data-testid="held-label-pdf"
            >
              {t('pk.labelPdf')}
            </button>
            {zplSet ? (
              <button
                type="button"
                className="btn btn-big"
                disabled={!h.canLabel}
                onClick={() => void h.label('zpl')}
                data-testid="held-label-zpl"
              >
                {t('pk.labelZpl')}
              </button>
            ) : null}
            {canPrint ? (
              <button
                type="button"
                className="btn btn-big"
                disabled={!h.canLabel}
                onClick={() => void h.label('print')}
                data-testid="held-label-print"
              >
                {t('pk.labelPrint')}
              </button>
            ) : null}
          </div>
          {h.pdf && h.labelOut === h.signature ? (
            <p>
              <a className="link" href={h.pdf.url} download={h.pdf.filename} data-testid="held-label-download">
                {t('pk.download', { file: h.pdf.filename })}
              </a>
            </p>
          ) : null}
          <p
            className={h.labelOut === h.signature ? 'form-ok' : 'muted'}
            data-testid="held-label-state"
            data-how={h.labelOut === h.signature ? (h.labelHow?.how ?? '') : ''}
          >
            {h.labelOut === h.signature && h.labelHow ? (
              <>
                {t('pk.labelOut')}{' '}
                <span data-testid="label-how">
                  {h.labelHow.how === 'pdf'
                    ? bt('label.savedPdf', { time: formatTime(lang, h.labelHow.at.toISOString()), file: h.labelHow.file ?? '' })
                    : bt('label.printed', { time: formatTime(lang, h.labelHow.at.toISOString()), printer: h.labelHow.printer ?? '' })}
                </span>
              </>
            ) : h.labelOut === h.signature ? (
              t('pk.labelOut')
            ) : (
              t('pk.labelFirst')
            )}
          </p>
          {h.labelOut === h.signature && h.labelHow ? (
            <p>
              <button
                type="button"
                className="btn"
                disabled={h.busy}
                onClick={() => void h.label(h.labelHow!.how)}
                data-testid="held-label-again"
              >
                {bt('label.reprint')}
              </button>
            </p>
          ) : null}
          {/* the label as it came out stands between its buttons and "Shipped": checked before the box goes */}
          {h.preview && h.labelOut === h.signature ? (
            <figure className="pk-preview">
              <figcaption>{bt('label.preview')}</figcaption>
              <iframe
                title={bt('label.preview')}
                src={h.preview}
                sandbox=""
                className="pk-preview-frame"
                data-testid="held-label-preview"
              />
            </figure>
          ) : null}
          <button
            type="button"
            className="btn btn-big btn-primary pk-shipbtn"
            disabled={!h.canShip}
            onClick={() => void h.ship(operator)}
            data-testid="held-ship"
          >
            <Icon name="check" size={26} /> {t('pk.ship')}
          </button>
        </div>
      </div>
    </section>
  );
}
