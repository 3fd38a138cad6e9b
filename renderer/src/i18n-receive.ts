// Wording of the Receive screen's box-at-a-time parts (what needs a look, the lines' own actions, the close
// summary), kept apart from the main dictionary so both grow without stepping on each other. zh-TW is typed
// against English: a key missing there does not compile.
import { useCallback } from 'react';
import { useDock } from './store.ts';
import type { Lang, Params } from './i18n.ts';

const en = {
  'rx.notes': 'Needs a look ({n})',
  'rx.takeBackLabel': 'Take back the scan of {serial}',
  'rx.tag': 'Drive tag',
  'rx.tagLabel': 'Print a drive tag for {serial}',
  'rx.tagOpen': 'Open the drive tag of {serial} (PDF)',
  'rx.confirmExtra': 'Record {code} as an extra drive',
  'rx.moveHere': 'Move {code} to this package',
  'rx.countHead': '{received} of {expected} received',
  'rx.closedExtras': 'Extra drives (go back with their job):',
  'rx.closedOther': 'Drives of other jobs (keep with their job):',
  'rx.closedHeld': 'Held drives (hold shelf):',
  'close.nextTitle': 'Close package {tracking} and open {next}?',
  'close.nextHint': 'Scan {next} again, press Enter, F8 or F9, or scan CLOSE PACKAGE to close it; Escape keeps {tracking} open.',
  'close.waitingOne': '1 scan waits for your answer: it goes into the package open after it.',
  'close.waiting': '{n} scans wait for your answer: they go into the package open after it, in order.',
  'close.confirmNext': 'Close and open {next}',
  'close.heldAlso': 'The package holds held drives: it goes on hold with them ({received} of {expected} expected drives arrived).',
  'close.heldOnly': 'Nothing becomes NeverReceived: {received} of {expected} expected drives arrived and are held with the package.',
} as const;

export type ReceiveKey = keyof typeof en;

const zh: Record<ReceiveKey, string> = {
  'rx.notes': '需要查看（{n}）',
  'rx.takeBackLabel': '撤回 {serial} 的掃描',
  'rx.tag': '硬碟吊牌',
  'rx.tagLabel': '列印 {serial} 的硬碟吊牌',
  'rx.tagOpen': '開啟 {serial} 的硬碟吊牌（PDF）',
  'rx.confirmExtra': '將 {code} 記為額外硬碟',
  'rx.moveHere': '將 {code} 移到此包裹',
  'rx.countHead': '已收 {received} / {expected}',
  'rx.closedExtras': '額外硬碟（隨其工作寄回）：',
  'rx.closedOther': '其他工作的硬碟（與其工作放在一起）：',
  'rx.closedHeld': '暫扣的硬碟（放上暫扣架）：',
  'close.nextTitle': '關閉包裹 {tracking} 並開啟 {next}？',
  'close.nextHint': '再掃描一次 {next}、按 Enter、F8 或 F9，或掃描「關閉包裹」即關閉；按 Esc 讓 {tracking} 保持開啟。',
  'close.waitingOne': '有 1 筆掃描在等您回答：回答後記入當時開啟的包裹。',
  'close.waiting': '有 {n} 筆掃描在等您回答：回答後依序記入當時開啟的包裹。',
  'close.confirmNext': '關閉並開啟 {next}',
  'close.heldAlso': '包裹內有暫扣的硬碟：包裹將連同它們暫扣（預期 {expected} 個中已到 {received} 個）。',
  'close.heldOnly': '沒有硬碟會變成「未收到」：預期 {expected} 個中已到 {received} 個，隨包裹暫扣。',
};

const WORDS: Record<Lang, Record<ReceiveKey, string>> = { en, 'zh-TW': zh };

export function receiveText(lang: Lang, key: ReceiveKey, params?: Params): string {
  const s = WORDS[lang][key];
  return params ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : s;
}

export type ReceiveT = (key: ReceiveKey, params?: Params) => string;

export function useReceiveT(): ReceiveT {
  const lang = useDock((s) => s.lang);
  return useCallback((key, params) => receiveText(lang, key, params), [lang]);
}
