// The printable sheet of command barcodes: scanning one drives the Receive flow, so the scanner hand
// never has to reach for the keyboard.
import { COMMANDS, commandCode } from '../flow.ts';
import { useT } from '../useT.ts';
import { Barcode } from '../components/Barcode.tsx';
import type { Key } from '../i18n.ts';

export function CommandSheet() {
  const t = useT();
  return (
    <div className="command-sheet" data-testid="command-sheet">
      <header className="screen-head no-print">
        <h1>{t('cmd.title')}</h1>
        <button type="button" className="btn btn-big btn-primary" onClick={() => window.print()}>
          {t('cmd.print')}
        </button>
      </header>
      <p className="no-print">{t('cmd.text')}</p>
      <div className="commands">
        {COMMANDS.map((c) => {
          const what = t(`cmd.${c}` as Key);
          return (
            <figure key={c} className="command-card" data-command={commandCode(c)}>
              <figcaption className="command-name">{what}</figcaption>
              <Barcode text={commandCode(c)} label={t('cmd.barcodeOf', { what })} />
              <div className="command-code mono">{commandCode(c)}</div>
            </figure>
          );
        })}
      </div>
    </div>
  );
}
