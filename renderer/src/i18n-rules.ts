// The rule book in the screen's words. The core sends a rule's code and its parameters (a job, serials,
// states); here each code is worded in every language, with the language's own plural forms, so a Chinese
// screen never shows the core's English. A code missing from a language is a type error.
import type { Possibility, Reason, ReasonParams, RuleCode } from '../../electron/core/rules/index.ts';
import { copyStatusName, driveStateName, jobStateName, stateName, translate, triggerName, type Key, type Lang } from './i18n.ts';

type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** Picks the plural form for n by the language's own rules, then fills {n}. */
export function plural(lang: Lang, n: number, forms: Plural): string {
  const form = forms[new Intl.PluralRules(lang).select(n)] ?? forms.other;
  return form.replace('{n}', String(n));
}

const list = (v: ReasonParams[string] | undefined): string[] => (Array.isArray(v) ? v.map(String) : []);
const str = (v: ReasonParams[string] | undefined): string => (v === null || v === undefined ? '' : String(v));

/** "A1, A2 and A3" / "A1、A2和A3". */
function joinAnd(lang: Lang, xs: readonly string[]): string {
  return new Intl.ListFormat(lang, { type: 'conjunction' }).format(xs);
}
function joinOr(lang: Lang, xs: readonly string[]): string {
  return new Intl.ListFormat(lang, { type: 'disjunction' }).format(xs);
}

interface W {
  lang: Lang;
  p: ReasonParams;
  ids: string[];
  n: number;
  /** The serials named, listed in the language's way. */
  serials: string;
  job: string;
  jobState: (s: ReasonParams[string] | undefined) => string;
  driveState: (s: ReasonParams[string] | undefined) => string;
  field: (f: string) => string;
}

const faultedFrom = (w: W, zh: boolean): string =>
  w.p.faultedFrom ? (zh ? `（自「${w.jobState(w.p.faultedFrom)}」）` : ` (from ${w.jobState(w.p.faultedFrom)})`) : '';

type Wording = Record<RuleCode, (w: W) => string>;

