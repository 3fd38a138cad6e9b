// Every string the station shows goes through here: one typed dictionary per language. A key missing from
// zh-TW is a type error, so the two languages cannot drift. Errors from the core translate by their `code`;
// where a code has no text here, the core's own English message is shown.
import type { DriveState, JobState } from '../../electron/core/model.ts';
import type { AnyErrorCode } from '../../electron/core/errors.ts';

export type Lang = 'en' | 'zh-TW';
export const LANGS: readonly Lang[] = ['en', 'zh-TW'];

const en = {
  'app.title': 'Dock Intake',
  'app.loading': 'Connecting to the station…',
  'app.offline': 'The station does not answer: {message}',
  'app.retry': 'Try again',
  'app.skipToMain': 'Skip to the screen',
  'header.station': 'Station {station}',
  'header.operator': 'Operator',
  'header.signOut': 'Sign out',
  'header.language': 'Language',
  'header.switchTo': '中文',
  'header.switchToLabel': 'Switch the screens to Traditional Chinese',
  'header.queue': '{n} scans waiting',
  'header.settingsProblem': 'Settings were unreadable and were reset to defaults: {message}',

  'nav.label': 'Screens',
  'nav.receive': 'Receive',
  'nav.exceptions': 'Exceptions',
  'nav.jobs': 'Jobs',
  'nav.copy': 'Copy',
  'nav.packaging': 'Packaging',
  'nav.commands': 'Commands',

  'signin.title': 'Sign in',
  'signin.scanBadge': 'Scan your badge',
  'signin.orPick': 'or pick your name',
  'signin.as': 'Sign in as {name}',
  'signin.welcome': 'Signed in: {name}',
  'signin.signedOut': 'Signed out',
  'signin.noOperators': 'No operators are set up for this station.',
  'signin.typeName': 'Your name or badge code',
  'signin.submit': 'Sign in',

  'receive.title': 'Receive',
  'receive.promptPackage': 'Scan a package tracking number',
  'receive.promptDrives': 'Scan the drives of package {tracking}',
  'receive.promptSignIn': 'Scan your badge to sign in',
  'receive.package': 'Package',
  'receive.carrier': 'Carrier',
  'receive.openedBy': 'Opened by {operator} at {time}',
  'receive.countOf': '{received} of {expected} received',
  'receive.countHeld': '{received} of {expected} arrived, held',
  'receive.noJob': 'No job on record for this package',
  'receive.jobState': 'Job state: {state}',
  'receive.expected': 'Expected drives',
  'receive.extras': 'Extra drives',
  'receive.scannedOther': 'Scanned in this package, of other jobs or of no job',
  'receive.none': 'None',
  'receive.heldTitle': 'HELD PACKAGE',
  'receive.heldText': 'Nothing is processed until the job is Shipping. Contact the customer. Put the drives on the hold shelf.',
  'receive.heldDeadlines': 'Deadlines',
  'receive.cancelled': 'Cancelled: the copy is skipped, drives go back',
  'receive.close': 'Close package',
  'receive.next': 'Next package',
  'receive.undo': 'Undo last scan',
  'receive.receiveHeld': 'Receive {code} as a package of no job (held)',
  'receive.arrivedHeld': 'Arrived · held',
  'receive.neverList': 'These drives are now NeverReceived:',
  'receive.signedOutOpen': 'Package {tracking} is open, opened by {operator}.',
  'receive.manual': 'Type a code (damaged label)',
  'receive.manualSubmit': 'Enter',
  'receive.manualHint': 'Serial or tracking no.',
  'receive.recent': 'Recent scans',
  'receive.lastScan': 'Last scan',
  'receive.noScans': 'No scans yet',
  'receive.lastClosed': 'Package {tracking} closed: {received} received, {never} NeverReceived',
  'receive.lastClosedHeld': 'Package {tracking} is on hold',
  'receive.waiting': 'Waiting',
  'receive.idle': 'Ready',

  'close.title': 'Close package {tracking}?',
  'close.allHere': 'Every expected drive was scanned.',
  'close.willBeNever': 'These drives were not scanned and become NeverReceived:',
  'close.held': 'The package holds held drives: it goes on hold.',
  'close.confirm': 'Close package',
  'close.cancel': 'Keep scanning',
  'close.scanHint': 'Scan CLOSE PACKAGE again or press Enter to close; Escape to keep scanning.',

  'choose.title': 'Which job is drive {serial} for?',
  'choose.text': 'This box holds several jobs and the drive is on no job\'s list. Read the job name on the drive\'s label.',
  'choose.cancel': 'Do not scan it',

  'fb.received': 'RECEIVED',
  'fb.arrivedLater': 'ARRIVED LATER',
  'fb.exportAdded': 'RECEIVED (EXPORT)',
  'fb.extra': 'EXTRA DRIVE',
  'fb.otherJob': 'OTHER JOB',
  'fb.held': 'HELD',
  'fb.alreadyReceived': 'ALREADY RECEIVED',
  'fb.duplicate': 'SCANNED TWICE',
  'fb.rejected': 'REJECTED',
  'fb.unknown': 'UNKNOWN CODE',
  'fb.package': 'PACKAGE OPEN',
  'fb.packageHeld': 'PACKAGE HELD',
  'fb.closed': 'PACKAGE CLOSED',
  'fb.closedNever': 'CLOSED: DRIVES MISSING',
  'fb.undone': 'SCAN UNDONE',
  'fb.command': 'COMMAND',
  'fb.signedIn': 'SIGNED IN',

  'msg.duplicate': 'Drive {serial} was scanned twice within a second: counted once.',
  'msg.packageOpen': 'Package {tracking} is open: {jobs}. Scan its drives.',
  'msg.packageHeldNoJob': 'Package {tracking} is held: no job on record. Scan its drives; they are held.',
  'msg.packageHeldCreating': 'Package {tracking} is held: job {jobs} is still Creating. Scan its drives; they are held.',
  'msg.closedHeld': 'Package {tracking} is on hold with its held drives.',
  'msg.undone': 'Scan of {serial} undone.',
  'msg.undonePackage': 'Package {tracking} put back: it was never received. Scan a package.',
  'msg.duplicateCode': '{code} was scanned twice within a second: counted once.',
  'msg.answerFirst': 'Answer the question on screen first. The scan of {code} was not taken.',
  'msg.signOutRefused': 'Package {tracking} is open: close it (F8) before signing out. Nothing was changed.',
  'msg.closedNever': 'Package {tracking} closed. {never} NeverReceived: {serials}.',
  'msg.closedClean': 'Package {tracking} closed. Every expected drive was received.',
  'close.heldSummary': 'Nothing becomes NeverReceived: {received} of {expected} expected drives arrived and are held with the package.',
  'close.scanHintNext': 'Scan NEXT PACKAGE again or press Enter to close; Escape to keep scanning.',
  'signin.welcomeOpen': 'Signed in: {name}. Package {tracking} is open (opened by {operator}): keep scanning its drives or close it.',
  'msg.nothingOpen': 'No package is open.',
  'msg.unknownCode': 'No job expects a package {code}, and no drive has this serial. Nothing was changed. If it really is a package of no job, press F6 (button below) to receive it as a held package.',
  'msg.unknownCommand': '"{code}" is not a command of this station.',
  'msg.signInFirst': 'Sign in first: scan your badge.',
  'msg.signedOut': 'Signed out. Scan your badge to sign in.',
  'msg.readyNext': 'Ready: scan the next package.',
  'msg.notHere': 'Scans are taken on the Receive screen. Showing the search for {code}.',
  'msg.dialogOpen': 'Answer the question on screen first.',
  'msg.scanCancelled': 'Drive {serial} was not scanned.',

  'err.BAD_INPUT': 'The station refused this: {message}',
  'err.SCAN_EMPTY': 'The scan was empty: scan again.',
  'err.SCAN_TOO_LONG': 'The scan is too long to be a serial or tracking number.',
  'err.SCAN_BAD_CHARACTERS': '"{code}" holds characters no serial or tracking number has: scan it again or type it.',
  'err.SCAN_GS': 'The scan holds a GS separator (ASCII 29): a multi-field barcode. Scan the serial barcode alone.',
  'err.NO_OPEN_PACKAGE': 'No package is open: scan the package tracking number first.',
  'err.PACKAGE_NOT_OPEN': 'That package is not open.',
  'err.PACKAGE_ALREADY_RECEIVED': 'Package {code} was already received.',
  'err.PACKAGE_ALREADY_OPEN': 'Package {code} is already open.',
  'err.DRIVE_ALREADY_SCANNED': 'Drive {code} was already received.',
  'err.CODE_IS_TRACKING': '{code} is a package tracking number, not a drive: close the open package before receiving the next one.',
  'err.CODE_IS_JOB': '{code} is a job\'s name, not a drive: scan the serial on the drive\'s own label. Nothing was recorded.',
  'err.CODE_IS_BADGE': 'That is an operator\'s badge, not a drive. Nothing was recorded.',
  'err.ANOTHER_PACKAGE_OPEN': 'Another package is still open: close it first.',
  'err.PACKAGE_UNKNOWN': 'That package has not been received here.',
  'err.JOB_UNKNOWN': 'There is no such job.',
  'err.JOB_EXISTS': 'A job with that name already exists.',
  'err.JOB_DELETED': 'That job was deleted (2 weeks in Creating).',
  'err.JOB_NOT_IN_PACKAGE': 'That job is not in this package.',
  'err.AMBIGUOUS_JOB': 'Choose the job written on the drive\'s label.',
  'err.DRIVE_UNKNOWN': 'No drive {code} is at the dock or expected.',
  'err.DRIVE_IN_ANOTHER_JOB': 'Drive {code} is already at the dock for another job.',
  'err.DRIVE_NOT_IN_JOB': 'That drive is not a drive of this job.',
  'err.TOO_MANY_DRIVES': 'An import job has at most 10 drives.',
  'err.TRANSITION_FORBIDDEN': 'That is not allowed in the current state.',
  'err.GUARD_FAILED': 'The job is missing what this step needs.',
  'err.ADDRESS_INCOMPLETE': 'The return address is incomplete.',
  'err.DELIVERY_PACKAGE_INCOMPLETE': 'The delivery package is incomplete.',
  'err.CANCEL_TOO_LATE': 'Too late to cancel: the job is already Packaging or later.',
  'err.NOTHING_TO_UNDO': 'There is no scan to undo.',
  'err.UNDO_SUPERSEDED': 'That scan can no longer be undone.',
  'err.IMPORT_INVALID': 'The import is not valid.',
  'err.IMPORT_TOO_LARGE': 'The import is too large.',
  'err.COPY_NOT_ALLOWED': 'The copy cannot start or be recorded now.',
  'err.SHIP_NOT_READY': 'The job is not ready to ship back.',
  'err.DRIVE_NOT_HELD': 'That drive is not held.',
  'err.NOT_FOUND': 'Not found.',
  'err.STORE_TOO_NEW': 'This station\'s records were written by a newer version of the app: update the app to open them.',
  'err.UNKNOWN_OPERATION': 'The station does not know this operation.',
  'err.INTERNAL': 'The station could not complete this; nothing was changed. Try again.',
  'err.NETWORK': 'The station does not answer. Nothing was changed. Try again.',
  'err.STATION_UNREACHABLE': 'The station does not answer. Is the station server still running?',
  'err.BAD_REPLY': 'The station gave an answer that cannot be read. Try again.',
  'err.ALREADY_CANCELLED': 'That job is already cancelled.',
  'err.WITNESS_INVALID': 'The witness must be another operator of this station.',
  'err.STORE_FULL': 'The station\'s disk is full: nothing more can be recorded. Free space on the station, then try again.',
  'err.STORE_DAMAGED': 'The station\'s record is damaged and cannot be written. Stop, and call whoever looks after the station.',
  'err.PRINTER_NOT_SET': 'No ZPL label printer is set: enter its address in Settings, or print the PDF.',
  'err.PRINTER_UNREACHABLE': 'The label printer does not answer: check it is on and connected, then print again.',
  'err.PRINTER_TIMEOUT': 'The label printer took too long: check it, then print again.',
  'err.PRINTER_REFUSED': 'The label printer refused the label: check it, then print again.',
  'err.PRINTER_FAILED': 'The label could not be printed: check the printer, then print again.',
  'err.LABELS_UNAVAILABLE': 'Labels cannot be printed from here: open the PDF and print it.',
  'err.NOT_JSON': 'The station could not read the request. Reload the page and try again.',
  'err.MALFORMED_REQUEST': 'The station could not read the request. Reload the page and try again.',
  'err.TOKEN_REQUIRED': 'This page has no station token: open the station from the address the server printed.',
  'err.TOKEN_WRONG': 'This page\'s station token is wrong or old: open the station from the address the server printed.',
  'err.FOREIGN_HOST': 'The station answers only to its own address.',
  'err.FOREIGN_ORIGIN': 'Only the station\'s own page may call the station.',
  'err.FOREIGN_SENDER': 'Only the station\'s own page may call the station.',
  'err.NO_SUCH_PATH': 'The station has nothing at that address.',
  'err.METHOD_NOT_ALLOWED': 'The station could not read the request. Reload the page and try again.',
  'err.BODY_TOO_LARGE': 'This is too large to send to the station.',
  'err.UNSUPPORTED_MEDIA_TYPE': 'The station could not read the request. Reload the page and try again.',
  'err.HEADERS_TOO_LARGE': 'The station could not read the request. Reload the page and try again.',

  'exc.title': 'Exceptions',
  'exc.empty': 'Nothing needs a person right now.',
  'exc.count': '{n} need a person',
  'exc.kind': 'What',
  'exc.subject': 'Drive / job / package',
  'exc.next': 'What to do next',
  'exc.due': 'By when',
  'exc.action': 'Action',
  'exc.noDeadline': 'No deadline',
  'exc.overdue': 'OVERDUE',
  'exc.kind.extraDrive': 'Extra drive',
  'exc.kind.neverReceived': 'NeverReceived drive',
  'exc.kind.held': 'Held drive',
  'exc.kind.destructionDue': 'Destruction due',
  'exc.kind.packageOverdue': 'Package overdue',
  'exc.kind.customerNotified': 'Customer notified, waiting',
  'exc.kind.addressMissing': 'Return address missing',
  'exc.kind.otherJobPackage': 'Arrived in another job\'s package',
  'exc.next.extraDrive': 'Keep it with the job; it goes back when the job ships.',
  'exc.next.neverReceived': 'Tell the customer; if it arrives later, scan it in any package.',
  'exc.next.held': 'Contact the customer.',
  'exc.next.heldReturn': 'Return the drive to the customer; destroy it if it cannot be returned.',
  'exc.next.release': 'Job {job} is now {state}: release the held package.',
  'exc.next.destructionDue': 'Securely destroy the drive with a witness.',
  'exc.next.packageOverdue': 'Notify the customer, then extend the wait or cancel.',
  'exc.next.customerNotified': 'Waiting for the customer; with no reply the job is Closed.',
  'exc.next.addressMissing': 'Contact the customer for the return address (missing: {fields}).',
  'exc.next.otherJobPackage': 'Arrived in another job\'s package: keep it with its own job.',
  'exc.act.releaseHold': 'Release hold',
  'exc.act.recordDestruction': 'Record destruction',
  'exc.act.notifyCustomer': 'Customer notified',
  'exc.act.extendWait': 'Extend the wait',
  'exc.act.updateJob': 'Enter address',
  'exc.act.cancel': 'Cancel job',
  'exc.act.open': 'Open job',
  'exc.done': 'Done: {what}',
  'exc.refresh': 'Refresh',
  'exc.kind.faultedJob': 'Faulted job',
  'exc.kind.faultedDrive': 'Faulted drive',
  'exc.kind.heldPackage': 'Held empty box',
  'exc.next.faultedJob': 'Faulted ({reason}): contact the customer, then resolve back to {state}.',
  'exc.next.faultedDrive': 'Faulted ({reason}): resolve back to {state} once fixed.',
  'exc.next.heldPackage': 'A held box with no drive in it: check the box, then return or discard the packaging.',
  'exc.act.resolveJob': 'Resolve job',
  'exc.act.resolveDrive': 'Resolve drive',
  'exc.act.returnPackaging': 'Return (Packaging)',
  'exc.act.custody': 'Box custody',
  'dlg.resolveJob.title': 'Resolve the fault of job {job}',
  'dlg.resolveDrive.title': 'Resolve the fault of drive {serial}',
  'dlg.custody.title': 'Custody of box {tracking}',
  'dlg.resolve.reason': 'What was fixed (required)',
  'dlg.close': 'Close',
  'job.noChange': 'no state change',
  'jobs.total1': '1 job',
  'copy.startBlocked': 'Copy cannot start: {reason}',
  'job.notNow': 'not possible now',
  'copy.scanNotHere': 'Drive {serial} is not waiting for copy or a result.',
  'copy.scanSelected': 'Drive {serial} of job {job} selected.',

  'dlg.ok': 'OK',
  'dlg.cancel': 'Cancel',
  'dlg.save': 'Save',
  'dlg.destroy.title': 'Record secure destruction of {serial}',
  'dlg.destroy.method': 'Method (e.g. shredded)',
  'dlg.destroy.witness': 'Witness (not you)',
  'dlg.destroy.reason': 'Reason',
  'dlg.extend.title': 'Extend the wait for job {job}',
  'dlg.extend.days': 'Days to wait (1–90)',
  'dlg.notify.title': 'Record that the customer of job {job} was notified',
  'dlg.note': 'Note',
  'dlg.cancelJob.title': 'Cancel job {job}',
  'dlg.reason': 'Reason',
  'dlg.address.title': 'Return address of job {job}',

  'addr.recipientName': 'Recipient',
  'addr.streetAddress1': 'Street',
  'addr.streetAddress2': 'Street (line 2)',
  'addr.city': 'City',
  'addr.stateOrProvince': 'State or province',
  'addr.postalCode': 'Postal code',
  'addr.countryOrRegion': 'Country or region',
  'addr.phone': 'Phone',
  'addr.email': 'Email',

  'jobs.title': 'Jobs',
  'jobs.search': 'Search by job name, tracking number or drive serial',
  'jobs.searchButton': 'Search',
  'jobs.state': 'State',
  'jobs.anyState': 'Any state',
  'jobs.total': '{total} jobs',
  'jobs.showing': '{from}–{to} of {total}',
  'jobs.prev': 'Previous page',
  'jobs.next': 'Next page',
  'jobs.none': 'No job matches.',
  'jobs.col.name': 'Job',
  'jobs.col.type': 'Type',
  'jobs.col.state': 'State',
  'jobs.col.tracking': 'Tracking number',
  'jobs.col.updated': 'Updated',
  'jobs.deleted': 'deleted',
  'jobs.cancelled': 'cancel requested',

  'job.back': 'Back to jobs',
  'job.title': 'Job {name}',
  'job.type': 'Type',
  'job.state': 'State',
  'job.percent': 'Complete',
  'job.delivery': 'Delivery package',
  'job.returnAddress': 'Return address',
  'job.returnShipping': 'Return carrier',
  'job.returnPackage': 'Return package',
  'job.missingAddress': 'Missing: {fields}',
  'job.drives': 'Drives',
  'job.extras': 'Extra drives',
  'job.col.serial': 'Serial',
  'job.col.state': 'State',
  'job.col.copy': 'Copy status',
  'job.col.percent': 'Percent',
  'job.col.bytes': 'Bytes',
  'job.col.logs': 'Logs',
  'job.col.received': 'Received',
  'job.errorLog': 'Error log',
  'job.verboseLog': 'Verbose log',
  'job.custody': 'Custody timeline',
  'job.exportCsv': 'Export custody CSV',
  'job.exported': 'Saved {file}',
  'job.possible': 'What can happen next',
  'job.col.when': 'When',
  'job.col.who': 'Who',
  'job.col.where': 'Station',
  'job.col.what': 'What',
  'job.col.subject': 'Drive / package',
  'job.col.change': 'Change',
  'job.col.why': 'Why',
  'job.fault': 'Faulted: {reason}',
  'job.held': 'held',
  'job.none': '—',
  'job.loadMore': 'Older records',

  'copy.title': 'Copy',
  'copy.waiting': 'Jobs with received drives',
  'copy.none': 'No job is waiting for copy.',
  'copy.start': 'Start copy of {job}',
  'copy.startShort': 'Start copy',
  'copy.started': 'Copy started for {job}.',
  'copy.record': 'Record result',
  'copy.recorded': 'Result recorded for {serial}.',
  'copy.status': 'Final status',
  'copy.progressOnly': 'Progress only',
  'copy.percent': 'Percent complete',
  'copy.bytes': 'Bytes copied',
  'copy.errorLog': 'Error log URI',
  'copy.verboseLog': 'Verbose log URI',
  'copy.drive': 'Drive {serial}',
  'copy.receivedDrives': '{n} received drive(s) waiting',

  'pack.title': 'Packaging',
  'pack.none': 'No job is waiting in Packaging.',
  'pack.count': '{n} job(s) in Packaging',

  'cmd.title': 'Command barcodes',
  'cmd.text': 'Print this sheet and keep it at the dock: scanning a command does what it says.',
  'cmd.print': 'Print',
  'cmd.CLOSE': 'CLOSE PACKAGE',
  'cmd.UNDO': 'UNDO LAST SCAN',
  'cmd.NEXT': 'NEXT PACKAGE',
  'cmd.SIGNOUT': 'SIGN OUT',
  'cmd.barcodeOf': 'Barcode for {what}',

  'tone.accepted': 'accepted',
  'tone.warning': 'warning',
  'tone.notice': 'notice',
  'tone.rejected': 'rejected',

  'time.due': 'due {date}',
  'deadline.heldReturn': 'Try to return by {date}',
  'deadline.heldDestruction': 'Destroy securely by {date}',
  'deadline.creatingDeletion': 'Job deleted on {date} if still Creating',
  'deadline.shippingOverdue': 'Package overdue on {date}',
  'deadline.noticeClose': 'Job Closed on {date} without reply',
  'deadline.purge': 'Record purged on {date}',
} as const;

