// Wording of the bay's screens (copy results, destruction, packaging labels, outcome marks), kept apart from
// the main dictionary so both grow without stepping on each other. zh-TW is typed against English: a key
// missing there does not compile.
import { useCallback } from 'react';
import { useDock } from './store.ts';
import type { Lang, Params } from './i18n.ts';

const en = {
  'copy.select': 'Select {serial}',
  'copy.selectAll': 'Select every drive being copied',
  'copy.markCompleted': 'Mark {n} selected Completed',
  'copy.markedCompleted': '{n} drive(s) marked Completed: {serials}.',
  'copy.noneSelected': 'Tick the drives the bay reported Completed first.',
  'copy.beingCopied': 'Being copied ({n})',
  'copy.recordedTitle': 'Recorded results ({n})',
  'copy.correct': 'Correct',
  'copy.correctTitle': 'Correct the result of {serial}',
  'copy.correctReason': 'What was wrong (kept with the correction)',
  'copy.correctSave': 'Save the correction',
  'copy.corrected': 'Correction recorded for {serial}; the first result stays in its history.',
  'copy.cancel': 'Cancel',
  'copy.copyStatus': 'Bay reported',
  'copy.logs': 'Logs',
  'copy.uriInField': 'This scan is a log address: put the cursor in a log field of the drive, then scan it again.',
  'copy.packing': 'Copied, now packing',
  'destroy.open': 'Destroy drives by scanning',
  'destroy.title': 'Secure destruction',
  'destroy.help': 'Scan each drive to destroy. Then the witness, someone other than you, scans their badge.',
  'destroy.drives': 'Drives to destroy ({n})',
  'destroy.none': 'No drive scanned yet.',
  'destroy.method': 'Method',
  'destroy.reason': 'Why (optional)',
  'destroy.witness': 'Witness',
  'destroy.witnessWaiting': 'Waiting for the witness badge',
  'destroy.witnessIs': 'Witness: {name}',
  'destroy.witnessSelf': 'The witness must be someone other than you ({name}). Another operator scans their badge.',
  'destroy.witnessUnknown': 'Badge {code} is not an operator of this station.',
  'destroy.notHeld': 'Drive {serial} is not held here and cannot be destroyed.',
  'destroy.already': 'Drive {serial} is already on the list.',
  'destroy.added': 'Drive {serial} added.',
  'destroy.remove': 'Remove {serial}',
  'destroy.record': 'Record the destruction of {n} drive(s)',
  'destroy.needDrives': 'Scan at least one drive.',
  'destroy.needWitness': 'The witness scans their badge first.',
  'destroy.recorded': 'Destruction of {n} drive(s) recorded, witnessed by {witness}.',
  'destroy.certificate': 'Certificate',
  'destroy.print': 'Print the certificate',
  'destroy.pdf': 'Save the certificate as PDF',
  'destroy.printed': 'Certificate sent to the printer.',
  'destroy.saved': 'Certificate saved as PDF: {file}',
  'destroy.close': 'Close',
  'destroy.defaultMethod': 'NIST 800-88 purge and shred',
  'label.preview': 'Label preview',
  'label.printed': 'Label printed on {printer} at {time}.',
  'label.savedPdf': 'Label saved as PDF at {time}: {file}',
  'label.notYet': 'No label printed or saved yet.',
  'label.reprint': 'Reprint the label',
  'label.driveTag': 'Drive tag for {serial}',
  'label.tagPrinted': 'Drive tag for {serial} printed.',
  'label.tagSaved': 'Drive tag for {serial} saved as PDF: {file}',
  'label.tags': 'Drive tags',
  'outcome.mark.received': 'OK',
  'outcome.mark.extra': 'EXTRA',
  'outcome.mark.otherJob': 'OTHER JOB',
  'outcome.mark.held': 'HOLD',
  'outcome.mark.rejected': 'NO',
  'noJob.whatToDo':
    'This drive belongs to no job: keep it held in the held-drive cage, write the serial on the held-drive log and tell the supervisor.',
} as const;

export type BayKey = keyof typeof en;