const EN: Wording = {
  JOB_DELETED: (w) => `Job ${w.job} was deleted on ${str(w.p.on)} after 2 weeks in Creating.`,
  JOB_STATE: (w) =>
    `Job ${w.job} is ${w.jobState(w.p.state)}${faultedFrom(w, false)}; this needs ${joinOr('en', list(w.p.needs).map(w.jobState))}.`,
  DELIVERY_PACKAGE_MISSING: () => "Shipping needs the delivery package's carrier and tracking number.",
  SHIPPING_ADDRESS_INCOMPLETE: (w) => `Shipping needs a complete return address: ${joinAnd('en', list(w.p.fields).map(w.field))} missing.`,
  JOB_CANCELLED: (w) => `Job ${w.job} was cancelled: a cancelled job skips the data copy.`,
  JOB_NOT_CANCELLED: (w) => `Job ${w.job} was not cancelled: only a cancelled job skips the data copy.`,
  JOB_ALREADY_CANCELLED: (w) => `Job ${w.job} is already cancelled.`,
  CANCEL_TOO_LATE: (w) => `Job ${w.job} is ${w.jobState(w.p.state)}${faultedFrom(w, false)}: a cancel is accepted only before Packaging.`,
  TOO_MANY_DRIVES: (w) =>
    plural('en', Number(w.p.count), { other: `An import job has at most ${str(w.p.max)} drives; job ${w.job} would have {n}.` }),
  NO_DRIVE_TO_COPY: (w) => `Job ${w.job} has no received drive waiting for its copy.`,
  DRIVES_NOT_PROCESSED: (w) =>
    plural('en', w.n, { one: `Drive ${w.serials} is not processed yet.`, other: `{n} drives are not processed yet: ${w.serials}.` }),
  DRIVES_ARRIVED: (w) =>
    plural('en', w.n, {
      one: `Drive ${w.serials} arrived: copy it or resolve it first.`,
      other: `{n} drives arrived: ${w.serials}. Copy or resolve them first.`,
    }),
  DRIVES_AT_DOCK: (w) =>
    plural('en', w.n, { one: `Drive ${w.serials} is still at the dock.`, other: `{n} drives are still at the dock: ${w.serials}.` }),
  JOB_HAD_ERRORS: (w) =>
    `The job had errors (${[
      w.p.cancelled ? 'it was cancelled' : '',
      list(w.p.neverReceived).length
        ? plural('en', list(w.p.neverReceived).length, {
            one: `${list(w.p.neverReceived)[0]} never received`,
            other: `{n} drives never received`,
          })
        : '',
      list(w.p.copyErrors).length
        ? plural('en', list(w.p.copyErrors).length, {
            one: `a copy error on ${list(w.p.copyErrors)[0]}`,
            other: `copy errors on {n} drives`,
          })
        : '',
      list(w.p.notCopied).length
        ? plural('en', list(w.p.notCopied).length, { one: `${list(w.p.notCopied)[0]} not copied`, other: `{n} drives not copied` })
        : '',
    ]
      .filter(Boolean)
      .join('; ')}), so it ends Closed.`,
  JOB_HAD_NO_ERRORS: () => 'The job had no errors, so it ends Completed.',
  NOT_FAULTED_FROM: (w) =>
    `A fault is resolved back to the state it left (${w.p.driveIds ? w.driveState(w.p.faultedFrom) : w.jobState(w.p.faultedFrom)}).`,
  NOT_NOTIFIED: () => 'The customer has not been told yet that the package is missing.',
  PACKAGE_ARRIVED: (w) =>
    w.n
      ? plural('en', w.n, {
          one: `Drive ${w.serials} is at the dock: the package is not missing.`,
          other: `{n} drives are at the dock: the package is not missing.`,
        })
      : 'A package of the job is at the dock: it is not missing.',
  PACKAGE_NOT_HERE: () => 'No package of the job is open at the dock.',
  RETURN_ADDRESS_INCOMPLETE: (w) => `The return address is missing: ${joinAnd('en', list(w.p.fields).map(w.field))}.`,
  RETURN_ADDRESS_REPORTED_WRONG: (w) =>
    `The return address was reported wrong (${w.p.why ? String(w.p.why) : 'no reason given'}): correct it before shipping.`,
  DRIVES_BUSY: (w) =>
    plural('en', w.n, {
      one: `Drive ${w.serials} is still copying or faulted.`,
      other: `{n} drives are still copying or faulted: ${w.serials}.`,
    }),
  NOTHING_TO_SHIP: () => 'No drive of the job is at the dock to ship back.',
  DRIVES_NOT_BOXED: (w) =>
    plural('en', w.n, { one: `Drive ${w.serials} is not in the box yet.`, other: `{n} drives are not in the box yet: ${w.serials}.` }),
  DRIVES_NOT_RETURNING: (w) =>
    plural('en', w.n, {
      one: `Drive ${w.serials} does not go back with job ${w.job}.`,
      other: `{n} drives do not go back with job ${w.job}: ${w.serials}.`,
    }),
  DRIVE_STATE: (w) =>
    plural('en', w.n, {
      one: `Drive ${w.serials} is ${w.driveState(w.p.state)}; this needs ${joinOr('en', list(w.p.needs).map(w.driveState))}.`,
      other: `{n} drives are ${w.driveState(w.p.state)}; this needs ${joinOr('en', list(w.p.needs).map(w.driveState))}.`,
    }),
  DRIVE_NOT_IN_JOB: (w) =>
    plural('en', w.n, {
      one: `Drive ${w.serials} is not a drive of job ${w.job}.`,
      other: `{n} drives are not drives of job ${w.job}: ${w.serials}.`,
    }),
  DRIVE_NOT_LISTED: (w) =>
    plural('en', w.n, {
      one: `Drive ${w.serials} is not on the job's list: it is not copied.`,
      other: `{n} drives are not on the job's list: they are not copied.`,
    }),
  DRIVE_HELD: (w) =>
    plural('en', w.n, {
      one: `Drive ${w.serials} is held: nothing is done with it until the hold is released.`,
      other: `{n} drives are held: ${w.serials}.`,
    }),
  DRIVE_OF_NO_JOB: (w) =>
    plural('en', w.n, { one: `Drive ${w.serials} belongs to no job.`, other: `{n} drives belong to no job: ${w.serials}.` }),
  DRIVE_NOT_HELD: (w) =>
    plural('en', w.n, {
      one: `Drive ${w.serials} is not held: it goes back with its job's shipment.`,
      other: `{n} drives are not held: ${w.serials}. They go back with their job's shipment.`,
    }),
  DRIVE_NOT_AT_DOCK: (w) =>
    plural('en', w.n, { one: `Drive ${w.serials} never reached the dock.`, other: `{n} drives never reached the dock: ${w.serials}.` }),
  HELD_RETURN_NOT_DUE: (w) =>
    plural('en', w.n, {
      one: `Drive ${w.serials} is held since ${str(w.p.since)}: its return is due on ${str(w.p.due)}. Contact the customer first.`,
      other: `{n} drives are held and not yet due for return (due on ${str(w.p.due)}): ${w.serials}. Contact the customer first.`,
    }),
  DRIVE_NOT_DESTROYABLE: (w) =>
    plural('en', w.n, {
      one: `Drive ${w.serials} is neither held nor of a job whose contact could not be reached about its return address: it is not destroyed.`,
      other: `{n} drives are neither held nor of a job whose contact could not be reached about its return address: ${w.serials}.`,
    }),
  DRIVE_NOT_MOVABLE: (w) =>
    `Drive ${w.serials} is ${w.driveState(w.p.state)}${w.p.held ? ', held' : ''}: only a drive received and not yet copied or held is ` +
    'moved to another box.',
  DRIVE_IN_BOX_ALREADY: (w) => `Drive ${w.serials} is recorded in package ${str(w.p.trackingNumber)} already.`,
  BOX_NOT_OPEN_HERE: (w) =>
    w.p.open
      ? `Package ${str(w.p.trackingNumber)} is not the package open here (${str(w.p.open)} is).`
      : 'No package is open at this station: scan the right package first, then move the drive into it.',
  COPY_STATUS_NOT_CLEAN: (w) => `${copyStatusName('en', str(w.p.copyStatus))}: only a clean copy ends Completed.`,
  COPY_STATUS_CLEAN: () => 'A clean copy ends Completed.',
  COPY_NOT_CORRECTABLE: (w) =>
    w.p.job
      ? `Job ${w.job} is ${w.jobState(w.p.state)}: a copy result is corrected only while its job is ` +
        `${joinOr('en', ['Transferring', 'Packaging'].map(w.jobState))}.`
      : `Drive ${w.serials} belongs to no job: its copy result is not corrected.`,
  PACKAGE_STATE: (w) => `Package ${str(w.p.trackingNumber)} is ${stateName('en', str(w.p.state))}.`,
  ANOTHER_PACKAGE_OPEN: (w) => `Package ${str(w.p.open)} is still open at this station: close it first.`,
  NOTHING_TO_RELEASE: (w) =>
    `Nothing in package ${str(w.p.trackingNumber)} can be released yet: its jobs are still Creating, ended or unknown.`,
  JOB_FAULTED_IN_BOX: (w) => `Job ${w.job} is Faulted: resolve it before closing its package, so its drives are counted.`,
  CLOCK_NOT_TRUSTED: (w) =>
    str(w.p.state) === 'behind'
      ? "Not now: this computer's clock is behind the station's last record. Set the clock right first."
      : "Not now: this computer's clock jumped ahead. Confirm today's date on the Exceptions screen first.",
  NO_SUCH_EDGE: (w) => `That does not happen from ${stateName('en', str(w.p.from))}.`,
};