export type Key = keyof typeof en;
type Dict = { readonly [K in Key]: string };

/** Every code in the station's table of error codes has its words here (a missing one does not compile). */
type UntranslatedCodes = Exclude<`err.${AnyErrorCode}`, Key>;
export const everyErrorCodeTranslated: [UntranslatedCodes] extends [never] ? true : UntranslatedCodes = true;

const zhTW: Dict = {
  'app.title': '收件站',
  'app.loading': '正在連線到收件站…',
  'app.offline': '收件站沒有回應：{message}',
  'app.retry': '重試',
  'app.skipToMain': '跳到主畫面',
  'header.station': '站點 {station}',
  'header.operator': '操作員',
  'header.signOut': '登出',
  'header.language': '語言',
  'header.switchTo': 'English',
  'header.switchToLabel': '將畫面切換為英文',
  'header.queue': '{n} 筆掃描等待中',
  'header.settingsProblem': '設定檔無法讀取，已恢復為預設值：{message}',

  'nav.label': '畫面',
  'nav.receive': '收件',
  'nav.exceptions': '例外',
  'nav.jobs': '工作',
  'nav.copy': '複製',
  'nav.packaging': '包裝',
  'nav.commands': '指令條碼',

  'signin.title': '登入',
  'signin.scanBadge': '請掃描您的識別證',
  'signin.orPick': '或選擇您的名字',
  'signin.as': '以 {name} 登入',
  'signin.welcome': '已登入：{name}',
  'signin.signedOut': '已登出',
  'signin.noOperators': '此站點尚未設定操作員。',
  'signin.typeName': '您的名字或識別證代碼',
  'signin.submit': '登入',

  'receive.title': '收件',
  'receive.promptPackage': '請掃描包裹追蹤號碼',
  'receive.promptDrives': '請掃描包裹 {tracking} 中的硬碟',
  'receive.promptSignIn': '請掃描識別證登入',
  'receive.package': '包裹',
  'receive.carrier': '貨運商',
  'receive.openedBy': '{operator} 於 {time} 開啟',
  'receive.countOf': '已收 {received} / {expected}',
  'receive.countHeld': '已到 {received} / {expected}（暫扣）',
  'receive.noJob': '此包裹沒有對應的工作',
  'receive.jobState': '工作狀態：{state}',
  'receive.expected': '預期的硬碟',
  'receive.extras': '額外硬碟',
  'receive.scannedOther': '此包裹中屬於其他工作或無工作的硬碟',
  'receive.none': '無',
  'receive.heldTitle': '包裹暫扣',
  'receive.heldText': '工作進入「運送中」之前不做任何處理。請聯絡客戶，並將硬碟放上暫扣架。',
  'receive.heldDeadlines': '期限',
  'receive.cancelled': '已取消：略過複製，硬碟將寄回',
  'receive.close': '關閉包裹',
  'receive.next': '下一個包裹',
  'receive.undo': '復原上一次掃描',
  'receive.receiveHeld': '將 {code} 收為無工作的包裹（暫扣）',
  'receive.arrivedHeld': '已到 · 暫扣',
  'receive.neverList': '這些硬碟現在是「未收到」：',
  'receive.signedOutOpen': '包裹 {tracking} 仍開啟中，由 {operator} 開啟。',
  'receive.manual': '手動輸入代碼（標籤損壞）',
  'receive.manualSubmit': '輸入',
  'receive.manualHint': '依標籤印刷輸入序號或追蹤號碼',
  'receive.recent': '最近的掃描',
  'receive.lastScan': '上一次掃描',
  'receive.noScans': '尚無掃描',
  'receive.lastClosed': '包裹 {tracking} 已關閉：已收 {received}，未收到 {never}',
  'receive.lastClosedHeld': '包裹 {tracking} 已暫扣',
  'receive.waiting': '等待中',
  'receive.idle': '就緒',

  'close.title': '關閉包裹 {tracking}？',
  'close.allHere': '所有預期的硬碟都已掃描。',
  'close.willBeNever': '下列硬碟尚未掃描，將標記為「未收到」：',
  'close.held': '包裹內有暫扣的硬碟：包裹將暫扣。',
  'close.confirm': '關閉包裹',
  'close.cancel': '繼續掃描',
  'close.scanHint': '再次掃描「關閉包裹」或按 Enter 關閉；按 Esc 繼續掃描。',

  'choose.title': '硬碟 {serial} 屬於哪個工作？',
  'choose.text': '此箱內有多個工作，且此硬碟不在任何工作的清單上。請看硬碟標籤上的工作名稱。',
  'choose.cancel': '不掃描此硬碟',

  'fb.received': '已收到',
  'fb.arrivedLater': '補收到',
  'fb.exportAdded': '已收到（匯出）',
  'fb.extra': '額外硬碟',
  'fb.otherJob': '其他工作',
  'fb.held': '暫扣',
  'fb.alreadyReceived': '已經收過',
  'fb.duplicate': '重複掃描',
  'fb.rejected': '拒絕',
  'fb.unknown': '未知的代碼',
  'fb.package': '包裹已開啟',
  'fb.packageHeld': '包裹暫扣',
  'fb.closed': '包裹已關閉',
  'fb.closedNever': '已關閉：有硬碟未收到',
  'fb.undone': '已復原掃描',
  'fb.command': '指令',
  'fb.signedIn': '已登入',

  'msg.duplicate': '硬碟 {serial} 在一秒內掃描了兩次：只計一次。',
  'msg.packageOpen': '包裹 {tracking} 已開啟：{jobs}。請掃描其中的硬碟。',
  'msg.packageHeldNoJob': '包裹 {tracking} 暫扣：沒有對應的工作。請掃描其中的硬碟，硬碟將暫扣。',
  'msg.packageHeldCreating': '包裹 {tracking} 暫扣：工作 {jobs} 仍在「建立中」。請掃描其中的硬碟，硬碟將暫扣。',
  'msg.closedHeld': '包裹 {tracking} 連同暫扣的硬碟已暫扣。',
  'msg.undone': '已復原 {serial} 的掃描。',
  'msg.undonePackage': '已撤回包裹 {tracking}：視為從未收件。請掃描包裹。',
  'msg.duplicateCode': '{code} 在一秒內掃描了兩次：只計一次。',
  'msg.answerFirst': '請先回答畫面上的問題。{code} 的掃描未被接受。',
  'msg.signOutRefused': '包裹 {tracking} 仍開啟中：請先關閉（F8）再登出。沒有任何變更。',
  'msg.closedNever': '包裹 {tracking} 已關閉。{never} 個未收到：{serials}。',
  'msg.closedClean': '包裹 {tracking} 已關閉。所有預期的硬碟都已收到。',
  'close.heldSummary': '沒有硬碟會變成「未收到」：預期 {expected} 個中已到 {received} 個，隨包裹暫扣。',
  'close.scanHintNext': '再次掃描「下一個包裹」或按 Enter 關閉；按 Esc 繼續掃描。',
  'signin.welcomeOpen': '已登入：{name}。包裹 {tracking} 仍開啟中（由 {operator} 開啟）：請繼續掃描硬碟或關閉包裹。',
  'msg.nothingOpen': '目前沒有開啟的包裹。',
  'msg.unknownCode': '沒有工作預期包裹 {code}，也沒有硬碟是這個序號。沒有任何變更。若這確實是沒有對應工作的包裹，請按 F6（下方按鈕）以暫扣方式收件。',
  'msg.unknownCommand': '「{code}」不是此站點的指令。',
  'msg.signInFirst': '請先登入：掃描您的識別證。',
  'msg.signedOut': '已登出。請掃描識別證登入。',
  'msg.readyNext': '就緒：請掃描下一個包裹。',
  'msg.notHere': '掃描請在「收件」畫面進行。已搜尋 {code}。',
  'msg.dialogOpen': '請先回答畫面上的問題。',
  'msg.scanCancelled': '硬碟 {serial} 未掃描。',

  'err.BAD_INPUT': '收件站拒絕了此操作：{message}',
  'err.SCAN_EMPTY': '掃描內容是空的：請重新掃描。',
  'err.SCAN_TOO_LONG': '掃描內容太長，不是序號或追蹤號碼。',
  'err.SCAN_BAD_CHARACTERS': '「{code}」含有序號或追蹤號碼不會有的字元：請重新掃描或手動輸入。',
  'err.SCAN_GS': '掃描內容含有 GS 分隔字元（ASCII 29）：這是多欄位條碼。請只掃描序號條碼。',
  'err.NO_OPEN_PACKAGE': '目前沒有開啟的包裹：請先掃描包裹追蹤號碼。',
  'err.PACKAGE_NOT_OPEN': '該包裹未開啟。',
  'err.PACKAGE_ALREADY_RECEIVED': '包裹 {code} 已經收過了。',
  'err.PACKAGE_ALREADY_OPEN': '包裹 {code} 已經開啟。',
  'err.DRIVE_ALREADY_SCANNED': '硬碟 {code} 已經收過了。',
  'err.CODE_IS_TRACKING': '{code} 是包裹追蹤號碼，不是硬碟：請先關閉目前的包裹，再收下一個。',
  'err.CODE_IS_JOB': '{code} 是工作名稱，不是硬碟：請掃描硬碟本身標籤上的序號。沒有任何紀錄。',
  'err.CODE_IS_BADGE': '這是操作員的識別證，不是硬碟。沒有任何紀錄。',
  'err.ANOTHER_PACKAGE_OPEN': '另一個包裹仍在開啟中：請先關閉它。',
  'err.PACKAGE_UNKNOWN': '此站點沒有收過該包裹。',
  'err.JOB_UNKNOWN': '沒有這個工作。',
  'err.JOB_EXISTS': '已有同名的工作。',
  'err.JOB_DELETED': '該工作已刪除（在「建立中」超過 2 週）。',
  'err.JOB_NOT_IN_PACKAGE': '該工作不在此包裹中。',
  'err.AMBIGUOUS_JOB': '請選擇硬碟標籤上寫的工作。',
  'err.DRIVE_UNKNOWN': '碼頭沒有硬碟 {code}，也沒有預期會收到。',
  'err.DRIVE_IN_ANOTHER_JOB': '硬碟 {code} 已因其他工作在碼頭。',
  'err.DRIVE_NOT_IN_JOB': '該硬碟不屬於此工作。',
  'err.TOO_MANY_DRIVES': '匯入工作最多 10 個硬碟。',
  'err.TRANSITION_FORBIDDEN': '目前的狀態不允許此操作。',
  'err.GUARD_FAILED': '此工作缺少這一步所需的資料。',
  'err.ADDRESS_INCOMPLETE': '回寄地址不完整。',
  'err.DELIVERY_PACKAGE_INCOMPLETE': '寄送包裹資料不完整。',
  'err.CANCEL_TOO_LATE': '太晚了，無法取消：工作已在「包裝中」或之後。',
  'err.NOTHING_TO_UNDO': '沒有可以復原的掃描。',
  'err.UNDO_SUPERSEDED': '此掃描已無法復原。',
  'err.IMPORT_INVALID': '匯入的資料無效。',
  'err.IMPORT_TOO_LARGE': '匯入的資料太大。',
  'err.COPY_NOT_ALLOWED': '現在無法開始或記錄複製。',
  'err.SHIP_NOT_READY': '此工作尚未準備好寄回。',
  'err.DRIVE_NOT_HELD': '該硬碟沒有暫扣。',
  'err.NOT_FOUND': '找不到。',
  'err.STORE_TOO_NEW': '此工作站的紀錄由較新版本的程式寫入：請更新程式後再開啟。',
  'err.UNKNOWN_OPERATION': '收件站不認識此操作。',
  'err.INTERNAL': '收件站無法完成此操作，沒有任何變更。請再試一次。',
  'err.NETWORK': '收件站沒有回應，沒有任何變更。請再試一次。',
  'err.STATION_UNREACHABLE': '收件站沒有回應。收件站伺服器還在執行嗎？',
  'err.BAD_REPLY': '收件站的回應無法讀取。請再試一次。',
  'err.ALREADY_CANCELLED': '該工作已經取消。',
  'err.WITNESS_INVALID': '見證人必須是此站點的另一位操作員。',
  'err.STORE_FULL': '收件站的磁碟已滿，無法再記錄。請清出收件站的空間後再試一次。',
  'err.STORE_DAMAGED': '收件站的紀錄已損壞，無法寫入。請停止操作，並聯絡收件站的管理人員。',
  'err.PRINTER_NOT_SET': '尚未設定 ZPL 標籤印表機：請在設定中輸入其位址，或列印 PDF。',
  'err.PRINTER_UNREACHABLE': '標籤印表機沒有回應：請確認已開機並連線，然後再列印一次。',
  'err.PRINTER_TIMEOUT': '標籤印表機回應太慢：請檢查印表機，然後再列印一次。',
  'err.PRINTER_REFUSED': '標籤印表機拒絕了此標籤：請檢查印表機，然後再列印一次。',
  'err.PRINTER_FAILED': '無法列印標籤：請檢查印表機，然後再列印一次。',
  'err.LABELS_UNAVAILABLE': '此處無法列印標籤：請開啟 PDF 後列印。',
  'err.NOT_JSON': '收件站無法讀取此請求。請重新載入頁面後再試一次。',
  'err.MALFORMED_REQUEST': '收件站無法讀取此請求。請重新載入頁面後再試一次。',
  'err.TOKEN_REQUIRED': '此頁面沒有收件站權杖：請從伺服器顯示的位址開啟收件站。',
  'err.TOKEN_WRONG': '此頁面的收件站權杖錯誤或已過期：請從伺服器顯示的位址開啟收件站。',
  'err.FOREIGN_HOST': '收件站只回應自己的位址。',
  'err.FOREIGN_ORIGIN': '只有收件站自己的頁面可以呼叫收件站。',
  'err.FOREIGN_SENDER': '只有收件站自己的頁面可以呼叫收件站。',
  'err.NO_SUCH_PATH': '收件站在該位址沒有任何內容。',
  'err.METHOD_NOT_ALLOWED': '收件站無法讀取此請求。請重新載入頁面後再試一次。',
  'err.BODY_TOO_LARGE': '內容太大，無法傳送到收件站。',
  'err.UNSUPPORTED_MEDIA_TYPE': '收件站無法讀取此請求。請重新載入頁面後再試一次。',
  'err.HEADERS_TOO_LARGE': '收件站無法讀取此請求。請重新載入頁面後再試一次。',

  'exc.title': '例外',
  'exc.empty': '目前沒有需要處理的事項。',
  'exc.count': '{n} 項需要處理',
  'exc.kind': '事項',
  'exc.subject': '硬碟／工作／包裹',
  'exc.next': '下一步',
  'exc.due': '期限',
  'exc.action': '動作',
  'exc.noDeadline': '無期限',
  'exc.overdue': '已逾期',
  'exc.kind.extraDrive': '額外硬碟',
  'exc.kind.neverReceived': '未收到的硬碟',
  'exc.kind.held': '暫扣的硬碟',
  'exc.kind.destructionDue': '應銷毀',
  'exc.kind.packageOverdue': '包裹逾期未到',
  'exc.kind.customerNotified': '已通知客戶，等待回覆',
  'exc.kind.addressMissing': '缺少回寄地址',
  'exc.kind.otherJobPackage': '在其他工作的包裹中到達',
  'exc.next.extraDrive': '與工作放在一起；工作寄回時一併寄回。',
  'exc.next.neverReceived': '通知客戶；若之後到達，可在任何包裹中掃描。',
  'exc.next.held': '聯絡客戶。',
  'exc.next.heldReturn': '將硬碟寄還客戶；若無法寄還則銷毀。',
  'exc.next.release': '工作 {job} 現在是「{state}」：解除包裹暫扣。',
  'exc.next.destructionDue': '在見證人在場下安全銷毀硬碟。',
  'exc.next.packageOverdue': '通知客戶，然後延長等待或取消。',
  'exc.next.customerNotified': '等待客戶回覆；若無回覆，工作將「已關閉」。',
  'exc.next.addressMissing': '向客戶索取回寄地址（缺少：{fields}）。',
  'exc.next.otherJobPackage': '在其他工作的包裹中到達：請與其所屬工作放在一起。',
  'exc.act.releaseHold': '解除暫扣',
  'exc.act.recordDestruction': '記錄銷毀',
  'exc.act.notifyCustomer': '已通知客戶',
  'exc.act.extendWait': '延長等待',
  'exc.act.updateJob': '輸入地址',
  'exc.act.cancel': '取消工作',
  'exc.act.open': '開啟工作',
  'exc.done': '完成：{what}',
  'exc.refresh': '重新整理',
  'exc.kind.faultedJob': '故障的工作',
  'exc.kind.faultedDrive': '故障的硬碟',
  'exc.kind.heldPackage': '暫扣的空箱',
  'exc.next.faultedJob': '故障（{reason}）：聯絡客戶，然後恢復為「{state}」。',
  'exc.next.faultedDrive': '故障（{reason}）：修復後恢復為「{state}」。',
  'exc.next.heldPackage': '暫扣的箱子裡沒有硬碟：檢查箱子，然後寄還或丟棄包裝。',
  'exc.act.resolveJob': '解除工作故障',
  'exc.act.resolveDrive': '解除硬碟故障',
  'exc.act.returnPackaging': '寄還（包裝）',
  'exc.act.custody': '箱子保管紀錄',
  'dlg.resolveJob.title': '解除工作 {job} 的故障',
  'dlg.resolveDrive.title': '解除硬碟 {serial} 的故障',
  'dlg.custody.title': '箱子 {tracking} 的保管紀錄',
  'dlg.resolve.reason': '修復了什麼（必填）',
  'dlg.close': '關閉',
  'job.noChange': '狀態未變',
  'jobs.total1': '共 1 個工作',
  'copy.startBlocked': '無法開始複製：{reason}',
  'job.notNow': '目前不可行',
  'copy.scanNotHere': '硬碟 {serial} 沒有在等待複製或結果。',
  'copy.scanSelected': '已選取工作 {job} 的硬碟 {serial}。',

  'dlg.ok': '確定',
  'dlg.cancel': '取消',
  'dlg.save': '儲存',
  'dlg.destroy.title': '記錄 {serial} 的安全銷毀',
  'dlg.destroy.method': '方式（例如：粉碎）',
  'dlg.destroy.witness': '見證人（不能是您）',
  'dlg.destroy.reason': '原因',
  'dlg.extend.title': '延長工作 {job} 的等待',
  'dlg.extend.days': '等待天數（1–90）',
  'dlg.notify.title': '記錄已通知工作 {job} 的客戶',
  'dlg.note': '備註',
  'dlg.cancelJob.title': '取消工作 {job}',
  'dlg.reason': '原因',
  'dlg.address.title': '工作 {job} 的回寄地址',

  'addr.recipientName': '收件人',
  'addr.streetAddress1': '街道地址',
  'addr.streetAddress2': '街道地址（第 2 行）',
  'addr.city': '城市',
  'addr.stateOrProvince': '州／省',
  'addr.postalCode': '郵遞區號',
  'addr.countryOrRegion': '國家或地區',
  'addr.phone': '電話',
  'addr.email': '電子郵件',

  'jobs.title': '工作',
  'jobs.search': '以工作名稱、追蹤號碼或硬碟序號搜尋',
  'jobs.searchButton': '搜尋',
  'jobs.state': '狀態',
  'jobs.anyState': '任何狀態',
  'jobs.total': '共 {total} 個工作',
  'jobs.showing': '第 {from}–{to} 筆，共 {total} 筆',
  'jobs.prev': '上一頁',
  'jobs.next': '下一頁',
  'jobs.none': '沒有符合的工作。',
  'jobs.col.name': '工作',
  'jobs.col.type': '類型',
  'jobs.col.state': '狀態',
  'jobs.col.tracking': '追蹤號碼',
  'jobs.col.updated': '更新時間',
  'jobs.deleted': '已刪除',
  'jobs.cancelled': '已要求取消',

  'job.back': '回到工作清單',
  'job.title': '工作 {name}',
  'job.type': '類型',
  'job.state': '狀態',
  'job.percent': '完成度',
  'job.delivery': '寄送包裹',
  'job.returnAddress': '回寄地址',
  'job.returnShipping': '回寄貨運商',
  'job.returnPackage': '回寄包裹',
  'job.missingAddress': '缺少：{fields}',
  'job.drives': '硬碟',
  'job.extras': '額外硬碟',
  'job.col.serial': '序號',
  'job.col.state': '狀態',
  'job.col.copy': '複製狀態',
  'job.col.percent': '百分比',
  'job.col.bytes': '位元組',
  'job.col.logs': '記錄檔',
  'job.col.received': '收件時間',
  'job.errorLog': '錯誤記錄',
  'job.verboseLog': '詳細記錄',
  'job.custody': '保管紀錄',
  'job.exportCsv': '匯出保管紀錄 CSV',
  'job.exported': '已儲存 {file}',
  'job.possible': '接下來可能發生的事',
  'job.col.when': '時間',
  'job.col.who': '人員',
  'job.col.where': '站點',
  'job.col.what': '事件',
  'job.col.subject': '硬碟／包裹',
  'job.col.change': '變更',
  'job.col.why': '原因',
  'job.fault': '故障：{reason}',
  'job.held': '暫扣',
  'job.none': '—',
  'job.loadMore': '較早的紀錄',

  'copy.title': '複製',
  'copy.waiting': '有已收到硬碟的工作',
  'copy.none': '沒有等待複製的工作。',
  'copy.start': '開始複製 {job}',
  'copy.startShort': '開始複製',
  'copy.started': '已開始複製 {job}。',
  'copy.record': '記錄結果',
  'copy.recorded': '已記錄 {serial} 的結果。',
  'copy.status': '最終狀態',
  'copy.progressOnly': '僅進度',
  'copy.percent': '完成百分比',
  'copy.bytes': '已複製位元組',
  'copy.errorLog': '錯誤記錄 URI',
  'copy.verboseLog': '詳細記錄 URI',
  'copy.drive': '硬碟 {serial}',
  'copy.receivedDrives': '{n} 個已收到的硬碟等待中',

  'pack.title': '包裝',
  'pack.none': '沒有在「包裝中」的工作。',
  'pack.count': '{n} 個工作在「包裝中」',

  'cmd.title': '指令條碼',
  'cmd.text': '列印此頁並放在碼頭：掃描指令條碼即執行該動作。',
  'cmd.print': '列印',
  'cmd.CLOSE': '關閉包裹',
  'cmd.UNDO': '復原上一次掃描',
  'cmd.NEXT': '下一個包裹',
  'cmd.SIGNOUT': '登出',
  'cmd.barcodeOf': '{what} 的條碼',

  'tone.accepted': '接受',
  'tone.warning': '警告',
  'tone.notice': '提醒',
  'tone.rejected': '拒絕',

  'time.due': '期限 {date}',
  'deadline.heldReturn': '請於 {date} 前寄還',
  'deadline.heldDestruction': '請於 {date} 前安全銷毀',
  'deadline.creatingDeletion': '若仍在「建立中」，工作將於 {date} 刪除',
  'deadline.shippingOverdue': '包裹於 {date} 逾期',
  'deadline.noticeClose': '若無回覆，工作將於 {date} 關閉',
  'deadline.purge': '紀錄將於 {date} 清除',
};

