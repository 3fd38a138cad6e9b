// The Packaging screen's words, in both languages, filled the same way as the app's i18n layer (i18n.ts) and
// chosen by the same language setting. Kept beside the screen so the two can be merged into i18n.ts at will.
import { useCallback } from 'react';
import { errorText, type CoreError, type Lang, type Params } from '../i18n.ts';
import { useLang } from '../useT.ts';

const en = {
  'pk.title': 'Packaging',
  'pk.waiting': 'Waiting to ship back',
  'pk.none': 'No job is waiting in Packaging.',
  'pk.heldDue': 'Held drives to return',
  'pk.heldNone': 'No held drive is due for return.',
  'pk.heldSince': 'held since {date}',
  'pk.tag': 'Drive tag',
  'pk.choose': 'Choose a job, or scan its job barcode or one of its drives.',
  'pk.box': 'Box',
  'pk.count': '{n} of {total} drives in the box',
  'pk.allIn': 'All {total} drives are in the box.',
  'pk.missing': 'Still missing from the box: {list}',
  'pk.notReady': 'Not ready to leave: {list}',
  'pk.scanPrompt': 'Scan every drive into the box',
  'pk.serial': 'Drive serial (scan or type)',
  'pk.add': 'Add to box',
  'pk.remove': 'Take out',
  'pk.extra': 'extra',
  'pk.inBox': 'in the box',
  'pk.notInBox': 'not in the box',
  'pk.address': 'Return address',
  'pk.addressMissing': 'The return address is missing: {fields}. No label until it is complete: contact the customer.',
  'pk.shipment': 'Return shipment',
  'pk.carrier': 'Carrier',
  'pk.account': 'Carrier account',
  'pk.tracking': 'Return tracking number (scan or type)',
  'pk.labelPdf': 'Label PDF',
  'pk.labelZpl': 'Send to label printer',
  'pk.labelPrint': 'Print label',
  'pk.download': 'Download {file}',
  'pk.labelOut': 'Label is out. Put it on the box, then press Shipped.',
  'pk.labelFirst': 'Print the label first: the box stays here until the label is out.',
  'pk.ship': 'Shipped',
  'pk.shipped': 'Job {job} shipped back with {n} drive(s): {state}.',
  'pk.preview': 'Label preview',
  'pk.accepted': 'Drive {serial} is in the box.',
  'pk.again': 'Drive {serial} is already in the box.',
  'pk.otherJob': 'Drive {serial} belongs to job {job}, not {current}: keep it out of this box.',
  'pk.notOfJob': 'Drive {serial} is not a drive of job {current}: keep it out of this box.',
  'pk.notHere': 'Drive {serial} is {state}: it does not go back in this box.',
  'pk.trackingSet': 'Return tracking number {code}.',
  'pk.zplSent': 'Label sent to {printer} ({bytes} bytes).',
  'pk.printed': 'Label printed.',
  'pk.pdfReady': 'Label PDF ready: {file}.',
  'pk.needTracking': 'Scan or type the return tracking number.',
  'pk.needCarrier': 'Enter the return carrier.',
  'pk.needAll': 'Scan every drive into the box first.',
  'pk.heldReturn': 'Return held drives',
  'pk.heldBox': 'Return box',
  'pk.heldAdd': 'To return box',
  'pk.heldInBox': 'In the return box',
  'pk.heldOpen': 'Open the return box ({n})',
  'pk.heldNoJob': 'no job on record',
  'pk.heldCame': 'came in {tracking}',
  'pk.heldReady': 'Its job is ready now: release the held package on Exceptions.',
  'pk.heldChoose': 'Choose held drives in the list, or scan them, to fill a return box.',
  'pk.heldScanPrompt': 'Scan the held drives into the return box',
  'pk.heldCount': '{n} held drive(s)',
  'pk.heldEmpty': 'The return box is empty: choose or scan the held drives.',
  'pk.heldEmptyShort': 'Empty',
  'pk.heldAddressLater': 'The return address is asked for once the box has drives.',
  'pk.heldAccepted': 'Held drive {serial} is in the return box.',
  'pk.heldAgain': 'Held drive {serial} is already in the return box.',
  'pk.heldOtherSender': 'Drive {serial} is of {owner}, this box goes to {boxOwner}: one box, one sender. Return it in a separate box.',
  'pk.heldNotDue': 'Drive {serial} is held since {since}: its return is due on {due}. Contact the customer first.',
  'pk.heldRelease': 'Drive {serial}: job {job} is ready now. Release the held package on Exceptions instead of returning it.',
  'pk.heldInJobBox': 'Drive {serial} is held: it does not go in the box of job {current}. Ship that box first.',
  'pk.heldNotHeld':
    '{serial} is not a held drive due for return. To take it as the return tracking number, tap the tracking field and scan again.',
  'pk.heldPackages': 'These drives came in different packages ({list}): make sure they all go back to the same sender.',
  'pk.heldAddressNoJob': 'No job on record: type the return address of the sender.',
  'pk.heldAddressJob': 'Job {job} has no complete return address: type it.',
  'pk.heldAddressTyped': 'Another return address for job {job}:',
  'pk.heldAddressOther': 'Send to another address',
  'pk.heldAddressUseJob': "Use the job's return address",
  'pk.heldAddressMissing': 'The return address is missing: {fields}. No label until it is complete.',
  'pk.heldFieldMissing': 'missing',
  'pk.heldShipped': '{n} held drive(s) shipped back to {name}, tracking {tracking}.',
  'pk.optional': '(optional)',
  'af.recipientName': 'Recipient name',
  'af.streetAddress1': 'Street address',
  'af.streetAddress2': 'Street address, line 2',
  'af.city': 'City',
  'af.stateOrProvince': 'State or province',
  'af.postalCode': 'Postal code',
  'af.countryOrRegion': 'Country or region',
  'af.phone': 'Phone',
  'af.email': 'Email',
  'field.recipientName': 'recipient name',
  'field.streetAddress1': 'street address',
  'field.city': 'city',
  'field.postalCode': 'postal code',
  'field.countryOrRegion': 'country or region',
  'field.phone': 'phone',
  'field.email': 'email',
  'field.streetAddress2': 'street address, line 2',
  'field.stateOrProvince': 'state or province',
  'err.PRINTER_NOT_SET': 'No label printer is set: enter its address in Settings, or use the PDF.',
  'err.PRINTER_UNREACHABLE': 'The label printer cannot be reached: check it is on and its address in Settings. Print again.',
  'err.PRINTER_TIMEOUT': 'The label printer did not answer in time: check it has labels and is not paused. Print again.',
  'err.PRINTER_REFUSED': 'The label printer refused the label: check its port. Print again.',
  'err.PRINTER_FAILED': 'The label was not printed. Print again.',
  'err.LABELS_UNAVAILABLE': 'This way of printing is not available here: use the PDF.',
} as const;

