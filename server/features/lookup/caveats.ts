// A caveat as the answer carries it: the code with both sentences, so the card, the batch file
// and the resident page print it without a catalogue of their own.
import { say } from '../../domain/messages';
import type { MessageParams } from '../../domain/sentence';
import type { Caveat, LookupCaveatCode } from './types';

export function caveat(code: LookupCaveatCode, params: MessageParams): Caveat {
  return { code, zh: say({ code, params }, 'zh'), en: say({ code, params }, 'en') };
}