const ZH: Wording = {
  JOB_DELETED: (w) => `工作 ${w.job} 已於 ${str(w.p.on)} 刪除（在「建立中」超過 2 週）。`,
  JOB_STATE: (w) =>
    `工作 ${w.job} 目前為「${w.jobState(w.p.state)}」${faultedFrom(w, true)}；需為${joinOr(
      'zh-TW',
      list(w.p.needs).map((s) => `「${w.jobState(s)}」`),
    )}。`,
  DELIVERY_PACKAGE_MISSING: () => '寄送前需要寄送包裹的物流商與追蹤號碼。',
  SHIPPING_ADDRESS_INCOMPLETE: (w) => `寄送前需要完整的回寄地址：缺少${joinAnd('zh-TW', list(w.p.fields).map(w.field))}。`,
  JOB_CANCELLED: (w) => `工作 ${w.job} 已取消：已取消的工作略過資料複製。`,
  JOB_NOT_CANCELLED: (w) => `工作 ${w.job} 未取消：只有已取消的工作才略過資料複製。`,
  JOB_ALREADY_CANCELLED: (w) => `工作 ${w.job} 已經取消。`,
  CANCEL_TOO_LATE: (w) => `工作 ${w.job} 目前為「${w.jobState(w.p.state)}」${faultedFrom(w, true)}：只能在「包裝中」之前取消。`,
  TOO_MANY_DRIVES: (w) => `匯入工作最多 ${str(w.p.max)} 顆硬碟；工作 ${w.job} 將有 ${str(w.p.count)} 顆。`,
  NO_DRIVE_TO_COPY: (w) => `工作 ${w.job} 沒有等待複製的已收到硬碟。`,
  DRIVES_NOT_PROCESSED: (w) => plural('zh-TW', w.n, { other: `還有 {n} 顆硬碟尚未處理：${w.serials}。` }),
  DRIVES_ARRIVED: (w) => plural('zh-TW', w.n, { other: `已有 {n} 顆硬碟到達：${w.serials}。請先複製或解決。` }),
  DRIVES_AT_DOCK: (w) => plural('zh-TW', w.n, { other: `還有 {n} 顆硬碟在碼頭：${w.serials}。` }),
  JOB_HAD_ERRORS: (w) =>
    `工作有錯誤（${[
      w.p.cancelled ? '已取消' : '',
      list(w.p.neverReceived).length ? plural('zh-TW', list(w.p.neverReceived).length, { other: '{n} 顆硬碟未收到' }) : '',
      list(w.p.copyErrors).length ? plural('zh-TW', list(w.p.copyErrors).length, { other: '{n} 顆硬碟複製錯誤' }) : '',
      list(w.p.notCopied).length ? plural('zh-TW', list(w.p.notCopied).length, { other: '{n} 顆硬碟未複製' }) : '',
    ]
      .filter(Boolean)
      .join('；')}），因此以「已關閉」結束。`,
  JOB_HAD_NO_ERRORS: () => '工作沒有錯誤，因此以「已完成」結束。',
  NOT_FAULTED_FROM: (w) =>
    `故障解決後回到故障前的狀態（「${w.p.driveIds ? w.driveState(w.p.faultedFrom) : w.jobState(w.p.faultedFrom)}」）。`,
  NOT_NOTIFIED: () => '尚未通知客戶包裹未到。',
  PACKAGE_ARRIVED: (w) =>
    w.n ? plural('zh-TW', w.n, { other: `已有 {n} 顆硬碟在碼頭：包裹並未遺失。` }) : '此工作的包裹已在碼頭：並未遺失。',
  PACKAGE_NOT_HERE: () => '碼頭上沒有此工作開啟中的包裹。',
  RETURN_ADDRESS_INCOMPLETE: (w) => `回寄地址缺少：${joinAnd('zh-TW', list(w.p.fields).map(w.field))}。`,
  RETURN_ADDRESS_REPORTED_WRONG: (w) => `回寄地址被回報有誤（${w.p.why ? String(w.p.why) : '未說明原因'}）：請先更正再寄回。`,
  DRIVES_BUSY: (w) => plural('zh-TW', w.n, { other: `還有 {n} 顆硬碟正在複製或故障：${w.serials}。` }),
  NOTHING_TO_SHIP: () => '碼頭上沒有此工作可寄回的硬碟。',
  DRIVES_NOT_BOXED: (w) => plural('zh-TW', w.n, { other: `還有 {n} 顆硬碟不在箱中：${w.serials}。` }),
  DRIVES_NOT_RETURNING: (w) => plural('zh-TW', w.n, { other: `{n} 顆硬碟不隨工作 ${w.job} 寄回：${w.serials}。` }),
  DRIVE_STATE: (w) =>
    plural('zh-TW', w.n, {
      other: `硬碟 ${w.serials} 目前為「${w.driveState(w.p.state)}」；需為${joinOr(
        'zh-TW',
        list(w.p.needs).map((s) => `「${w.driveState(s)}」`),
      )}。`,
    }),
  DRIVE_NOT_IN_JOB: (w) => `硬碟 ${w.serials} 不屬於工作 ${w.job}。`,
  DRIVE_NOT_LISTED: (w) => `硬碟 ${w.serials} 不在工作的清單上：不複製。`,
  DRIVE_HELD: (w) => `硬碟 ${w.serials} 暫扣中：解除暫扣前不做任何處理。`,
  DRIVE_OF_NO_JOB: (w) => `硬碟 ${w.serials} 不屬於任何工作。`,
  DRIVE_NOT_HELD: (w) => `硬碟 ${w.serials} 未暫扣：隨其工作的回寄包裹寄回。`,
  DRIVE_NOT_AT_DOCK: (w) => `硬碟 ${w.serials} 從未到達碼頭。`,
  HELD_RETURN_NOT_DUE: (w) => `硬碟 ${w.serials} 自 ${str(w.p.since)} 起暫扣，${str(w.p.due)} 才到退回日期：請先聯絡客戶。`,
  DRIVE_NOT_DESTROYABLE: (w) => `硬碟 ${w.serials} 既未暫扣，其工作也未因回寄地址問題而聯絡不上客戶：不銷毀。`,
  DRIVE_NOT_MOVABLE: (w) =>
    `硬碟 ${w.serials} 目前為「${w.driveState(w.p.state)}」${w.p.held ? '（暫扣中）' : ''}：只有已收到、尚未複製且未暫扣的硬碟才能移到另一個包裹。`,
  DRIVE_IN_BOX_ALREADY: (w) => `硬碟 ${w.serials} 已記錄在包裹 ${str(w.p.trackingNumber)} 中。`,
  BOX_NOT_OPEN_HERE: (w) =>
    w.p.open
      ? `包裹 ${str(w.p.trackingNumber)} 不是此站開啟中的包裹（開啟中的是 ${str(w.p.open)}）。`
      : '此站沒有開啟中的包裹：請先掃描正確的包裹，再把硬碟移進去。',
  COPY_STATUS_NOT_CLEAN: (w) => `${copyStatusName('zh-TW', str(w.p.copyStatus))}：只有無誤的複製才以「已完成」結束。`,
  COPY_STATUS_CLEAN: () => '無誤的複製以「已完成」結束。',
  COPY_NOT_CORRECTABLE: (w) =>
    w.p.job
      ? `工作 ${w.job} 目前為「${w.jobState(w.p.state)}」：只有在工作為「${w.jobState('Transferring')}」或「${w.jobState('Packaging')}」時才能更正複製結果。`
      : `硬碟 ${w.serials} 不屬於任何工作：不更正其複製結果。`,
  PACKAGE_STATE: (w) => `包裹 ${str(w.p.trackingNumber)} 目前為「${stateName('zh-TW', str(w.p.state))}」。`,
  ANOTHER_PACKAGE_OPEN: (w) => `包裹 ${str(w.p.open)} 仍在此站開啟中：請先關閉。`,
  NOTHING_TO_RELEASE: (w) => `包裹 ${str(w.p.trackingNumber)} 中沒有可解除暫扣的硬碟：其工作仍在「建立中」、已結束或不明。`,
  JOB_FAULTED_IN_BOX: (w) => `工作 ${w.job} 故障中：請先解決，再關閉其包裹，硬碟才會被清點。`,
  CLOCK_NOT_TRUSTED: (w) =>
    str(w.p.state) === 'behind'
      ? '暫停：電腦時鐘早於本站最後一筆紀錄，請先校正時鐘。'
      : '暫停：電腦時鐘向前跳動，請先在「例外」畫面確認今天的日期。',
  NO_SUCH_EDGE: (w) => `從「${stateName('zh-TW', str(w.p.from))}」不會發生此事。`,
};

