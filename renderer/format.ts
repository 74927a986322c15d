// Chinese formatting of dates, numbers and timestamps for screens.
import dayjs from 'dayjs';

export const fmtDate = (d: string | null | undefined): string => (d ? d : '—');
export const fmtNumber = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : n.toLocaleString('zh-CN'));
export const fmtTime = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
export const yesNo = (b: boolean): string => (b ? '是' : '否');

/** antd DatePicker value ⇄ the ledger's YYYY-MM-DD strings. */
export const toDayjs = (d: string | null | undefined) => (d ? dayjs(d) : null);
export const fromDayjs = (d: dayjs.Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);