const zhTW: Record<BayKey, string> = {
  'copy.select': '選取 {serial}',
  'copy.selectAll': '選取所有複製中的硬碟',
  'copy.markCompleted': '將選取的 {n} 顆標為完成',
  'copy.markedCompleted': '已將 {n} 顆硬碟標為完成：{serials}。',
  'copy.noneSelected': '請先勾選複製站回報完成的硬碟。',
  'copy.beingCopied': '複製中（{n}）',
  'copy.recordedTitle': '已記錄的結果（{n}）',
  'copy.correct': '更正',
  'copy.correctTitle': '更正 {serial} 的結果',
  'copy.correctReason': '哪裡有誤（與更正一起保存）',
  'copy.correctSave': '儲存更正',
  'copy.corrected': '已記錄 {serial} 的更正；原本的結果保留在歷程中。',
  'copy.cancel': '取消',
  'copy.copyStatus': '複製站回報',
  'copy.logs': '記錄檔',
  'copy.uriInField': '這次掃描是記錄檔位址：請先把游標放在該硬碟的記錄檔欄位，再掃描一次。',
  'copy.packing': '已複製，包裝中',
  'destroy.open': '掃描硬碟以銷毀',
  'destroy.title': '安全銷毀',
  'destroy.help': '逐一掃描要銷毀的硬碟。接著由見證人（不是您本人）掃描其識別證。',
  'destroy.drives': '要銷毀的硬碟（{n}）',
  'destroy.none': '尚未掃描任何硬碟。',
  'destroy.method': '銷毀方式',
  'destroy.reason': '原因（可不填）',
  'destroy.witness': '見證人',
  'destroy.witnessWaiting': '等待見證人掃描識別證',
  'destroy.witnessIs': '見證人：{name}',
  'destroy.witnessSelf': '見證人必須是您（{name}）以外的人。請由另一位作業員掃描識別證。',
  'destroy.witnessUnknown': '識別證 {code} 不是本站的作業員。',
  'destroy.notHeld': '硬碟 {serial} 未在本站暫扣，不能銷毀。',
  'destroy.already': '硬碟 {serial} 已在清單上。',
  'destroy.added': '已加入硬碟 {serial}。',
  'destroy.remove': '移除 {serial}',
  'destroy.record': '記錄銷毀 {n} 顆硬碟',
  'destroy.needDrives': '請至少掃描一顆硬碟。',
  'destroy.needWitness': '請先由見證人掃描識別證。',
  'destroy.recorded': '已記錄銷毀 {n} 顆硬碟，見證人 {witness}。',
  'destroy.certificate': '銷毀證明',
  'destroy.print': '列印銷毀證明',
  'destroy.pdf': '將銷毀證明存成 PDF',
  'destroy.printed': '銷毀證明已送到印表機。',
  'destroy.saved': '銷毀證明已存成 PDF：{file}',
  'destroy.close': '關閉',
  'destroy.defaultMethod': 'NIST 800-88 清除並粉碎',
  'label.preview': '標籤預覽',
  'label.printed': '標籤已於 {time} 在 {printer} 印出。',
  'label.savedPdf': '標籤已於 {time} 存成 PDF：{file}',
  'label.notYet': '標籤尚未列印或儲存。',
  'label.reprint': '重印標籤',
  'label.driveTag': '{serial} 的硬碟吊牌',
  'label.tagPrinted': '{serial} 的硬碟吊牌已印出。',
  'label.tagSaved': '{serial} 的硬碟吊牌已存成 PDF：{file}',
  'label.tags': '硬碟吊牌',
  'outcome.mark.received': '正確',
  'outcome.mark.extra': '額外',
  'outcome.mark.otherJob': '他案',
  'outcome.mark.held': '暫扣',
  'outcome.mark.rejected': '拒收',
  'noJob.whatToDo': '此硬碟不屬於任何工作：請放在暫扣硬碟區保管，把序號寫入暫扣硬碟登記表，並告知主管。',
};

const DICTS: Record<Lang, Record<BayKey, string>> = { en, 'zh-TW': zhTW };

export function bayText(lang: Lang, key: BayKey, params?: Params): string {
  const s = DICTS[lang][key];
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (params[k] === undefined || params[k] === null ? m : String(params[k])));
}

export type BayT = (key: BayKey, params?: Params) => string;

export function useBayT(): BayT {
  const lang = useDock((s) => s.lang);
  return useCallback((key: BayKey, params?: Params) => bayText(lang, key, params), [lang]);
}