export type PackKey = keyof typeof en;

const zhTW: { readonly [K in PackKey]: string } = {
  'pk.title': '包裝',
  'pk.waiting': '等待寄回',
  'pk.none': '沒有在「包裝中」的工作。',
  'pk.heldDue': '應寄回的暫扣硬碟',
  'pk.heldNone': '沒有到期應寄回的暫扣硬碟。',
  'pk.heldSince': '自 {date} 起暫扣',
  'pk.tag': '硬碟標籤',
  'pk.choose': '選擇工作，或掃描工作條碼或其任一硬碟。',
  'pk.box': '箱子',
  'pk.count': '箱中已有 {n} / {total} 顆硬碟',
  'pk.allIn': '{total} 顆硬碟都已裝箱。',
  'pk.missing': '尚未裝箱：{list}',
  'pk.notReady': '尚不能寄出：{list}',
  'pk.scanPrompt': '將每顆硬碟掃描裝箱',
  'pk.serial': '硬碟序號（掃描或輸入）',
  'pk.add': '裝箱',
  'pk.remove': '取出',
  'pk.extra': '額外',
  'pk.inBox': '已裝箱',
  'pk.notInBox': '未裝箱',
  'pk.address': '回寄地址',
  'pk.addressMissing': '回寄地址缺少：{fields}。地址完整前不能列印標籤：請聯絡客戶。',
  'pk.shipment': '回寄貨件',
  'pk.carrier': '貨運公司',
  'pk.account': '貨運帳號',
  'pk.tracking': '回寄追蹤號碼（掃描或輸入）',
  'pk.labelPdf': '標籤 PDF',
  'pk.labelZpl': '送到標籤印表機',
  'pk.labelPrint': '列印標籤',
  'pk.download': '下載 {file}',
  'pk.labelOut': '標籤已印出。貼到箱子上，然後按「已寄出」。',
  'pk.labelFirst': '請先列印標籤：標籤印出前箱子不能寄出。',
  'pk.ship': '已寄出',
  'pk.shipped': '工作 {job} 已寄回 {n} 顆硬碟：{state}。',
  'pk.preview': '標籤預覽',
  'pk.accepted': '硬碟 {serial} 已裝箱。',
  'pk.again': '硬碟 {serial} 已經在箱中。',
  'pk.otherJob': '硬碟 {serial} 屬於工作 {job}，不是 {current}：不要放進這個箱子。',
  'pk.notOfJob': '硬碟 {serial} 不是工作 {current} 的硬碟：不要放進這個箱子。',
  'pk.notHere': '硬碟 {serial} 的狀態是 {state}：不放進這個箱子。',
  'pk.trackingSet': '回寄追蹤號碼 {code}。',
  'pk.zplSent': '標籤已送到 {printer}（{bytes} 位元組）。',
  'pk.printed': '標籤已列印。',
  'pk.pdfReady': '標籤 PDF 已備妥：{file}。',
  'pk.needTracking': '請掃描或輸入回寄追蹤號碼。',
  'pk.needCarrier': '請輸入回寄貨運公司。',
  'pk.needAll': '請先將每顆硬碟掃描裝箱。',
  'pk.heldReturn': '寄回暫扣硬碟',
  'pk.heldBox': '寄回箱',
  'pk.heldAdd': '放入寄回箱',
  'pk.heldInBox': '已在寄回箱',
  'pk.heldOpen': '開啟寄回箱（{n}）',
  'pk.heldNoJob': '查無工作',
  'pk.heldCame': '隨 {tracking} 到貨',
  'pk.heldReady': '其工作已就緒：請在「例外」解除暫扣包裹。',
  'pk.heldChoose': '在清單中選擇或掃描暫扣硬碟，裝入寄回箱。',
  'pk.heldScanPrompt': '將暫扣硬碟掃描裝入寄回箱',
  'pk.heldCount': '{n} 顆暫扣硬碟',
  'pk.heldEmpty': '寄回箱是空的：請選擇或掃描暫扣硬碟。',
  'pk.heldEmptyShort': '空的',
  'pk.heldAddressLater': '箱中有硬碟後，才需要填寫回寄地址。',
  'pk.heldAccepted': '暫扣硬碟 {serial} 已放入寄回箱。',
  'pk.heldAgain': '暫扣硬碟 {serial} 已經在寄回箱中。',
  'pk.heldOtherSender': '硬碟 {serial} 屬於 {owner}，這個箱子要寄給 {boxOwner}：一箱只寄一位寄件人，請分箱寄回。',
  'pk.heldNotDue': '硬碟 {serial} 自 {since} 起暫扣：{due} 才到寄回期限。請先聯絡客戶。',
  'pk.heldRelease': '硬碟 {serial}：工作 {job} 已就緒。請在「例外」解除暫扣包裹，不要寄回。',
  'pk.heldInJobBox': '硬碟 {serial} 是暫扣硬碟：不放進工作 {current} 的箱子。請先寄出那個箱子。',
  'pk.heldNotHeld': '{serial} 不是到期應寄回的暫扣硬碟。若這是回寄追蹤號碼，請先點選追蹤號碼欄位再掃描一次。',
  'pk.heldPackages': '這些硬碟來自不同包裹（{list}）：請確認都寄回同一位寄件人。',
  'pk.heldAddressNoJob': '查無工作：請輸入寄件人的回寄地址。',
  'pk.heldAddressJob': '工作 {job} 的回寄地址不完整：請輸入地址。',
  'pk.heldAddressTyped': '工作 {job} 的另一個回寄地址：',
  'pk.heldAddressOther': '寄到其他地址',
  'pk.heldAddressUseJob': '使用工作的回寄地址',
  'pk.heldAddressMissing': '回寄地址缺少：{fields}。地址完整前不能列印標籤。',
  'pk.heldFieldMissing': '缺少',
  'pk.heldShipped': '{n} 顆暫扣硬碟已寄回給 {name}，追蹤號碼 {tracking}。',
  'pk.optional': '（選填）',
  'af.recipientName': '收件人姓名',
  'af.streetAddress1': '街道地址',
  'af.streetAddress2': '街道地址（第二行）',
  'af.city': '城市',
  'af.stateOrProvince': '州／省／區',
  'af.postalCode': '郵遞區號',
  'af.countryOrRegion': '國家或地區',
  'af.phone': '電話',
  'af.email': '電子郵件',
  'field.recipientName': '收件人',
  'field.streetAddress1': '街道地址',
  'field.city': '城市',
  'field.postalCode': '郵遞區號',
  'field.countryOrRegion': '國家或地區',
  'field.phone': '電話',
  'field.email': '電子郵件',
  'field.streetAddress2': '街道地址（第二行）',
  'field.stateOrProvince': '州／省／區',
  'err.PRINTER_NOT_SET': '尚未設定標籤印表機：請在設定中輸入位址，或使用 PDF。',
  'err.PRINTER_UNREACHABLE': '無法連線到標籤印表機：請確認已開機及設定中的位址，再列印一次。',
  'err.PRINTER_TIMEOUT': '標籤印表機沒有及時回應：請確認有標籤紙且未暫停，再列印一次。',
  'err.PRINTER_REFUSED': '標籤印表機拒絕了標籤：請確認連接埠，再列印一次。',
  'err.PRINTER_FAILED': '標籤沒有印出，請再列印一次。',
  'err.LABELS_UNAVAILABLE': '這裡不能用這種方式列印：請使用 PDF。',
};

