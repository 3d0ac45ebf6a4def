// The page's words in Chinese come with the page; English, which few switch to, is a chunk of
// its own fetched on the switch (or at start for those who chose it): ~15 kB gzip off every
// first load, the resident's phone page included.
import { zh, type Messages } from './zh';

export type Locale = 'zh' | 'en';
export type { Messages };

export async function messagesOf(locale: Locale): Promise<Messages> {
  return locale === 'zh' ? zh : (await import('./en')).en;
}
