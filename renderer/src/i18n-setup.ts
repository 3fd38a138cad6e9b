// The words of the station's setup (first run, Settings, sign-in with a PIN) in both languages, filled the
// same way as the app's i18n layer (i18n.ts) and chosen by the same language setting. A key missing from
// zh-TW does not compile.
import { useCallback } from 'react';
import type { Lang, Params } from './i18n.ts';
import { useLang } from './useT.ts';

const en = {
  'fr.title': 'Set up this station',
  'fr.intro':
    "This station is new. Enter your dock's address (it is the sender on every return label) and the first supervisor, who sets up everything else in Settings.",
  'fr.dock': 'Your dock',
  'fr.dockName': 'Dock name',
  'fr.stationId': 'Station id (letters, digits, . _ -)',
  'fr.supervisor': 'First supervisor',
  'fr.supervisorName': 'Name',
  'fr.badge': 'Badge code (scan the badge or type it)',
  'fr.pin': 'PIN (4 to 8 digits)',
  'fr.pinAgain': 'PIN again',
  'fr.pinMismatch': 'The two PINs are not the same.',
  'fr.save': 'Set up the station',
  'fr.saving': 'Setting up…',
  'fr.demoTitle': 'Just looking?',
  'fr.demoText':
    'Load the demo dock: sample jobs in every state, operators Amy Lin and Ben Chen, and supervisor Dana Wu (badge OP-0009, PIN 2468). For trying the station only: never for real drives.',
  'fr.demo': 'Load the demo dock',
  'fr.demoNotEmpty': 'This station already holds jobs, so the demo dock cannot be loaded.',

  'addr.name': 'Name on labels',
  'addr.street1': 'Street address',
  'addr.street2': 'Street address, line 2 (optional)',
  'addr.city': 'City',
  'addr.state': 'State or province (optional)',
  'addr.postal': 'Postal code',
  'addr.country': 'Country or region (e.g. TW)',
  'addr.phone': 'Phone (optional)',

  'pin.title': 'PIN for {name}',
  'pin.prompt': 'Type your PIN and press Enter.',
  'pin.label': 'PIN',
  'pin.submit': 'Sign in',
  'pin.cancel': 'Not me',
  'pin.other': 'Not {name}? Press Escape, or scan your own badge.',

  'st.title': 'Settings',
  'st.locked': "Settings are a supervisor's. Choose the supervisor and type their PIN.",
  'st.supervisor': 'Supervisor',
  'st.pin': 'Supervisor PIN',
  'st.unlock': 'Open Settings',
  'st.lock': 'Lock',
  'st.signedBy': 'Changes are signed by {name}.',
  'st.noSupervisor': 'This station has no supervisor with a PIN.',
  'st.dock': 'Dock and station',
  'st.dockName': 'Dock name',
  'st.stationId': 'Station id',
  'st.address': 'Dock address (the sender on every label)',
  'st.operators': 'Operators',
  'st.opName': 'Name',
  'st.opBadge': 'Badge code',
  'st.opSupervisor': 'Supervisor',
  'st.opPin': 'PIN',
  'st.opPinNew': 'New PIN',
  'st.opHasPin': 'has a PIN',
  'st.opNoPin': 'no PIN',
  'st.opPinKeep': 'unchanged',
  'st.opRemovePin': 'Remove PIN',
  'st.opRemove': 'Remove {name}',
  'st.opAdd': 'Add an operator',
  'st.opNew': 'New operator',
  'st.badges': 'Print badge sheet',
  'st.badgesReady': 'Badge sheet ready: {n} badges.',
  'st.badgesOpen': 'Open {file}',
  'st.printers': 'Printers',
  'st.labelPrinter': 'Label printer (system)',
  'st.labelPrinterDefault': 'Ask each time (system dialog)',
  'st.noPrinterList':
    'This station runs in a browser: there is no list of system printers here. Labels are printed from their PDF, or sent to the ZPL printer. The desktop app lists the printers.',
  'st.testPrint': 'Test print',
  'st.testPdf': 'Test label as PDF',
  'st.testPdfSaved': 'Saved {file}: print it from the PDF at 100 % (actual size) to check the label printer.',
  'st.printerListFailed': 'The system did not give its list of printers ({why}). Labels can still be printed from their PDF.',
  'st.zpl': 'ZPL label printer (network)',
  'st.zplHost': 'Address (host name or IP)',
  'st.zplPort': 'Port',
  'st.zplNone': 'No ZPL printer',
  'st.testZpl': 'Send a test label',
  'st.testSent': 'Test label sent to {printer}.',
  'st.testPrinted': 'Test label sent to the printer.',
  'st.labelSize': 'Label size',
  'st.screens': 'Screens',
  'st.sounds': 'Sounds on',
  'st.volume': 'Volume',
  'st.language': 'Language of the screens',
  'st.idle': 'Sign out after this many minutes without use',
  'st.save': 'Save settings',
  'st.saved': 'Saved. {n} changes recorded under {name}.',
  'st.nothing': 'Nothing was changed.',
  'st.unsaved': 'Unsaved changes',
  'st.history': 'Recent changes to this station',
  'st.historyNone': 'No changes recorded yet.',
  'st.col.when': 'When',
  'st.col.who': 'Who',
  'st.col.what': 'What',
  'st.col.detail': 'Change',

  'idle.signedOut': 'Signed out after {n} minutes without use.',
} as const;