const JOB_STATE_NAMES: Record<Lang, Record<JobState, string>> = {
  en: { Creating: 'Creating', Shipping: 'Shipping', Received: 'Received', Transferring: 'Transferring', Packaging: 'Packaging', Completed: 'Completed', Closed: 'Closed', Faulted: 'Faulted' },
  'zh-TW': { Creating: '建立中', Shipping: '運送中', Received: '已收到', Transferring: '傳輸中', Packaging: '包裝中', Completed: '已完成', Closed: '已關閉', Faulted: '故障' },
};
const DRIVE_STATE_NAMES: Record<Lang, Record<DriveState, string>> = {
  en: { Specified: 'Expected', Received: 'Received', NeverReceived: 'NeverReceived', Transferring: 'Transferring', Completed: 'Completed', CompletedMoreInfo: 'Completed (more info)', ShippedBack: 'Shipped back', Faulted: 'Faulted' },
  'zh-TW': { Specified: '待收', Received: '已收到', NeverReceived: '未收到', Transferring: '傳輸中', Completed: '已完成', CompletedMoreInfo: '已完成（附資訊）', ShippedBack: '已寄回', Faulted: '故障' },
};

const JOB_TYPES: Record<Lang, Record<string, string>> = { en: { Import: 'Import', Export: 'Export' }, 'zh-TW': { Import: '匯入', Export: '匯出' } };

