// How the requests pages say a request's words: its category, status, channel and lateness in the
// reader's language (the domain's names), and times as the reader's clock shows them.
import { REQUEST_CATEGORY_NAMES, type RequestCategory } from '../../../server/domain/request-categories';
import { ESCALATION_NAMES, REQUEST_CHANNEL_NAMES, REQUEST_STATUS_NAMES, type Escalation, type RequestChannel, type RequestStatus } from '../../../server/domain/requests';
import type { Locale } from '../../shared/i18n';

export const categoryName = (c: RequestCategory, locale: Locale) => REQUEST_CATEGORY_NAMES[c][locale];
export const statusName = (s: RequestStatus, locale: Locale) => REQUEST_STATUS_NAMES[s][locale];
export const channelName = (c: RequestChannel, locale: Locale) => REQUEST_CHANNEL_NAMES[c][locale];
export const escalationName = (e: Escalation, locale: Locale) => ESCALATION_NAMES[e][locale];

/** 11-24 09:30 / Nov 24, 09:30: the year only when it is not this one. */
export function shortTime(iso: string, locale: Locale, now = new Date()): string {
  const d = new Date(iso);
  const sameYear = d.getFullYear() === now.getFullYear();
  return d.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-GB', {
    ...(sameYear ? {} : { year: 'numeric' }),
    month: locale === 'zh' ? '2-digit' : 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

/** A share 0..1 as a whole percentage, or the dash. */
export const percent = (x: number | null, none: string) => (x === null ? none : `${Math.round(x * 100)}%`);

/** `{n}` in a sentence. */
export const fill = (sentence: string, values: Record<string, string | number>) => sentence.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
