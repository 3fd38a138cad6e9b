// Words for what the station answers in codes: a scan's outcome with its parameters, the reasons the station
// writes into custody, and the Receive flow's answers to codes that are not drives. Each is worded here in both
// languages from the code and its parameters, never from the core's English; counts take the language's own
// plural forms (Intl.PluralRules), so no screen reads "drive(s)".
import type { CustodyRecord, JobState } from '../../electron/core/model.ts';
import type { ReasonCode } from '../../electron/core/reasons.ts';
import type { ScanOutcome, ScanParams } from '../../electron/core/intake.ts';
import { jobStateName, type Lang } from './i18n.ts';

type Forms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
const rules = new Map<Lang, Intl.PluralRules>();

/** `n` with the form of the word its language takes for that count; `#` in a form stands for the number. */
export function plural(lang: Lang, n: number, forms: Forms): string {
  let r = rules.get(lang);
  if (!r) rules.set(lang, (r = new Intl.PluralRules(lang)));
  return (forms[r.select(n)] ?? forms.other).replace(/#/g, String(n));
}

/** What the Receive flow says, as a code and its parameters: kept so, the banner rewords itself on a language switch. */
export type ScanWords =
  | { kind: 'outcome'; outcome: ScanOutcome; params: ScanParams }
  /** A job's name scanned with no package open: a job's label, not its box. */
  | { kind: 'jobNoBox'; job: string; state: JobState }
  /** A job's name scanned into an open package: refused, nothing recorded. */
  | { kind: 'jobInBox'; job: string; tracking: string }
  /** An operator's badge scanned while a package is open: the station is theirs now, the package stays open. */
  | { kind: 'handedOver'; name: string; tracking: string; opener: string }
  /** A serial on no list: asked before it becomes an extra drive (the same code again, or F6). */
  | { kind: 'confirmExtra'; serial: string; job: string }
  /** The serial waiting to be confirmed was left: another code came instead. */
  | { kind: 'extraDropped'; serial: string; instead: string }
  /** A drive already received: in this box, or in the box it came in (it may be moved here). */
  | { kind: 'alreadyIn'; serial: string; box: string | null; here: boolean; movable: boolean; open: string | null }
  /** A drive moved from the box it was recorded in to the box open here. */
  | { kind: 'movedHere'; serial: string; from: string; to: string }
  /** A line of the open box taken back. */
  | { kind: 'takenBack'; serial: string; tracking: string }
  /** The next box's scan closed the open box and opened the next. */
  | { kind: 'nextBox'; closed: string; never: number; opened: string; jobs: string; held: boolean }
  /** Signed out with a box open: it stays open, and the next badge continues it. */
  | { kind: 'signedOutOpen'; tracking: string; opener: string }
  /** A box closed with every expected drive, and extra, other-job or held drives besides. */
  | { kind: 'closedWith'; tracking: string; extras: number; otherJob: number; held: number }
  /** What the box just closed by the next box's scan left to look at, kept beside the next box. */
  | { kind: 'previousBox'; tracking: string; never: string[]; extras: string[]; otherJob: string[]; held: string[] }
  /** A drive tag drawn for a drive of the open box. */
  | { kind: 'tagReady'; serial: string; file: string };

export function scanWords(lang: Lang, w: ScanWords): string {
  return lang === 'zh-TW' ? zh(w) : en(w);
}

function en(w: ScanWords): string {
  switch (w.kind) {
    case 'jobNoBox':
      return (
        `This is the label of job ${w.job} (${jobStateName('en', w.state)}), not a package: ` +
        "scan the carrier's tracking number on the box. Nothing was changed."
      );
    case 'jobInBox':
      return (
        `This is the label of job ${w.job}, not a drive: scan the serial on the drive itself. ` +
        `Nothing was recorded; package ${w.tracking} stays open.`
      );
    case 'handedOver':
      return (
        `${w.name} is signed in now. Package ${w.tracking} stays open (opened by ${w.opener}): keep scanning its drives. ` +
        'The badge was not taken as a drive.'
      );
    case 'confirmExtra':
      return (
        `${w.serial} is on no list of job ${w.job}. A drive's label carries model and WWN barcodes too: if this is the drive's ` +
        'serial, scan it again (or press F6) to record it as an extra drive. Nothing was recorded yet.'
      );
    case 'extraDropped':
      return `${w.serial} was not recorded: ${w.instead} was scanned instead. Scan ${w.serial} twice if it is an extra drive.`;
    case 'alreadyIn':
      if (!w.box) return `Drive ${w.serial} was already received.`;
      if (w.here) return `Drive ${w.serial} was already received in this package (${w.box}). Nothing was changed.`;
      return (
        `Drive ${w.serial} was already received in package ${w.box}. Nothing was changed.` +
        (w.movable && w.open ? ` If it came in ${w.open}, press F6 (button below) to move it here.` : '')
      );
    case 'movedHere':
      return `Drive ${w.serial} moved from package ${w.from} to package ${w.to}: a custody record in each.`;
    case 'takenBack':
      return `Scan of ${w.serial} taken back from package ${w.tracking} (a new custody record).`;
    case 'nextBox': {
      const never = w.never ? plural('en', w.never, { one: ': # drive NeverReceived', other: ': # drives NeverReceived' }) : '';
      return (
        `Package ${w.closed} closed${never}${w.held ? ' (on hold)' : ''}. ` +
        `Package ${w.opened} is open${w.jobs ? `: ${w.jobs}` : ''}. Scan its drives.`
      );
    }
    case 'signedOutOpen':
      return `Signed out. Package ${w.tracking} stays open (opened by ${w.opener}): the next badge continues it.`;
    case 'tagReady':
      return `Drive tag for ${w.serial} is ready: ${w.file}.`;
    case 'previousBox': {
      const parts = [
        w.never.length ? `NeverReceived ${w.never.join(', ')}` : '',
        w.extras.length ? `extra ${w.extras.join(', ')}` : '',
        w.otherJob.length ? `of other jobs ${w.otherJob.join(', ')}` : '',
        w.held.length ? `held ${w.held.join(', ')}` : '',
      ].filter(Boolean);
      return `Package ${w.tracking} was closed with drives to look at: ${parts.join('; ')}.`;
    }
    case 'closedWith': {
      const parts = [
        w.extras ? plural('en', w.extras, { one: '# extra drive', other: '# extra drives' }) : '',
        w.otherJob ? plural('en', w.otherJob, { one: '# drive of another job', other: '# drives of other jobs' }) : '',
        w.held ? plural('en', w.held, { one: '# held drive', other: '# held drives' }) : '',
      ].filter(Boolean);
      return `Package ${w.tracking} closed. Every expected drive was received, and ${parts.join(', ')} besides: see the list below.`;
    }
    case 'outcome':
      return enOutcome(w.outcome, w.params);
  }
}

function enOutcome(outcome: ScanOutcome, p: ScanParams): string {
  const job = p.job ?? '';
  switch (outcome) {
    case 'received':
      return `Drive ${p.serial} received for job ${job}.`;
    case 'arrivedLater':
      return (
        `Drive ${p.serial} of job ${job} was NeverReceived and has now arrived` +
        `${p.otherPackage ? ` in package ${p.tracking}` : ''}: Received.`
      );
    case 'exportAdded':
      return `Drive ${p.serial} received for export job ${job}.`;
    case 'extra':
      return `Drive ${p.serial} is not on job ${job}'s list: an extra drive. Not copied; it goes back with the job. Put it with the job.`;
    case 'otherJob': {
      const theirs = plural('en', p.packageJobs.length, { one: "this package's job", other: "any of this package's # jobs" });
      return `Drive ${p.serial} belongs to job ${job}, not to ${theirs}. Received for ${job}; keep it with ${job}.`;
    }
    case 'held': {
      const shelf = 'Put it on the hold shelf; contact the customer.';
      // a drive of no job has no customer to contact: the log and the supervisor find its owner
      if (p.hold === 'noJob' || !p.job) {
        return (
          `Drive ${p.serial} belongs to no job: held. ` +
          'Put it on the hold shelf, write the serial in the held-drive log and tell the supervisor.'
        );
      }
      const why =
        p.hold === 'jobEnded' ? `job ${job} is already ${jobStateName('en', p.jobState ?? 'Closed')}` : `job ${job} is still Creating`;
      return p.extra
        ? `Drive ${p.serial} is not on job ${job}'s list and ${why}: held. ${shelf}`
        : `Drive ${p.serial} is held: ${why}. ${shelf}`;
    }
    case 'alreadyReceived':
      return `Drive ${p.serial} was already received.`;
  }
}

function zh(w: ScanWords): string {
  switch (w.kind) {
    case 'jobNoBox':
      return `這是工作 ${w.job}（${jobStateName('zh-TW', w.state)}）的標籤，不是包裹：請掃描箱子上貨運商的追蹤號碼。沒有任何變更。`;
    case 'jobInBox':
      return `這是工作 ${w.job} 的標籤，不是硬碟：請掃描硬碟本身的序號。沒有任何紀錄；包裹 ${w.tracking} 仍開啟中。`;
    case 'handedOver':
      return `現在由 ${w.name} 登入。包裹 ${w.tracking} 仍開啟中（由 ${w.opener} 開啟）：請繼續掃描硬碟。識別證沒有被當成硬碟。`;
    case 'confirmExtra':
      return `${w.serial} 不在工作 ${w.job} 的任何清單上。硬碟標籤上也有型號和 WWN 條碼：若這是硬碟的序號，請再掃描一次（或按 F6）記為額外硬碟。目前尚未記錄。`;
    case 'extraDropped':
      return `${w.serial} 未記錄：改掃了 ${w.instead}。若它是額外硬碟，請連續掃描 ${w.serial} 兩次。`;
    case 'alreadyIn':
      if (!w.box) return `硬碟 ${w.serial} 已經收過了。`;
      if (w.here) return `硬碟 ${w.serial} 已在此包裹（${w.box}）中收過了。沒有任何變更。`;
      return (
        `硬碟 ${w.serial} 已在包裹 ${w.box} 中收過了。沒有任何變更。` +
        (w.movable && w.open ? `若它其實在 ${w.open} 中，請按 F6（下方按鈕）移到此包裹。` : '')
      );
    case 'movedHere':
      return `硬碟 ${w.serial} 已從包裹 ${w.from} 移到包裹 ${w.to}：兩個包裹各有一筆保管紀錄。`;
    case 'takenBack':
      return `已從包裹 ${w.tracking} 撤回 ${w.serial} 的掃描（新增一筆保管紀錄）。`;
    case 'nextBox':
      return (
        `包裹 ${w.closed} 已關閉${w.never ? `：${plural('zh-TW', w.never, { other: '# 個硬碟未收到' })}` : ''}${w.held ? '（暫扣）' : ''}。` +
        `包裹 ${w.opened} 已開啟${w.jobs ? `：${w.jobs}` : ''}。請掃描其硬碟。`
      );
    case 'signedOutOpen':
      return `已登出。包裹 ${w.tracking} 仍開啟中（由 ${w.opener} 開啟）：下一位掃描識別證的人接續處理。`;
    case 'tagReady':
      return `${w.serial} 的硬碟吊牌已備妥：${w.file}。`;
    case 'previousBox': {
      const parts = [
        w.never.length ? `未收到：${w.never.join('、')}` : '',
        w.extras.length ? `額外：${w.extras.join('、')}` : '',
        w.otherJob.length ? `其他工作：${w.otherJob.join('、')}` : '',
        w.held.length ? `暫扣：${w.held.join('、')}` : '',
      ].filter(Boolean);
      return `包裹 ${w.tracking} 已關閉，有需要查看的硬碟：${parts.join('；')}。`;
    }
    case 'closedWith': {
      const parts = [
        w.extras ? `額外硬碟 ${w.extras} 個` : '',
        w.otherJob ? `其他工作的硬碟 ${w.otherJob} 個` : '',
        w.held ? `暫扣的硬碟 ${w.held} 個` : '',
      ].filter(Boolean);
      return `包裹 ${w.tracking} 已關閉。預期的硬碟都已收到，另有${parts.join('、')}：請看下方清單。`;
    }
    case 'outcome':
      return zhOutcome(w.outcome, w.params);
  }
}

function zhOutcome(outcome: ScanOutcome, p: ScanParams): string {
  const job = p.job ?? '';
  switch (outcome) {
    case 'received':
      return `硬碟 ${p.serial} 已收到，屬於工作 ${job}。`;
    case 'arrivedLater':
      return `工作 ${job} 的硬碟 ${p.serial} 原為「未收到」，現已${p.otherPackage ? `在包裹 ${p.tracking} 中` : ''}到達：已收到。`;
    case 'exportAdded':
      return `硬碟 ${p.serial} 已收到，屬於匯出工作 ${job}。`;
    case 'extra':
      return `硬碟 ${p.serial} 不在工作 ${job} 的清單上：額外硬碟。不複製，隨工作寄回。請與該工作放在一起。`;
    case 'otherJob': {
      // Chinese has one form for every count; the sentence itself differs for one job and for several
      const theirs =
        p.packageJobs.length === 1 ? '此包裹的工作' : plural('zh-TW', p.packageJobs.length, { other: '此包裹 # 個工作中的任何一個' });
      return `硬碟 ${p.serial} 屬於工作 ${job}，不屬於${theirs}。已為 ${job} 收件；請與 ${job} 放在一起。`;
    }
    case 'held': {
      const shelf = '請放上暫扣架並聯絡客戶。';
      if (p.hold === 'noJob' || !p.job)
        return `硬碟 ${p.serial} 不屬於任何工作：暫扣。請放上暫扣架，把序號寫入暫扣硬碟登記表，並告知主管。`;
      const why =
        p.hold === 'jobEnded' ? `工作 ${job} 已是「${jobStateName('zh-TW', p.jobState ?? 'Closed')}」` : `工作 ${job} 仍在「建立中」`;
      return p.extra ? `硬碟 ${p.serial} 不在工作 ${job} 的清單上，且${why}：暫扣。${shelf}` : `硬碟 ${p.serial} 暫扣：${why}。${shelf}`;
    }
    case 'alreadyReceived':
      return `硬碟 ${p.serial} 已經收過了。`;
  }
}

// ---- custody reasons -----------------------------------------------------------------------------------------

type ReasonWords = { [C in ReasonCode]: (p: Record<string, string | number>, lang: Lang) => string };
const str = (v: string | number | undefined): string => (v === undefined ? '' : String(v));
const num = (v: string | number | undefined): number => Number(v ?? 0);

const REASON_EN: ReasonWords = {
  noJob: () => 'No job on record',
  jobCreating: () => 'The job is still Creating',
  packageJobCreating: () => 'The job is still Creating: nothing is processed until it is Shipping',
  jobEnded: (p) => `The job is already ${jobStateName('en', str(p.state))}`,
  jobReady: (p) => `Job ${str(p.job)} is ${jobStateName('en', str(p.state))}`,
  notInPackage: (p) => `Not in package ${str(p.tracking)}`,
  undo: (p) => `Undoes custody record ${str(p.seq)}`,
  cancelSkipsCopy: () => 'A cancelled job skips the data copy',
  nothingArrived: () => "None of the job's drives arrived",
  cancelRequested: () => 'Cancel requested',
  nothingToShip: () => 'Nothing of the job is at the dock to ship back',
  heldReturned: () => 'Held drive returned to the sender',
  allHeldReturned: () => 'Every held drive was returned',
  allHeldDestroyed: () => 'Every held drive was destroyed',
  creatingExpired: (p) => `${plural('en', num(p.weeks), { one: '# week', other: '# weeks' })} in Creating`,
  jobDeletedCreating: (p) => `Job deleted after ${plural('en', num(p.weeks), { one: '# week', other: '# weeks' })} in Creating`,
  shippingTimedOut: (p) => `${plural('en', num(p.weeks), { one: '# week', other: '# weeks' })} in Shipping and the package never arrived`,
  noReply: (p) => `No reply ${plural('en', num(p.days), { one: '# day', other: '# days' })} after the customer was notified`,
  closedNoReply: () => 'Job Closed: no reply from the customer',
  purged: (p) => `${plural('en', num(p.days), { one: '# day', other: '# days' })} after the job ended`,
  jobPurged: (p) => `Job purged ${plural('en', num(p.days), { one: '# day', other: '# days' })} after it ended`,
  purgedDeleted: (p) => `${plural('en', num(p.days), { one: '# day', other: '# days' })} after the job was deleted`,
  jobPurgedDeleted: (p) => `Job purged ${plural('en', num(p.days), { one: '# day', other: '# days' })} after it was deleted`,
};

const REASON_ZH: ReasonWords = {
  noJob: () => '沒有對應的工作',
  jobCreating: () => '工作仍在「建立中」',
  packageJobCreating: () => '工作仍在「建立中」：進入「運送中」之前不做任何處理',
  jobEnded: (p) => `工作已是「${jobStateName('zh-TW', str(p.state))}」`,
  jobReady: (p) => `工作 ${str(p.job)} 已是「${jobStateName('zh-TW', str(p.state))}」`,
  notInPackage: (p) => `不在包裹 ${str(p.tracking)} 中`,
  undo: (p) => `復原保管紀錄 ${str(p.seq)}`,
  cancelSkipsCopy: () => '已取消的工作略過資料複製',
  nothingArrived: () => '工作的硬碟都沒有到達',
  cancelRequested: () => '要求取消',
  nothingToShip: () => '碼頭上沒有此工作可寄回的東西',
  heldReturned: () => '暫扣的硬碟已寄還寄件人',
  allHeldReturned: () => '所有暫扣的硬碟都已寄還',
  allHeldDestroyed: () => '所有暫扣的硬碟都已銷毀',
  creatingExpired: (p) => `在「建立中」${plural('zh-TW', num(p.weeks), { other: '# 週' })}`,
  jobDeletedCreating: (p) => `在「建立中」${plural('zh-TW', num(p.weeks), { other: '# 週' })}後刪除工作`,
  shippingTimedOut: (p) => `在「運送中」${plural('zh-TW', num(p.weeks), { other: '# 週' })}，包裹始終未到`,
  noReply: (p) => `通知客戶後 ${plural('zh-TW', num(p.days), { other: '# 天' })}沒有回覆`,
  closedNoReply: () => '工作已關閉：客戶沒有回覆',
  purged: (p) => `工作結束 ${plural('zh-TW', num(p.days), { other: '# 天' })}後`,
  jobPurged: (p) => `工作結束 ${plural('zh-TW', num(p.days), { other: '# 天' })}後清除`,
  purgedDeleted: (p) => `工作刪除 ${plural('zh-TW', num(p.days), { other: '# 天' })}後`,
  jobPurgedDeleted: (p) => `工作刪除 ${plural('zh-TW', num(p.days), { other: '# 天' })}後清除`,
};

const REASONS: Record<Lang, ReasonWords> = { en: REASON_EN, 'zh-TW': REASON_ZH };

/**
 * Why a custody record happened, in the reader's language: a reason the station wrote is worded from its code
 * and parameters; a reason a person typed is shown as they typed it.
 */
export function custodyReason(lang: Lang, rec: Pick<CustodyRecord, 'reason' | 'detail'>): string {
  const code = rec.detail?.reasonCode;
  const known = typeof code === 'string' && Object.prototype.hasOwnProperty.call(REASONS[lang], code);
  const words = known ? REASONS[lang][code as ReasonCode] : null;
  if (!words) return rec.reason ?? '';
  const params = rec.detail?.reasonParams;
  return words(params && typeof params === 'object' ? (params as Record<string, string | number>) : {}, lang);
}

/** Custody actions the timeline's main table does not name yet. */
const MORE_ACTIONS: Record<Lang, Record<string, string>> = {
  en: {
    'drive.heldAtDock': 'Held at the dock',
    'drive.heldReturned': 'Held drive returned',
    'drive.detachedFromJob': 'Kept as a drive of no job',
    'package.holdEnded': 'Hold ended',
    'package.receiveUndone': 'Package put back unopened',
    'job.nothingToCopy': 'Nothing to copy',
    'job.closedNothingToShip': 'Closed: nothing to ship',
  },
  'zh-TW': {
    'drive.heldAtDock': '在碼頭暫扣',
    'drive.heldReturned': '暫扣的硬碟已寄還',
    'drive.detachedFromJob': '改為無工作的硬碟保管',
    'package.holdEnded': '暫扣結束',
    'package.receiveUndone': '包裹撤回（未開啟）',
    'job.nothingToCopy': '沒有可複製的資料',
    'job.closedNothingToShip': '關閉：沒有東西可寄回',
  },
};

export function moreActionName(lang: Lang, action: string): string | null {
  return MORE_ACTIONS[lang][action] ?? null;
}