/** What makes a job move, as the job page's "what can happen next" reads it. */
const TRIGGERS: Record<Lang, Record<string, string>> = {
  en: {
    customerShipped: 'the customer ships', packageReceived: 'the package is received', copyStarted: 'the copy starts',
    copySkipped: 'the copy is skipped (cancelled)', allDrivesProcessed: 'every drive is processed', shippedBack: 'shipped back',
    shippedBackWithErrors: 'shipped back with errors', noReplyAfterNotice: 'no reply 30 days after notice', fault: 'a fault is recorded', resolve: 'the fault is resolved',
    nothingToCopy: 'nothing to copy', closedNothingToShip: 'closed with nothing to ship',
  },
  'zh-TW': {
    customerShipped: '客戶寄出', packageReceived: '包裹已收到', copyStarted: '開始複製', copySkipped: '略過複製（已取消）',
    allDrivesProcessed: '所有硬碟處理完成', shippedBack: '已寄回', shippedBackWithErrors: '已寄回（有錯誤）',
    noReplyAfterNotice: '通知後 30 天無回覆', fault: '記錄故障', resolve: '故障已解決',
    nothingToCopy: '沒有可複製的資料', closedNothingToShip: '沒有東西可寄回而關閉',
  },
};

/** Why a job may move, per trigger, in words a person at the dock reads (the core's rule text is English). */
const RULE_TEXT: Record<Lang, Record<string, string>> = {
  en: {},
  'zh-TW': {
    customerShipped: '需要寄送包裹資料與完整的回寄地址', packageReceived: '工作的包裹已收到並關閉', copyStarted: '已收到且未取消的工作開始複製',
    copySkipped: '已取消的工作略過資料複製', nothingToCopy: '工作的硬碟都沒有到達，沒有可複製的資料', allDrivesProcessed: '所有硬碟都已處理',
    shippedBack: '硬碟已寄回且工作沒有錯誤', shippedBackWithErrors: '硬碟已寄回但工作有錯誤', closedNothingToShip: '碼頭上沒有此工作可寄回的東西（未收到或已銷毀）',
    noReplyAfterNotice: '通知客戶後 30 天沒有回覆', fault: '記錄故障（需要原因）', resolve: '恢復為故障前的狀態',
  },
};
/** The core's rule, in the screen's language; English shows the core's own words. */
export function ruleText(lang: Lang, trigger: string, rule: string): string {
  return RULE_TEXT[lang][trigger] ?? rule;
}

