// The renderer's entry: connect to the station through the one contract (IPC in the app, HTTP in browser
// mode), subscribe to its changes once, start listening for scanners, then render.
import { createRoot } from 'react-dom/client';
import { getApi } from './api/index.ts';
import { connect, dock, toCoreError, useDock } from './store.ts';
import { isBusy } from './flow.ts';
import { startWedge } from './routing.ts';
import { configureSounds } from './sounds.ts';
import { App } from './App.tsx';
import 'virtual:ui-fonts.css';
import './styles.css';

useDock.subscribe((s, prev) => {
  if (s.info && s.info !== prev.info) configureSounds(s.info.sounds);
});

startWedge();
try {
  void connect(getApi(), { busy: isBusy });
} catch (e) {
  dock.set({ status: 'error', loadError: toCoreError(e).message });
}
createRoot(document.getElementById('root')!).render(<App />);