const DICTS: Record<Lang, { readonly [K in PackKey]: string }> = { en, 'zh-TW': zhTW };

function fill(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => {
    const v = params[k];
    return v === undefined || v === null ? m : String(v);
  });
}

export function packText(lang: Lang, key: PackKey, params?: Params): string {
  return fill(DICTS[lang][key] ?? en[key], params);
}

export type PackT = (key: PackKey, params?: Params) => string;

export function usePackT(): PackT {
  const lang = useLang();
  return useCallback((key: PackKey, params?: Params) => packText(lang, key, params), [lang]);
}

/** An error in the screen's language: the printer codes are this screen's own, the rest the app's. */
export function packError(lang: Lang, err: CoreError): string {
  const key = `err.${err.code}` as PackKey;
  if (key in en && (lang !== 'en' || !err.message)) return packText(lang, key);
  return errorText(lang, err);
}

/** The name of a return address field, in the screen's language. */
export function fieldName(lang: Lang, field: string): string {
  const key = `field.${field}` as PackKey;
  return key in en ? packText(lang, key) : field;
}

/** Return address fields named in a list, as the language writes a list. */
export function fieldList(lang: Lang, fields: readonly string[]): string {
  return fields.map((f) => fieldName(lang, f)).join(lang === 'zh-TW' ? '、' : ', ');
}