/** Copy bay statuses (the values stay the contract's; only what is shown is translated). */
const COPY_STATUS_NAMES: Record<Lang, Record<string, string>> = {
  en: {},
  'zh-TW': {
    Completed: '完成', CompletedWithWarnings: '完成（有警告）', CompletedWithErrors: '完成（有錯誤）', DiskNotFound: '找不到磁碟',
    VolumeNotNtfs: '磁碟區不是 NTFS', BitLockerKeyInvalid: 'BitLocker 金鑰無效', ManifestNotFound: '找不到資訊清單',
    ManifestCorrupted: '資訊清單損毀', ManifestDriveIdMismatch: '資訊清單的硬碟 ID 不符', Failed: '失敗',
  },
};
export function copyStatusName(lang: Lang, s: string): string {
  return COPY_STATUS_NAMES[lang][s] ?? s;
}

/** A box's own states in the custody timeline. */
const PACKAGE_STATES: Record<Lang, Record<string, string>> = {
  en: {},
  'zh-TW': { open: '開啟', closed: '已關閉', held: '暫扣', released: '已解除暫扣', returned: '已寄還' },
};

export function jobTypeName(lang: Lang, t: string): string {
  return JOB_TYPES[lang][t] ?? t;
}
export function triggerName(lang: Lang, t: string): string {
  return TRIGGERS[lang][t] ?? t;
}

