// The words of jobs in, results out, reports and backup, in both languages, filled the same way as the app's
// i18n layer and chosen by the same language setting. Refusals of an import are a code and its params; they
// are worded here or by the station's table of error codes (i18n.ts), never shown as the file had them.
import { useCallback } from 'react';
import { DICTS, stateName, translate, type Key, type Lang, type Params } from './i18n.ts';
import { useLang } from './useT.ts';

const en = {
  'dio.import': 'Import jobs…',
  'dio.export': 'Export results…',
  'dio.reports': 'Reports and backup…',
  'dio.dropHere': 'Drop the files to preview the import',
  'dio.import.title': 'Import jobs',
  'dio.import.choose': 'Choose files…',
  'dio.import.dropZone': 'or drop Get Job JSON files here',
  'dio.import.hint':
    "The service's Get Job JSON: one job, a list ({ value: [...] }), or several files at once. Nothing is written until you confirm.",
  'dio.import.reading': 'Reading the files…',
  'dio.import.summary': '{new} new · {updated} updated · {unchanged} unchanged · {restored} restored · {refused} refused',
  'dio.import.confirm': 'Import {n} jobs',
  'dio.import.confirm1': 'Import 1 job',
  'dio.import.nothing': 'Nothing to import: every job is unchanged or refused.',
  'dio.import.refusedNote': 'Refused jobs are left out. Everything else is written together, or nothing is.',
  'dio.import.stale': 'The station changed since this preview. This is the new preview: check it, then import.',
  'dio.import.done': 'Imported: {new} new, {updated} updated, {restored} restored.',
  'dio.import.stationExport': 'Results file of station {station}, exported {date}: its jobs are restored with the states it recorded.',
  'dio.import.fileRefused': 'File refused',
  'dio.import.keysNote': 'BitLocker keys in the files are stored for the copy and never shown.',
  'dio.outcome.new': 'New',
  'dio.outcome.updated': 'Updated',
  'dio.outcome.unchanged': 'Unchanged',
  'dio.outcome.refused': 'Refused',
  'dio.outcome.restored': 'Restored',
  'dio.col.outcome': 'Result',
  'dio.col.job': 'Job',
  'dio.col.state': 'State',
  'dio.col.drives': 'Drives',
  'dio.col.keys': 'With key',
  'dio.col.details': 'What changes, or why refused',
  'dio.col.file': 'File',
  'dio.field.deliveryPackage': 'delivery package',
  'dio.field.returnAddress': 'return address',
  'dio.field.returnShipping': 'return carrier account',
  'dio.field.driveList': 'drives added',
  'dio.field.state': 'now Shipping',
  'dio.field.cancelRequested': 'cancel requested',
  'dio.cancel': 'Cancel',
  'dio.close': 'Close',
  'dio.export.title': 'Export results',
  'dio.export.lead': "A results file in the service's Get Job JSON, for the connected machine to upload. It never holds BitLocker keys.",
  'dio.export.sinceLast': 'Jobs changed since the last results file',
  'dio.export.chosen': 'Chosen jobs ({n})',
  'dio.export.chooseHint': 'Tick jobs in the list to export only those.',
  'dio.export.go': 'Save results file',
  'dio.export.done': 'Saved {file}: {n} jobs. Copy it to the connected machine for upload.',
  'dio.export.none': 'No job changed since the last results file. Nothing saved.',
  'dio.export.more': 'More jobs changed than one file holds: export again for the rest.',
  'dio.export.thisJob': 'Export results file',
  'dio.choose': 'Choose job {name}',
  'dio.chooseAll': 'Choose every job on this page',
  'dio.reports.title': 'Reports and backup',
  'dio.report.heading': 'Daily dock report',
  'dio.report.from': 'From',
  'dio.report.to': 'To',
  'dio.report.csv': 'Download CSV',
  'dio.report.pdf': 'Download PDF',
  'dio.report.operator': 'Operator',
  'dio.report.all': 'All operators',
  'dio.report.chart': 'Drives received per hour, {day}',
  'dio.report.saved': 'Saved {file}',
  'dio.report.boxes': 'Boxes in',
  'dio.report.received': 'Received',
  'dio.report.extra': 'Extra',
  'dio.report.held': 'Held',
  'dio.report.never': 'Never received',
  'dio.report.copied': 'Copied',
  'dio.report.faulted': 'Faulted',
  'dio.report.shipped': 'Shipped back',
  'dio.report.destroyed': 'Destroyed',
  'dio.report.undone': 'Undone',
  'dio.report.opened': 'Exceptions opened',
  'dio.report.closed': 'Exceptions closed',
  'dio.report.shipments': 'Shipments out',
  'dio.backup.heading': 'Backup',
  'dio.backup.now': 'Back up now',
  'dio.backup.supervisor': 'Supervisor',
  'dio.backup.pin': 'PIN (a backup holds every BitLocker key)',
  'dio.backup.path': 'Save to (a file on this station; empty: the backup folder)',
  'dio.backup.working': 'Backing up… scanning can go on.',
  'dio.backup.done': 'Backup saved: {path} ({size}). It passed its integrity check and holds every record up to no. {seq}.',
  'dio.backup.daily': 'A backup is also taken every day and kept {days} days.',
  'dio.backup.dailyOff': 'The daily backup is off (settings: keep 0 days).',
  'dio.backup.restore': 'To restore a backup: stop the station, then run npm run restore -- --from=FILE. The store it replaces is kept.',
  'dio.refusal.IMPORT_INVALID': 'Not a valid job: {problem}',
  'dio.refusal.IMPORT_TOO_LARGE': 'Too large: at most {max} per import.',
} as const;

