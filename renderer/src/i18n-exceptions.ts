// Wording of the Exceptions list as a supervisor works it (steps by code, jobs with their contact, filters, what a
// scan found), kept apart from the main dictionary so both grow without stepping on each other. zh-TW is typed
// against English: a key missing there does not compile.
import { useCallback } from 'react';
import { useDock } from './store.ts';
import type { Lang, Params } from './i18n.ts';
import type { ExceptionStep } from '../../electron/core/queries/exceptions.ts';

const en = {
  'step.releaseHold': 'Job {job} is now {state}: release the held package.',
  'step.destroyHeld': 'Securely destroy the drive with a witness.',
  'step.returnHeld': 'Return the drive to the customer; destroy it if it cannot be returned.',
  'step.returnHeldNoJob': 'Return the drive to the sender of its box (no job on record); destroy it if it cannot be returned.',
  'step.contactCustomer': 'Contact the customer.',
  'step.heldWaiting': 'Held until the customer answers; its return is due on {due}.',
  'step.noJobHeld':
    'No job on record: keep it in the held-drive area and look for its job by the box {tracking}; it goes back to the sender from {due}.',
  'step.addressMissing': "Contact the job's contact for the return address (missing: {fields}).",
  'step.addressWrong': "Contact the job's contact for the return address (reported wrong: {why}).",
  'step.addressReached': "The job's contact was reached: enter the corrected return address.",
  'step.addressUnreachable': "The job's contact could not be reached: securely destroy its drives with a witness.",
  'step.packageOverdue': 'Notify the customer, then extend the wait or cancel.',
  'step.customerNotified': 'Waiting for the customer; with no reply the job is Closed.',
  'step.heldPackage': 'A held box with no drive in it: check the box, then return or discard the packaging.',
  'step.faultedJob': 'Faulted ({reason}): contact the customer, then resolve back to {state}.',
  'step.faultedDrive': 'Faulted ({reason}): resolve back to {state} once fixed.',
  'step.otherJobPackage': "Arrived in another job's package: keep it with its own job.",
  'step.neverReceived': 'Tell the customer; if it arrives later, scan it in any package.',
  'step.extraDrive': 'Keep it with the job; it goes back when the job ships.',
  'group.contactOnce': 'Contact the customer once about its {n} held drive(s).',
  'group.contact': 'Contact:',
  'group.noContact': 'No contact on record',
  'group.noJob': 'No job on record',
  'filter.label': 'Show',
  'filter.all': 'All',
  'filter.overdue': 'Overdue',
  'filter.today': 'Due today',
  'filter.week': 'Due this week',
  'filter.kind': 'Kind',
  'filter.allKinds': 'Every kind',
  'filter.none': 'Nothing matches this filter.',
  'count.jobs': '{n} job(s) or drive(s) need a person',
  'count.jobsMore': '{n}+ job(s) or drive(s) need a person',
  'act.returnHeld': 'Return (Packaging)',
  'act.openJob': 'Open job',
  heldBack: "Held back: the station's clock needs its date confirmed first (above).",
  'clock.elsewhere':
    "The station's clock needs its date confirmed on the Exceptions screen: nothing is recorded until then, so nothing ships.",
  'scan.shown': '{serial}: its row is shown.',
  'scan.notListed': '{code} is not on the Exceptions list.',
  'scan.unknown': '{code} is not a drive, box or job this station knows.',
  'scan.hint': 'Scan a drive to find its row, a box to open it on Receive, a job label to open the job.',
};
export type ExcKey = keyof typeof en;

const zhTW: Record<ExcKey, string> = {
  'step.releaseHold': '工作 {job} 現在是「{state}」：解除包裹暫扣。',
  'step.destroyHeld': '在見證人在場下安全銷毀硬碟。',
  'step.returnHeld': '將硬碟寄還客戶；若無法寄還則銷毀。',
  'step.returnHeldNoJob': '將硬碟寄還其箱子的寄件人（無工作紀錄）；若無法寄還則銷毀。',
  'step.contactCustomer': '聯絡客戶。',
  'step.heldWaiting': '暫扣中，等待客戶回覆；{due} 起可寄還。',
  'step.noJobHeld': '無工作紀錄：放在暫扣硬碟區保管，依箱子 {tracking} 查找其工作；{due} 起寄還寄件人。',
  'step.addressMissing': '向工作的聯絡人索取回寄地址（缺少：{fields}）。',
  'step.addressWrong': '向工作的聯絡人索取回寄地址（回報有誤：{why}）。',
  'step.addressReached': '已聯絡上工作的聯絡人：輸入更正後的回寄地址。',
  'step.addressUnreachable': '無法聯絡上工作的聯絡人：在見證人面前安全銷毀其硬碟。',
  'step.packageOverdue': '通知客戶，然後延長等待或取消。',
  'step.customerNotified': '等待客戶回覆；若無回覆，工作將「已關閉」。',
  'step.heldPackage': '暫扣的箱子裡沒有硬碟：檢查箱子，然後寄還或丟棄包裝。',
  'step.faultedJob': '故障（{reason}）：聯絡客戶，然後恢復為「{state}」。',
  'step.faultedDrive': '故障（{reason}）：修復後恢復為「{state}」。',
  'step.otherJobPackage': '在其他工作的包裹中到達：請與其所屬工作放在一起。',
  'step.neverReceived': '通知客戶；若之後到達，可在任何包裹中掃描。',
  'step.extraDrive': '與工作放在一起；工作寄回時一併寄回。',
  'group.contactOnce': '就其 {n} 顆暫扣硬碟聯絡客戶一次。',
  'group.contact': '聯絡人：',
  'group.noContact': '無聯絡人紀錄',
  'group.noJob': '無工作紀錄',
  'filter.label': '顯示',
  'filter.all': '全部',
  'filter.overdue': '已逾期',
  'filter.today': '今天到期',
  'filter.week': '本週到期',
  'filter.kind': '類別',
  'filter.allKinds': '所有類別',
  'filter.none': '沒有符合此篩選的項目。',
  'count.jobs': '{n} 個工作或硬碟需要處理',
  'count.jobsMore': '{n}+ 個工作或硬碟需要處理',
  'act.returnHeld': '寄還（包裝）',
  'act.openJob': '開啟工作',
  heldBack: '暫停：請先在上方確認電腦時鐘的日期。',
  'clock.elsewhere': '請先在「例外」畫面確認電腦時鐘的日期：確認前不記錄任何事，也不能寄出。',
  'scan.shown': '{serial}：已顯示其列。',
  'scan.notListed': '{code} 不在例外清單上。',
  'scan.unknown': '本站不認得 {code}：不是硬碟、箱子或工作。',
  'scan.hint': '掃描硬碟可找到其列，掃描箱子可在收貨畫面開啟，掃描工作標籤可開啟工作。',
};

const DICTS: Record<Lang, Record<ExcKey, string>> = { en, 'zh-TW': zhTW };

export function excText(lang: Lang, key: ExcKey, params?: Params): string {
  const s = DICTS[lang][key];
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (params[k] === undefined || params[k] === null ? m : String(params[k])));
}

export const stepKey = (code: ExceptionStep): ExcKey => `step.${code}`;

export type ExcT = (key: ExcKey, params?: Params) => string;

export function useExcT(): ExcT {
  const lang = useDock((s) => s.lang);
  return useCallback((key: ExcKey, params?: Params) => excText(lang, key, params), [lang]);
}