export type SetupKey = keyof typeof en;

const zhTW: { readonly [K in SetupKey]: string } = {
  'fr.title': '設定此工作站',
  'fr.intro': '這是新的工作站。請輸入收件站地址（每張退件標籤上的寄件人）以及第一位主管；其餘設定由主管在「設定」中完成。',
  'fr.dock': '收件站',
  'fr.dockName': '收件站名稱',
  'fr.stationId': '工作站代號（英文字母、數字、. _ -）',
  'fr.supervisor': '第一位主管',
  'fr.supervisorName': '姓名',
  'fr.badge': '識別證代碼（掃描識別證或手動輸入）',
  'fr.pin': 'PIN 碼（4 至 8 位數字）',
  'fr.pinAgain': '再次輸入 PIN 碼',
  'fr.pinMismatch': '兩次輸入的 PIN 碼不一致。',
  'fr.save': '完成工作站設定',
  'fr.saving': '設定中…',
  'fr.demoTitle': '只是想看看？',
  'fr.demoText':
    '載入示範收件站：各種狀態的範例工作、操作員 Amy Lin 與 Ben Chen，以及主管 Dana Wu（識別證 OP-0009，PIN 碼 2468）。僅供試用，切勿用於真實硬碟。',
  'fr.demo': '載入示範收件站',
  'fr.demoNotEmpty': '此工作站已有工作資料，無法載入示範收件站。',

  'addr.name': '標籤上的名稱',
  'addr.street1': '街道地址',
  'addr.street2': '街道地址第二行（選填）',
  'addr.city': '城市',
  'addr.state': '州或省（選填）',
  'addr.postal': '郵遞區號',
  'addr.country': '國家或地區（例如 TW）',
  'addr.phone': '電話（選填）',

  'pin.title': '{name} 的 PIN 碼',
  'pin.prompt': '請輸入 PIN 碼並按 Enter。',
  'pin.label': 'PIN 碼',
  'pin.submit': '登入',
  'pin.cancel': '不是我',
  'pin.other': '不是 {name}？請按 Esc，或掃描您自己的識別證。',

  'st.title': '設定',
  'st.locked': '設定僅限主管變更。請選擇主管並輸入其 PIN 碼。',
  'st.supervisor': '主管',
  'st.pin': '主管 PIN 碼',
  'st.unlock': '開啟設定',
  'st.lock': '鎖定',
  'st.signedBy': '所有變更將以 {name} 的名義記錄。',
  'st.noSupervisor': '此工作站沒有設有 PIN 碼的主管。',
  'st.dock': '收件站與工作站',
  'st.dockName': '收件站名稱',
  'st.stationId': '工作站代號',
  'st.address': '收件站地址（每張標籤上的寄件人）',
  'st.operators': '操作員',
  'st.opName': '姓名',
  'st.opBadge': '識別證代碼',
  'st.opSupervisor': '主管',
  'st.opPin': 'PIN 碼',
  'st.opPinNew': '新 PIN 碼',
  'st.opHasPin': '已設 PIN 碼',
  'st.opNoPin': '未設 PIN 碼',
  'st.opPinKeep': '不變更',
  'st.opRemovePin': '移除 PIN 碼',
  'st.opRemove': '移除 {name}',
  'st.opAdd': '新增操作員',
  'st.opNew': '新操作員',
  'st.badges': '列印識別證條碼頁',
  'st.badgesReady': '識別證條碼頁已產生：共 {n} 張。',
  'st.badgesOpen': '開啟 {file}',
  'st.printers': '印表機',
  'st.labelPrinter': '標籤印表機（系統）',
  'st.labelPrinterDefault': '每次詢問（系統列印對話框）',
  'st.noPrinterList': '此工作站在瀏覽器中執行，無法取得系統印表機清單。請由 PDF 列印標籤，或送至 ZPL 印表機。桌面版程式會列出印表機。',
  'st.testPrint': '測試列印',
  'st.testPdf': '以 PDF 產生測試標籤',
  'st.testPdfSaved': '已儲存 {file}：請以 100%（實際大小）列印此 PDF，以檢查標籤印表機。',
  'st.printerListFailed': '系統未提供印表機清單（{why}）。標籤仍可由 PDF 列印。',
  'st.zpl': 'ZPL 標籤印表機（網路）',
  'st.zplHost': '位址（主機名稱或 IP）',
  'st.zplPort': '連接埠',
  'st.zplNone': '沒有 ZPL 印表機',
  'st.testZpl': '傳送測試標籤',
  'st.testSent': '測試標籤已送至 {printer}。',
  'st.testPrinted': '測試標籤已送至印表機。',
  'st.labelSize': '標籤尺寸',
  'st.screens': '畫面',
  'st.sounds': '開啟音效',
  'st.volume': '音量',
  'st.language': '畫面語言',
  'st.idle': '閒置幾分鐘後自動登出',
  'st.save': '儲存設定',
  'st.saved': '已儲存。共 {n} 項變更，以 {name} 的名義記錄。',
  'st.nothing': '沒有任何變更。',
  'st.unsaved': '尚未儲存的變更',
  'st.history': '此工作站的最近變更',
  'st.historyNone': '尚無變更紀錄。',
  'st.col.when': '時間',
  'st.col.who': '人員',
  'st.col.what': '項目',
  'st.col.detail': '變更內容',

  'idle.signedOut': '閒置 {n} 分鐘，已自動登出。',
};

