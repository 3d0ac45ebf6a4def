// Text files from Chinese Excel are often GBK/GB18030 rather than UTF-8. Valid UTF-8 is read as
// UTF-8 (a BOM dropped); anything else as GB18030, a superset of GBK and GB2312.

export type TextEncoding = 'utf-8' | 'gb18030';

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** NUL bytes never occur in CSV text in either encoding; they do in every binary format. */
export const looksBinary = (bytes: Uint8Array): boolean => bytes.subarray(0, 8192).includes(0);
