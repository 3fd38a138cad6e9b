// First run: a new station has no dock address and no supervisor, so instead of a dock that is not this one
// it asks for both (the address is the sender on every label; the supervisor sets up the rest in Settings).
// A newcomer who only wants to look loads the demo dock with one button, while the station is empty.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { loadStation, setOperator, theApi, toCoreError, useDock } from '../store.ts';
import { useLang } from '../useT.ts';
import { errorText } from '../i18n.ts';
import { useSetupT, type SetupKey } from '../i18n-setup.ts';
import { play } from '../sounds.ts';
import { AddressFields, emptyAddress, type Address } from './setup-fields.tsx';
import './setup.css';

export function FirstRun() {
  const st = useSetupT();
  const lang = useLang();
  const info = useDock((s) => s.info);
  const [dockName, setDockName] = useState('');
  const [stationId, setStationId] = useState(info?.stationId ?? 'dock-1');
  const [address, setAddress] = useState<Address>(emptyAddress);
  const [name, setName] = useState('');
  const [badge, setBadge] = useState('');
  const [pin, setPin] = useState('');
  const [pin2, setPin2] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    first.current?.focus();
  }, []);

  const fail = (text: string) => {
    play('rejected');
    setError(text);
    document.getElementById('fr-error')?.scrollIntoView({ block: 'nearest' });
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (pin !== pin2) return fail(st('fr.pinMismatch'));
    setBusy(true);
    try {
      const who = await theApi().call('station.setup', {
        dockName,
        stationId: stationId.trim() || undefined,
        language: lang,
        dockAddress: compact(address, dockName),
        supervisor: { name, badge, pin },
      });
      play('accepted');
      await loadStation();
      // the supervisor has just typed their PIN: they are the one at the station
      setOperator(who.name);
    } catch (err) {
      fail(errorText(lang, toCoreError(err)));
    } finally {
      setBusy(false);
    }
  };
  const demo = async () => {
    setBusy(true);
    try {
      await theApi().call('station.loadDemo', {});
      play('accepted');
      await loadStation();
    } catch (err) {
      fail(errorText(lang, toCoreError(err)));
    } finally {
      setBusy(false);
    }
  };
  const field = (id: string, label: SetupKey, value: string, set: (v: string) => void, extra: Record<string, unknown> = {}) => (
    <div className="form-field">
      <label htmlFor={id}>{st(label)}</label>
      <input id={id} value={value} onChange={(e) => set(e.target.value)} autoComplete="off" className="setup-input" {...extra} />
    </div>
  );

  return (
    <div className="setup" data-testid="first-run">
      <h1 className="setup-title">{st('fr.title')}</h1>
      <p className="setup-intro">{st('fr.intro')}</p>
      <form className="setup-grid" onSubmit={(e) => void submit(e)} data-testid="first-run-form">
        <section className="setup-panel" aria-labelledby="fr-dock-h">
          <h2 id="fr-dock-h">{st('fr.dock')}</h2>
          <div className="form-field">
            <label htmlFor="fr-dockName">{st('fr.dockName')}</label>
            <input
              id="fr-dockName"
              ref={first}
              value={dockName}
              onChange={(e) => setDockName(e.target.value)}
              autoComplete="off"
              className="setup-input"
              required
              maxLength={120}
            />
          </div>
          <AddressFields prefix="fr" value={address} onChange={setAddress} />
          {field('fr-stationId', 'fr.stationId', stationId, setStationId, { maxLength: 64, pattern: '[A-Za-z0-9._\\-]+' })}
        </section>
        <div>
          <section className="setup-panel" aria-labelledby="fr-sup-h">
            <h2 id="fr-sup-h">{st('fr.supervisor')}</h2>
            {field('fr-name', 'fr.supervisorName', name, setName, { required: true, maxLength: 64 })}
            {field('fr-badge', 'fr.badge', badge, setBadge, { required: true, maxLength: 64 })}
            <div className="setup-two">
              {field('fr-pin', 'fr.pin', pin, (v) => setPin(v.replace(/\D/g, '')), {
                type: 'password',
                inputMode: 'numeric',
                maxLength: 8,
                required: true,
              })}
              {field('fr-pin2', 'fr.pinAgain', pin2, (v) => setPin2(v.replace(/\D/g, '')), {
                type: 'password',
                inputMode: 'numeric',
                maxLength: 8,
                required: true,
              })}
            </div>
            {error ? (
              <p id="fr-error" className="form-error" role="alert" data-testid="first-run-error">
                {error}
              </p>
            ) : null}
            <button type="submit" className="btn btn-big btn-primary setup-submit" disabled={busy} data-testid="first-run-save">
              {busy ? st('fr.saving') : st('fr.save')}
            </button>
          </section>
          <aside className="setup-panel setup-demo" aria-labelledby="fr-demo-h">
            <h2 id="fr-demo-h">{st('fr.demoTitle')}</h2>
            <p>{st('fr.demoText')}</p>
            {info?.demoAvailable ? (
              <button type="button" className="btn btn-big" onClick={() => void demo()} disabled={busy} data-testid="first-run-demo">
                {st('fr.demo')}
              </button>
            ) : (
              <p className="muted">{st('fr.demoNotEmpty')}</p>
            )}
          </aside>
        </div>
      </form>
    </div>
  );
}

/** The address as the station takes it: the optional lines left out when empty, the dock's name when no other is given. */
export function compact(a: Address, dockName: string) {
  return {
    name: a.name.trim() || dockName.trim(),
    streetAddress1: a.streetAddress1,
    city: a.city,
    postalCode: a.postalCode,
    countryOrRegion: a.countryOrRegion,
    ...(a.streetAddress2.trim() ? { streetAddress2: a.streetAddress2 } : {}),
    ...(a.stateOrProvince.trim() ? { stateOrProvince: a.stateOrProvince } : {}),
    ...(a.phone.trim() ? { phone: a.phone } : {}),
  };
}
