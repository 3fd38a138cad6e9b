// Sign in by scanning a badge (the wedge sends it to 'operators.identify') or by picking a name.
import { useState, type FormEvent } from 'react';
import { useDock, setOperator, pushFeedback } from '../store.ts';
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

  const pick = (name: string) => {
    setOperator(name);
    play('accepted');
    pushFeedback(open
      ? { kind: 'signedIn', tone: 'warning', sound: 'accepted', code: '', title: 'fb.signedIn', text: { key: 'signin.welcomeOpen', params: { name, tracking: open.trackingNumber, operator: open.openedBy } } }
      : { kind: 'signedIn', tone: 'accepted', sound: 'accepted', code: '', title: 'fb.signedIn', text: { key: 'signin.welcome', params: { name } } });
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (typed.trim()) submitScan(typed.trim(), 'manual');
    setTyped('');
  };
  const rejected = f && f.tone === 'rejected' ? f : null;

  return (
    <div className="signin" data-testid="signin-screen">
      <h1 className="signin-title"><Icon name="user" size={56} /> {t('signin.scanBadge')}</h1>
      {open ? <p className="signin-open-box" role="note" data-testid="signin-open-box"><Icon name="box" size={32} /> {t('receive.signedOutOpen', { tracking: open.trackingNumber, operator: open.openedBy })}</p> : null}
      {rejected && 'error' in rejected.text ? (
        <p className="signin-error" role="alert" data-tone="rejected" data-testid="signin-error">{errorText(lang, rejected.text.error, rejected.text.scanned)}</p>
      ) : null}
      <h2>{t('signin.orPick')}</h2>
      {operators.length ? (
        <ul className="operator-list">
          {operators.map((o) => (
            <li key={o.name}>
              <button type="button" className="btn btn-big btn-operator" onClick={() => pick(o.name)} aria-label={t('signin.as', { name: o.name })}>
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
            <button type="submit" className="btn">{t('signin.submit')}</button>
          </div>
        </form>
      )}
    </div>
  );
}
