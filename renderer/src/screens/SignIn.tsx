// Sign in by scanning a badge (the wedge sends it to 'operators.identify') or by picking a name; an operator
// with a PIN then types it, and the station checks it ('operators.signIn').
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useDock, setOperator, pushFeedback, dock, theApi, toCoreError, type DockState } from '../store.ts';
import { useSetupT } from '../i18n-setup.ts';
import { submitScan } from '../flow.ts';
import { play } from '../sounds.ts';
import { useLang, useT } from '../useT.ts';
import { Icon } from '../components/Icon.tsx';
import { errorText } from '../i18n.ts';

export function SignIn() {
  const t = useT();
  const lang = useLang();
  const info = useDock((s) => s.info);
  const f = useDock((s) => s.feedback);
  const pkg = useDock((s) => s.pkg);
  const open = pkg && pkg.state === 'open' ? pkg : null;
  const [typed, setTyped] = useState('');
  const operators = info?.operators ?? [];

  const pinFor = useDock((s) => s.pinFor);
  const idle = useDock((s) => s.idleSignedOut);
  const st = useSetupT();
  const pick = (name: string) => {
    if (operators.find((o) => o.name === name)?.hasPin) {
      dock.set({ pinFor: name });
      return;
    }
    setOperator(name);
    play('accepted');
    pushFeedback(
      open
        ? {
            kind: 'signedIn',
            tone: 'warning',
            sound: 'accepted',
            code: '',
            title: 'fb.signedIn',
            text: { key: 'signin.welcomeOpen', params: { name, tracking: open.trackingNumber, operator: open.openedBy } },
          }
        : {
            kind: 'signedIn',
            tone: 'accepted',
            sound: 'accepted',
            code: '',
            title: 'fb.signedIn',
            text: { key: 'signin.welcome', params: { name } },
          },
    );
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (typed.trim()) submitScan(typed.trim(), 'manual');
    setTyped('');
  };
  const rejected = f && f.tone === 'rejected' ? f : null;
  if (pinFor) return <PinPrompt name={pinFor} open={open} />;

  return (
    <div className="signin" data-testid="signin-screen">
      <h1 className="signin-title">
        <Icon name="user" size={56} /> {t('signin.scanBadge')}
      </h1>
      {idle ? (
        <p className="form-ok" role="status" data-testid="signin-idle">
          {st('idle.signedOut', { n: idle })}
        </p>
      ) : null}
      {open ? (
        <p className="signin-open-box" role="note" data-testid="signin-open-box">
          <Icon name="box" size={32} /> {t('receive.signedOutOpen', { tracking: open.trackingNumber, operator: open.openedBy })}
        </p>
      ) : null}
      {rejected && 'error' in rejected.text ? (
        <p className="signin-error" role="alert" data-tone="rejected" data-testid="signin-error">
          {errorText(lang, rejected.text.error, rejected.text.scanned)}
        </p>
      ) : null}
      <h2>{t('signin.orPick')}</h2>
      {operators.length ? (
        <ul className="operator-list">
          {operators.map((o) => (
            <li key={o.name}>
              <button
                type="button"
                className="btn btn-big btn-operator"
                onClick={() => pick(o.name)}
                aria-label={t('signin.as', { name: o.name })}
              >
                <Icon name="user" size={30} /> {o.name}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <form onSubmit={onSubmit} className="manual">
          <p className="muted">{t('signin.noOperators')}</p>
          <label htmlFor="signin-name">{t('signin.typeName')}</label>
          <div className="manual-row">
            <input id="signin-name" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
            <button type="submit" className="btn">
              {t('signin.submit')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

/** The PIN of an operator who has one: typed, checked by the station, never kept by the page. */
function PinPrompt({ name, open }: { name: string; open: NonNullable<DockState['pkg']> | null }) {
  const st = useSetupT();
  const t = useT();
  const lang = useLang();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
  }, [name]);
  const cancel = () => dock.set({ pinFor: null });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const who = await theApi().call('operators.signIn', { name, pin });
      setOperator(who.name);
      play('accepted');
      pushFeedback(
        open
          ? {
              kind: 'signedIn',
              tone: 'warning',
              sound: 'accepted',
              code: '',
              title: 'fb.signedIn',
              text: { key: 'signin.welcomeOpen', params: { name: who.name, tracking: open.trackingNumber, operator: open.openedBy } },
            }
          : {
              kind: 'signedIn',
              tone: 'accepted',
              sound: 'accepted',
              code: '',
              title: 'fb.signedIn',
              text: { key: 'signin.welcome', params: { name: who.name } },
            },
      );
    } catch (err) {
      play('rejected');
      setError(errorText(lang, toCoreError(err)));
      setPin('');
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="signin" data-testid="pin-screen">
      <h1 className="signin-title">
        <Icon name="user" size={56} /> {st('pin.title', { name })}
      </h1>
      <form
        className="setup-pin"
        onSubmit={(e) => void submit(e)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') cancel();
        }}
      >
        <p className="big">{st('pin.prompt')}</p>
        {open ? (
          // the box left open is theirs to continue once the PIN is right
          <p className="signin-open-box" role="note" data-testid="signin-open-box">
            <Icon name="box" size={32} /> {t('receive.signedOutOpen', { tracking: open.trackingNumber, operator: open.openedBy })}
          </p>
        ) : null}
        {error ? (
          <p className="form-error" role="alert" data-testid="pin-error">
            {error}
          </p>
        ) : null}
        <label htmlFor="signin-pin">{st('pin.label')}</label>
        <div className="manual-row">
          <input
            id="signin-pin"
            ref={input}
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            value={pin}
            onChange={(e) => {
              setPin(e.target.value.replace(/\D/g, ''));
              setError(null);
            }}
            className="setup-pin-input"
          />
          <button type="submit" className="btn btn-big btn-primary" disabled={busy || pin.length < 4}>
            {st('pin.submit')}
          </button>
          <button type="button" className="btn btn-big" onClick={cancel}>
            {st('pin.cancel')}
          </button>
        </div>
        <p className="muted">{st('pin.other', { name })}</p>
      </form>
    </div>
  );
}
