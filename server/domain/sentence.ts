// The shape of a catalogue of sentences: a code's parameters in, its sentence in one language out.
// Each feature's catalogue (messages-*.ts) is written against it and joined in messages.ts.

export type Locale = 'zh' | 'en';
export type MessageParams = Record<string, string | number | boolean | readonly (string | number)[] | null | undefined>;
export type Sentence = (p: MessageParams) => string;
export type Catalogue = Record<string, { zh: Sentence; en: Sentence }>;