const DICTS: Record<Lang, { readonly [K in SetupKey]: string }> = { en, 'zh-TW': zhTW };

/** Fills `{name}` placeholders the way the app's dictionary does (an unknown one stays as written). */
export function setupText(lang: Lang, key: SetupKey, params?: Params): string {
  const text = DICTS[lang][key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (m, k: string) => {
    const v = params?.[k];
    return v === undefined || v === null ? m : String(v);
  });
}

export type SetupT = (key: SetupKey, params?: Params) => string;

export function useSetupT(): SetupT {
  const lang = useLang();
  return useCallback((key: SetupKey, params?: Params) => setupText(lang, key, params), [lang]);
}

/** The names of the settings fields and custody actions on the Settings screen's history. */
const FIELD_NAMES: Record<Lang, Record<string, string>> = {
  en: {
    'settings.stationId': 'Station id',
    'settings.dockName': 'Dock name',
    'settings.dockAddress': 'Dock address',
    'settings.labelPrinter': 'Label printer',
    'settings.labelSize': 'Label size',
    'settings.zplPrinter': 'ZPL printer',
    'settings.sounds': 'Sounds',
    'settings.language': 'Language',
    'settings.idleSignOutMinutes': 'Idle sign-out',
    'operator.added': 'Operator added',
    'operator.removed': 'Operator removed',
    'operator.changed': 'Operator changed',
    'station.setUp': 'Station set up',
    'station.demoLoaded': 'Demo dock loaded',
    'station.backedUp': 'Backup taken',
  },
  'zh-TW': {
    'settings.stationId': '工作站代號',
    'settings.dockName': '收件站名稱',
    'settings.dockAddress': '收件站地址',
    'settings.labelPrinter': '標籤印表機',
    'settings.labelSize': '標籤尺寸',
    'settings.zplPrinter': 'ZPL 印表機',
    'settings.sounds': '音效',
    'settings.language': '語言',
    'settings.idleSignOutMinutes': '閒置登出',
    'operator.added': '新增操作員',
    'operator.removed': '移除操作員',
    'operator.changed': '變更操作員',
    'station.setUp': '工作站設定完成',
    'station.demoLoaded': '載入示範收件站',
    'station.backedUp': '已備份',
  },
};

export function stationActionName(lang: Lang, action: string): string {
  return FIELD_NAMES[lang][action] ?? action;
}
