// Each outcome has its own sound, so the person at the dock knows what happened without looking:
// made with the Web Audio API at run time (no files, no network). The last sound played is also written to
// <html data-sound="…">, so tests and people with the sound off can see which one it was.

export type Sound = 'accepted' | 'extra' | 'otherJob' | 'held' | 'notice' | 'rejected' | 'command';

interface Note {
  f: number;
  ms: number;
  type?: OscillatorType;
  gap?: number;
  glideTo?: number;
  gain?: number;
}

/** Rhythm and pitch differ, not only pitch: told apart by ear in a noisy dock. */
export const PATTERNS: Record<Sound, Note[]> = {
  // one bright short beep
  accepted: [{ f: 1320, ms: 110, type: 'sine' }],
  // two equal mid beeps
  extra: [
    { f: 740, ms: 120, type: 'triangle', gap: 70 },
    { f: 740, ms: 120, type: 'triangle' },
  ],
  // a rising sweep: it belongs elsewhere
  otherJob: [{ f: 520, ms: 260, type: 'triangle', glideTo: 1040 }],
  // three low pulses: put it aside
  held: [
    { f: 440, ms: 90, type: 'square', gap: 60, gain: 0.5 },
    { f: 440, ms: 90, type: 'square', gap: 60, gain: 0.5 },
    { f: 440, ms: 90, type: 'square', gain: 0.5 },
  ],
  // a soft double tick
  notice: [
    { f: 1760, ms: 40, type: 'sine', gap: 60, gain: 0.5 },
    { f: 1760, ms: 40, type: 'sine', gain: 0.5 },
  ],
  // a long low buzz, falling
  rejected: [{ f: 220, ms: 420, type: 'sawtooth', glideTo: 150 }],
  // a click
  command: [{ f: 980, ms: 50, type: 'square', gain: 0.4 }],
};

let ctx: AudioContext | null = null;
let settings = { enabled: true, volume: 0.7 };

export function configureSounds(s: { enabled: boolean; volume: number }): void {
  settings = { enabled: s.enabled, volume: Math.max(0, Math.min(1, s.volume)) };
}

function audio(): AudioContext | null {
  if (ctx) return ctx;
  try {
    const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    ctx = Ctor ? new Ctor() : null;
  } catch {
    ctx = null;
  }
  return ctx;
}

let played = 0;

export function play(sound: Sound): void {
  played++;
  document.documentElement.dataset.sound = sound;
  document.documentElement.dataset.soundCount = String(played);
  if (!settings.enabled || settings.volume === 0) return;
  const ac = audio();
  if (!ac) return;
  try {
    if (ac.state === 'suspended') void ac.resume();
    let t = ac.currentTime + 0.01;
    for (const n of PATTERNS[sound]) {
      const osc = ac.createOscillator();
      const g = ac.createGain();
      osc.type = n.type ?? 'sine';
      osc.frequency.setValueAtTime(n.f, t);
      if (n.glideTo) osc.frequency.linearRampToValueAtTime(n.glideTo, t + n.ms / 1000);
      const peak = settings.volume * (n.gain ?? 1) * 0.6;
      g.gain.setValueAtTime(0, t);
      g.gain.linearRampToValueAtTime(peak, t + 0.005);
      g.gain.setValueAtTime(peak, t + n.ms / 1000 - 0.015);
      g.gain.linearRampToValueAtTime(0, t + n.ms / 1000);
      osc.connect(g).connect(ac.destination);
      osc.start(t);
      osc.stop(t + n.ms / 1000 + 0.02);
      t += (n.ms + (n.gap ?? 0)) / 1000;
    }
  } catch {
    /* a station without an audio device still scans */
  }
}
