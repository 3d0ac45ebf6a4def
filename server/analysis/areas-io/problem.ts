// What is wrong with an uploaded file, said so that the uploader can fix it: a catalogue code
// and its parameters. Pure code throws it; the import turns it into the HTTP answer (400
// unreadable, 422 readable but unusable) with `extra` (needsCrs, feature, where, crs, prj) in
// the body, where the client reads them.
import { say, type Message, type MessageCode, type MessageParams } from '../../domain/messages';

export class FileProblem extends Error implements Message {
  constructor(
    readonly status: 400 | 422,
    readonly code: MessageCode,
    readonly params: MessageParams = {},
    readonly extra: Record<string, unknown> = {},
  ) {
    super(say({ code, params }, 'en'));
  }
}

/** A shapefile without .prj and no system chosen: the client asks the user, then sends `crs`. */
export class CrsNeeded extends FileProblem {
  constructor() {
    super(422, 'import_no_prj', {}, { needsCrs: true });
  }
}

/** One feature refused by the geometry gate: its number and name, and the gate's code and words in both languages. */
export const featureProblem = (number: number, name: string, inner: Message): MessageParams => ({
  number, name, problemCode: inner.code, problem: say(inner, 'zh'), problemEn: say(inner, 'en'),
});