/** Custody actions as the timeline reads them. Unknown actions show as recorded. */
const ACTIONS: Record<Lang, Record<string, string>> = {
  en: {
    'job.created': 'Job created', 'job.imported': 'Job imported', 'job.updated': 'Job updated', 'job.customerShipped': 'Customer shipped',
    'job.packageReceived': 'Package received', 'job.copyStarted': 'Copy started', 'job.copySkipped': 'Copy skipped',
    'job.allDrivesProcessed': 'All drives processed', 'job.shippedBack': 'Shipped back', 'job.shippedBackWithErrors': 'Shipped back with errors',
    'job.noReplyAfterNotice': 'Closed: no reply', 'job.fault': 'Faulted', 'job.resolve': 'Resolved', 'job.cancelRequested': 'Cancel requested',
    'job.customerNotified': 'Customer notified', 'job.waitExtended': 'Wait extended', 'job.deleted': 'Job deleted', 'job.purged': 'Job purged',
    'job.returnPackage': 'Return package', 'job.importedState': 'State as imported',
    'package.received': 'Package opened', 'package.receivedHeld': 'Package opened (held)', 'package.closed': 'Package closed', 'package.holdReleased': 'Hold released',
    'drive.listed': 'Drive listed', 'drive.scanned': 'Drive scanned', 'drive.arrivedLater': 'Drive arrived later', 'drive.receivedInOtherPackage': 'Received in another job\'s package',
    'drive.extra': 'Extra drive', 'drive.heldNoJob': 'Held: no job', 'drive.heldExtra': 'Held: extra of a Creating job', 'drive.held': 'Held',
    'drive.exportReceived': 'Export drive received', 'drive.missingAtClose': 'Not in package', 'drive.shippingTimedOut': 'Never arrived',
    'drive.copyStarted': 'Copy started', 'drive.copyCompleted': 'Copy completed', 'drive.copyCompletedMoreInfo': 'Copy completed (more info)',
    'drive.copyProgress': 'Copy progress', 'drive.shippedBack': 'Shipped back', 'drive.fault': 'Faulted', 'drive.resolve': 'Resolved',
    'drive.destroyed': 'Securely destroyed', 'drive.holdReleased': 'Hold released', 'drive.claimedByJob': 'Claimed by job', 'scan.undone': 'Scan undone',
  },
  'zh-TW': {
    'job.created': '建立工作', 'job.imported': '匯入工作', 'job.updated': '更新工作', 'job.customerShipped': '客戶已寄出',
    'job.packageReceived': '包裹已收到', 'job.copyStarted': '開始複製', 'job.copySkipped': '略過複製',
    'job.allDrivesProcessed': '所有硬碟處理完成', 'job.shippedBack': '已寄回', 'job.shippedBackWithErrors': '已寄回（有錯誤）',
    'job.noReplyAfterNotice': '關閉：無回覆', 'job.fault': '故障', 'job.resolve': '已解決', 'job.cancelRequested': '要求取消',
    'job.customerNotified': '已通知客戶', 'job.waitExtended': '延長等待', 'job.deleted': '工作已刪除', 'job.purged': '工作已清除',
    'job.returnPackage': '回寄包裹', 'job.importedState': '依匯入的狀態',
    'package.received': '開啟包裹', 'package.receivedHeld': '開啟包裹（暫扣）', 'package.closed': '關閉包裹', 'package.holdReleased': '解除暫扣',
    'drive.listed': '列入硬碟', 'drive.scanned': '掃描硬碟', 'drive.arrivedLater': '硬碟補到', 'drive.receivedInOtherPackage': '在其他工作的包裹中收到',
    'drive.extra': '額外硬碟', 'drive.heldNoJob': '暫扣：無工作', 'drive.heldExtra': '暫扣：建立中工作的額外硬碟', 'drive.held': '暫扣',
    'drive.exportReceived': '收到匯出硬碟', 'drive.missingAtClose': '不在包裹中', 'drive.shippingTimedOut': '始終未到',
    'drive.copyStarted': '開始複製', 'drive.copyCompleted': '複製完成', 'drive.copyCompletedMoreInfo': '複製完成（附資訊）',
    'drive.copyProgress': '複製進度', 'drive.shippedBack': '已寄回', 'drive.fault': '故障', 'drive.resolve': '已解決',
    'drive.destroyed': '已安全銷毀', 'drive.holdReleased': '解除暫扣', 'drive.claimedByJob': '由工作認領', 'scan.undone': '復原掃描',
  },
};