const WORDING: Record<Lang, Wording> = { en: EN, 'zh-TW': ZH };

/** A rule's reason in the screen's language. */
export function reasonText(lang: Lang, r: Reason): string {
  const ids = list(r.params.driveIds);
  const w: W = {
    lang,
    p: r.params,
    ids,
    n: ids.length,
    serials: joinAnd(lang, ids),
    job: str(r.params.job),
    jobState: (s) => jobStateName(lang, str(s)),
    driveState: (s) => driveStateName(lang, str(s)),
    field: (f) => translate(lang, `addr.${f}` as Key),
  };
  const word = WORDING[lang][r.code];
  return word ? word(w) : ((r as { message?: string }).message ?? r.code);
}

/** What the staff actions of the rule book are called on a screen. */
const ACTIONS: Record<Lang, Record<string, string>> = {
  en: {
    ship: 'The customer ships',
    cancel: 'Cancel the job',
    faultJob: 'Record a fault',
    resolveJob: 'Resolve the fault',
    notifyCustomer: 'Tell the customer the package is missing',
    extendWait: 'Wait longer for the package',
    startCopy: 'Start the copy',
    shipBack: 'Ship the drives back',
    closeWithoutShipment: 'Close: nothing to ship',
    changeDeliveryPackage: 'Change the delivery package',
    addDrives: 'Add drives',
    faultDrive: 'Record a fault',
    resolveDrive: 'Resolve the fault',
    copyDrive: 'Start the copy of this drive',
    copyResult: 'Record the copy result',
    correctCopy: 'Correct the copy result',
    returnHeld: 'Return the held drive',
    destroy: 'Securely destroy, with a witness',
    releaseHold: 'Release the held box',
    closeBox: 'Close the box',
    station: 'The station does it',
  },
  'zh-TW': {
    ship: '客戶寄出',
    cancel: '取消工作',
    faultJob: '記錄故障',
    resolveJob: '解決故障',
    notifyCustomer: '通知客戶包裹未到',
    extendWait: '延長等待包裹',
    startCopy: '開始複製',
    shipBack: '寄回硬碟',
    closeWithoutShipment: '關閉：沒有東西可寄回',
    changeDeliveryPackage: '變更寄送包裹',
    addDrives: '加入硬碟',
    faultDrive: '記錄故障',
    resolveDrive: '解決故障',
    copyDrive: '開始複製此硬碟',
    copyResult: '記錄複製結果',
    correctCopy: '更正複製結果',
    returnHeld: '寄還暫扣的硬碟',
    destroy: '在見證下安全銷毀',
    releaseHold: '解除暫扣的包裹',
    closeBox: '關閉包裹',
    station: '由本站自動執行',
  },
};

export function ruleActionName(lang: Lang, action: string): string {
  return ACTIONS[lang][action] ?? action;
}

/** One line of "what can happen next": the state it leads to and what makes it happen, or the action. */
export function possibilityText(lang: Lang, p: Possibility): { title: string; why: string | null } {
  const title =
    p.to && p.trigger
      ? `${lang === 'zh-TW' ? `「${stateName(lang, p.to)}」` : stateName(lang, p.to)} — ${triggerName(lang, p.trigger)}`
      : ruleActionName(lang, p.action);
  return { title, why: !p.allowed && p.reason ? reasonText(lang, p.reason) : null };
}
