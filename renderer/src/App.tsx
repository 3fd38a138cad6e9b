// The station's window: a header that says who is working and where, the screens, and the sign-in.
import { useEffect, useRef, useState } from 'react';
import { useDock, dock, go, setLang, loadStation, SCREENS, setOperator, type Screen } from './store.ts';
import { command } from './flow.ts';
import { useT } from './useT.ts';
import { Icon } from './components/Icon.tsx';
import { Receive } from './screens/Receive.tsx';
import { SignIn } from './screens/SignIn.tsx';
import { Exceptions } from './screens/Exceptions.tsx';
import { Jobs } from './screens/Jobs.tsx';
import { Copy } from './screens/Copy.tsx';
import { Packaging } from './screens/Packaging.tsx';
import { CommandSheet } from './screens/CommandSheet.tsx';
import { FirstRun } from './screens/FirstRun.tsx';
import { Settings } from './screens/Settings.tsx';
import type { Key } from './i18n.ts';

const NAV_KEYS: Record<Screen, Key> = {
  receive: 'nav.receive',
  exceptions: 'nav.exceptions',
  jobs: 'nav.jobs',
  copy: 'nav.copy',
  packaging: 'nav.packaging',
  commands: 'nav.commands',
  settings: 'nav.settings',
};

function Header() {
  const t = useT();
  const info = useDock((s) => s.info);
  const operator = useDock((s) => s.operator);
  const lang = useDock((s) => s.lang);
  const screen = useDock((s) => s.screen);
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-name">{t('app.title')}</span>
        {info ? (
          <span className="brand-dock" title={info.dockName}>
            {t('header.station', { station: info.stationId })}
          </span>
        ) : null}
      </div>
      {operator ? (
        <nav aria-label={t('nav.label')} className="nav">
          {SCREENS.map((s, i) => (
            <button
              key={s}
              type="button"
              className={`nav-item ${screen === s ? 'active' : ''}`}
              aria-current={screen === s ? 'page' : undefined}
              onClick={() => go(s)}
              aria-keyshortcuts={`Alt+${i + 1}`}
              data-testid={`nav-${s}`}
            >
              {t(NAV_KEYS[s])}
            </button>
          ))}
        </nav>
      ) : (
        <div className="nav" />
      )}
      <div className="header-right">
        {operator ? (
          <>
            <span className="operator" data-testid="operator">
              <Icon name="user" size={26} /> <span className="sr-only">{t('header.operator')}: </span>
              {operator}
            </span>
            <button type="button" className="btn btn-small" onClick={() => command('SIGNOUT')} data-testid="sign-out">
              {t('header.signOut')}
            </button>
          </>
        ) : null}
        <button
          type="button"
          className="btn btn-small btn-lang"
          lang={lang === 'en' ? 'zh-TW' : 'en'}
          onClick={() => setLang(lang === 'en' ? 'zh-TW' : 'en')}
          aria-label={t('header.switchToLabel')}
          data-testid="lang-toggle"
          aria-keyshortcuts="Alt+L"
        >
          {t('header.switchTo')}
        </button>
      </div>
    </header>
  );
}

/**
 * Focus is never left on <body>: when the focused control goes away or is disabled (the Close button once
 * the package is closed), focus goes to the screen, so the keyboard keeps working from where the person is.
 */
function useFocusKeeper() {
  useEffect(() => {
    const onOut = () =>
      setTimeout(() => {
        if ((document.activeElement === document.body || !document.activeElement) && !document.querySelector('dialog[open]')) {
          document.getElementById('main')?.focus({ preventScroll: true });
        }
      }, 0);
    document.addEventListener('focusout', onOut);
    return () => document.removeEventListener('focusout', onOut);
  }, []);
}

