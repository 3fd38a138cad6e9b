// Packaging: a minimal list of the jobs waiting in Packaging. The labels engineer replaces this file with
// the return-shipment screen (issue 5); it is here so the navigation has its entry now.
import { useCallback, useState } from 'react';
import { go, theApi, toCoreError } from '../store.ts';
import { useLang, useT } from '../useT.ts';
import { errorText, formatDate, jobStateName, type CoreError } from '../i18n.ts';
import { useReloadOnChange } from './Exceptions.tsx';
import type { JobSearchResult } from '../../../electron/api/contract.ts';

export function Packaging() {
  const t = useT();
  const lang = useLang();
  const [result, setResult] = useState<JobSearchResult | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const load = useCallback(() => {
    theApi().call('jobs.search', { state: 'Packaging', limit: 200 }).then(setResult).catch((e) => setError(toCoreError(e)));
  }, []);
  useReloadOnChange(load);
  return (
    <div className="packaging" data-testid="packaging-screen">
      <header className="screen-head">
        <h1>{t('pack.title')}</h1>
        {result ? <span className="screen-count">{t('pack.count', { n: result.total })}</span> : null}
      </header>
      {error ? <p className="form-error" role="alert">{errorText(lang, error)}</p> : null}
      {result && result.items.length === 0 ? <p className="empty">{t('pack.none')}</p> : null}
      {result && result.items.length ? (
        <table className="table">
          <thead><tr><th scope="col">{t('jobs.col.name')}</th><th scope="col">{t('jobs.col.state')}</th><th scope="col">{t('jobs.col.updated')}</th></tr></thead>
          <tbody>
            {result.items.map((j) => (
              <tr key={j.name} data-job={j.name}>
                <td><button type="button" className="link big" onClick={() => go('jobs', j.name)}>{j.name}</button></td>
                <td><span className={`chip chip-job-${j.state}`}>{jobStateName(lang, j.state)}</span></td>
                <td>{formatDate(lang, j.updatedAt, true)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