export const DICTS: Record<Lang, Dict> = { en, 'zh-TW': zhTW };

export type Params = Record<string, string | number | null | undefined>;

function fill(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => {
    const v = params[k];
    return v === undefined || v === null ? m : String(v);
  });
}

export function translate(lang: Lang, key: Key, params?: Params): string {
  return fill(DICTS[lang][key] ?? en[key], params);
}

export function jobStateName(lang: Lang, s: string): string {
  return (JOB_STATE_NAMES[lang] as Record<string, string>)[s] ?? s;
}
export function driveStateName(lang: Lang, s: string): string {
  return (DRIVE_STATE_NAMES[lang] as Record<string, string>)[s] ?? s;
}
export function actionName(lang: Lang, action: string): string {
  return ACTIONS[lang][action] ?? action;
}

export interface CoreError {
  /** A code of the station's table, or one of the page's own (NETWORK, COPY_SCAN_NOT_HERE). */
  code: string;
  message: string;
  detail?: Record<string, unknown> | undefined;
}

/**
 * An error from the core, in the screen's language. English shows the core's own message, which names
 * the very serial or package; other languages show the translation of the code, filled with what is known,
 * and fall back to the core's message for a code they do not know.
 */
export function errorText(lang: Lang, err: CoreError, scanned?: string): string {
  if (lang === 'en' && err.message) return err.message;
  let key = `err.${err.code}` as Key;
  if (err.code === 'SCAN_BAD_CHARACTERS' && /GS separator/.test(err.message)) key = 'err.SCAN_GS';
  if (!(key in en)) return err.message;
  const detail = err.detail ?? {};
  const code = (detail.driveId ?? detail.trackingNumber ?? scanned ?? '') as string;
  return translate(lang, key, { code: printable(code), message: err.message });
}

/** A scanned code as it may be shown: control characters made visible rather than dropped. */
export function printable(code: string): string {
  // eslint-disable-next-line no-control-regex
  return code.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\u001d' ? '<GS>' : `<${c.charCodeAt(0).toString(16).padStart(2, '0')}>`));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Dates as YYYY-MM-DD (and HH:MM), the same in every language: never 05/12 read two ways. */
export function formatDate(_lang: Lang, iso: string | null | undefined, withTime = false): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return withTime ? `${day} ${pad(d.getHours())}:${pad(d.getMinutes())}` : day;
}

/** A moment with its offset from UTC, as a custody record is read: "2026-11-24 14:03 +08:00". */
export function formatDateZone(lang: Lang, iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const off = -d.getTimezoneOffset();
  const sign = off < 0 ? '-' : '+';
  return `${formatDate(lang, iso, true)} ${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}

export function formatTime(_lang: Lang, iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A job or drive state name, whichever it is. */
export function stateName(lang: Lang, s: string): string {
  return (JOB_STATE_NAMES[lang] as Record<string, string>)[s] ?? (DRIVE_STATE_NAMES[lang] as Record<string, string>)[s] ?? PACKAGE_STATES[lang][s] ?? s;
}
