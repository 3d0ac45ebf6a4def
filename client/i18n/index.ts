import { en } from './en';
import { zh, type Messages } from './zh';

export type Locale = 'zh' | 'en';
export const messages: Record<Locale, Messages> = { zh, en };
export type { Messages };