export type DioKey = keyof typeof en;

const zhTW: { readonly [K in DioKey]: string } = {
  'dio.import': '匯入工作…',
  'dio.export': '匯出結果…',
  'dio.reports': '報表與備份…',
  'dio.dropHere': '放開檔案即可預覽匯入',
  'dio.import.title': '匯入工作',
  'dio.import.choose': '選擇檔案…',
  'dio.import.dropZone': '或將 Get Job JSON 檔案拖放到這裡',
  'dio.import.hint': '服務的 Get Job JSON：單一工作、清單（{ value: [...] }），或一次多個檔案。確認之前不會寫入任何資料。',
  'dio.import.reading': '正在讀取檔案…',
  'dio.import.summary': '新增 {new} · 更新 {updated} · 不變 {unchanged} · 還原 {restored} · 拒絕 {refused}',
  'dio.import.confirm': '匯入 {n} 個工作',
  'dio.import.confirm1': '匯入 1 個工作',
  'dio.import.nothing': '沒有可匯入的工作：每個工作都沒有變更或被拒絕。',
  'dio.import.refusedNote': '被拒絕的工作不會匯入。其餘的工作一起寫入，否則全部不寫入。',
  'dio.import.stale': '預覽之後收件站的資料已變更。以下是新的預覽：請確認後再匯入。',
  'dio.import.done': '已匯入：新增 {new}、更新 {updated}、還原 {restored}。',
  'dio.import.stationExport': '站點 {station} 的結果檔（{date} 匯出）：其工作將依所記錄的狀態還原。',
  'dio.import.fileRefused': '檔案被拒絕',
  'dio.import.keysNote': '檔案中的 BitLocker 金鑰會儲存供複製使用，絕不顯示。',
  'dio.outcome.new': '新增',
  'dio.outcome.updated': '更新',
  'dio.outcome.unchanged': '不變',
  'dio.outcome.refused': '拒絕',
  'dio.outcome.restored': '還原',
  'dio.col.outcome': '結果',
  'dio.col.job': '工作',
  'dio.col.state': '狀態',
  'dio.col.drives': '硬碟',
  'dio.col.keys': '附金鑰',
  'dio.col.details': '變更內容或拒絕原因',
  'dio.col.file': '檔案',
  'dio.field.deliveryPackage': '寄送包裹',
  'dio.field.returnAddress': '回寄地址',
  'dio.field.returnShipping': '回寄貨運帳號',
  'dio.field.driveList': '新增硬碟',
  'dio.field.state': '改為運送中',
  'dio.field.cancelRequested': '要求取消',
  'dio.cancel': '取消',
  'dio.close': '關閉',
  'dio.export.title': '匯出結果',
  'dio.export.lead': '以服務的 Get Job JSON 格式產生結果檔，交由連線的電腦上傳。結果檔絕不包含 BitLocker 金鑰。',
  'dio.export.sinceLast': '上次結果檔之後有變更的工作',
  'dio.export.chosen': '選取的工作（{n}）',
  'dio.export.chooseHint': '在清單中勾選工作，即可只匯出這些工作。',
  'dio.export.go': '儲存結果檔',
  'dio.export.done': '已儲存 {file}：{n} 個工作。請複製到連線的電腦上傳。',
  'dio.export.none': '上次結果檔之後沒有工作變更，未儲存任何檔案。',
  'dio.export.more': '變更的工作超過一個檔案的上限：請再匯出一次取得其餘的工作。',
  'dio.export.thisJob': '匯出結果檔',
  'dio.choose': '選取工作 {name}',
  'dio.chooseAll': '選取本頁所有工作',
  'dio.reports.title': '報表與備份',
  'dio.report.heading': '每日碼頭報表',
  'dio.report.from': '從',
  'dio.report.to': '到',
  'dio.report.csv': '下載 CSV',
  'dio.report.pdf': '下載 PDF',
  'dio.report.operator': '操作員',
  'dio.report.all': '全部操作員',
  'dio.report.chart': '每小時收到的硬碟，{day}',
  'dio.report.saved': '已儲存 {file}',
  'dio.report.boxes': '收到包裹',
  'dio.report.received': '已收到',
  'dio.report.extra': '額外',
  'dio.report.held': '暫扣',
  'dio.report.never': '未收到',
  'dio.report.copied': '已複製',
  'dio.report.faulted': '故障',
  'dio.report.shipped': '已寄回',
  'dio.report.destroyed': '已銷毀',
  'dio.report.undone': '已復原',
  'dio.report.opened': '新增例外',
  'dio.report.closed': '解決例外',
  'dio.report.shipments': '寄出貨件',
  'dio.backup.heading': '備份',
  'dio.backup.now': '立即備份',
  'dio.backup.supervisor': '主管',
  'dio.backup.pin': 'PIN（備份含有所有 BitLocker 金鑰）',
  'dio.backup.path': '儲存到（此站點上的檔案；空白則存到備份資料夾）',
  'dio.backup.working': '備份中…可以繼續掃描。',
  'dio.backup.done': '備份已儲存：{path}（{size}）。已通過完整性檢查，包含第 {seq} 筆以前的所有紀錄。',
  'dio.backup.daily': '每天也會自動備份，保留 {days} 天。',
  'dio.backup.dailyOff': '每日備份已關閉（設定：保留 0 天）。',
  'dio.backup.restore': '還原備份：先停止收件站，再執行 npm run restore -- --from=檔案。被取代的資料庫會保留下來。',
  'dio.refusal.IMPORT_INVALID': '不是有效的工作資料：{problem}',
  'dio.refusal.IMPORT_TOO_LARGE': '太大：每次匯入最多 {max}。',
};

const DIO: Record<Lang, { readonly [K in DioKey]: string }> = { en, 'zh-TW': zhTW };

function fill(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => {
    const v = params[k];
    return v === undefined || v === null ? m : String(v);
  });
}

export function dioText(lang: Lang, key: DioKey, params?: Params): string {
  return fill(DIO[lang][key] ?? en[key], params);
}

export function useDt(): (key: DioKey, params?: Params) => string {
  const lang = useLang();
  return useCallback((key: DioKey, params?: Params) => dioText(lang, key, params), [lang]);
}

/** Why a job or file was refused, in the screen's language: this file's words, the error table's, or the station's English. */
export function refusalText(lang: Lang, reason: { code: string; params: Record<string, string | number> }): string {
  const params =
    typeof reason.params.state === 'string' ? { ...reason.params, state: stateName(lang, reason.params.state) } : reason.params;
  const own = `dio.refusal.${reason.code}`;
  if (own in en) return dioText(lang, own as DioKey, params);
  if (lang === 'en' && typeof reason.params.message === 'string') return reason.params.message;
  const key = `err.${reason.code}` as Key;
  if (key in DICTS.en) return translate(lang, key, params);
  return typeof reason.params.message === 'string' ? reason.params.message : reason.code;
}