function useGlobalKeys() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || document.querySelector('dialog[open]')) return;
      const s = useDock.getState();
      const n = Number(e.key);
      if (s.operator && Number.isInteger(n) && n >= 1 && n <= SCREENS.length) {
        e.preventDefault();
        go(SCREENS[n - 1]!);
      } else if (e.key.toLowerCase() === 'l') {
        e.preventDefault();
        setLang(s.lang === 'en' ? 'zh-TW' : 'en');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/**
 * A scan that came while a question without a text field was on screen (a dialog of Exceptions, say) is
 * refused with a message on top of that dialog (a popover: the top layer, above the modal).
 */
function ScanRefusal() {
  const t = useT();
  const [code, setCode] = useState<string | null>(null);
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const on = (e: Event) => {
      setCode(String((e as CustomEvent).detail ?? ''));
      clearTimeout(timer);
      timer = setTimeout(() => setCode(null), 5000);
    };
    window.addEventListener('dock-scan-refused', on);
    return () => {
      window.removeEventListener('dock-scan-refused', on);
      clearTimeout(timer);
    };
  }, []);
  useEffect(() => {
    const p = el.current;
    if (!p?.showPopover) return;
    try {
      if (code !== null) {
        p.hidePopover?.();
        p.showPopover();
      } else p.hidePopover?.();
    } catch {
      /* already in that state */
    }
  }, [code]);
  return (
    <div ref={el} popover="manual" className="scan-refusal" role="alert" data-testid="scan-refused" data-code={code ?? ''}>
      {/* a code never breaks across lines: its hyphens are shown as non-breaking ones */}
      {code !== null ? t('msg.answerFirst', { code: code.replace(/-/g, '\u2011') }) : null}
    </div>
  );
}

/** The header's height, so the Receive banner can stick right under it. */
function useHeaderHeight() {
  useEffect(() => {
    const el = document.querySelector<HTMLElement>('.app-header');
    if (!el || typeof ResizeObserver !== 'function') return;
    const ro = new ResizeObserver(() => document.documentElement.style.setProperty('--header-h', `${el.offsetHeight}px`));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
}

/**
 * Idle sign-out: after the station's minutes without a key, a scan or a touch, the operator is signed out, so
 * a station left alone does not record the next person's work under their name. A box left open stays open
 * under its opener's name (the Receive screen says so at the next sign-in).
 */
function useIdleSignOut() {
  const minutes = useDock((s) => s.info?.idleSignOutMinutes ?? 15);
  const operator = useDock((s) => s.operator);
  useEffect(() => {
    if (!operator) return;
    let timer: ReturnType<typeof setTimeout>;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        setOperator(null);
        dock.set({ idleSignedOut: minutes });
      }, minutes * 60_000);
    };
    const events = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, arm, { capture: true, passive: true });
    arm();
    return () => {
      clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, arm, { capture: true });
    };
  }, [minutes, operator]);
}

function Main() {
  const screen = useDock((s) => s.screen);
  const operator = useDock((s) => s.operator);
  const setupNeeded = useDock((s) => s.info?.setupNeeded ?? false);
  if (setupNeeded) return <FirstRun />;
  if (!operator) return <SignIn />;
  switch (screen) {
    case 'receive':
      return <Receive />;
    case 'exceptions':
      return <Exceptions />;
    case 'jobs':
      return <Jobs />;
    case 'copy':
      return <Copy />;
    case 'packaging':
      return <Packaging />;
    case 'commands':
      return <CommandSheet />;
    case 'settings':
      return <Settings />;
  }
}

export function App() {
  const t = useT();
  const status = useDock((s) => s.status);
  const loadError = useDock((s) => s.loadError);
  const lang = useDock((s) => s.lang);
  const problem = useDock((s) => s.info?.settingsProblem ?? null);
  useGlobalKeys();
  useIdleSignOut();
  useFocusKeeper();
  useHeaderHeight();
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('app.title');
  }, [lang, t]);

  return (
    <div className={`app lang-${lang}`}>
      <a className="skip" href="#main">
        {t('app.skipToMain')}
      </a>
      <Header />
      {problem ? (
        <div className="settings-problem" role="alert">
          {t('header.settingsProblem', { message: problem.message })}
        </div>
      ) : null}
      <main id="main" tabIndex={-1} className="main">
        {status === 'loading' ? <p className="loading">{t('app.loading')}</p> : null}
        {status === 'error' ? (
          <div className="load-error" role="alert">
            <p>{t('app.offline', { message: loadError ?? '' })}</p>
            <button type="button" className="btn btn-big" onClick={() => void loadStation()}>
              {t('app.retry')}
            </button>
          </div>
        ) : null}
        {status === 'ready' ? <Main /> : null}
      </main>
      <ScanRefusal />
    </div>
  );
}
