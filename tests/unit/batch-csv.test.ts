import { describe, expect, it } from 'vitest';
import { chooseAddressColumn } from '../../server/analysis/address-column';
import { guessDelimiter, parseCsv, writeCsv } from '../../server/analysis/csv';
import { decodeText, looksBinary } from '../../server/analysis/decode-text';

describe('CSV reader and writer', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, over CRLF and LF', () => {
    expect(parseCsv('a,"b, c","say ""hi"""\r\n"two\nlines",,x\nlast')).toEqual([
      ['a', 'b, c', 'say "hi"'],
      ['two\nlines', '', 'x'],
      ['last'],
    ]);
  });

  it('keeps empty lines as records with one empty field and drops nothing at the end but the final line break', () => {
    expect(parseCsv('a\n\nb\n')).toEqual([['a'], [''], ['b']]);
  });

  it('refuses a quote left open', () => {
    expect(() => parseCsv('a,"b\n')).toThrow(/not closed/);
  });

  it('writes what it reads back unchanged, quoting only where needed', () => {
    const records = [['地址', 'note, with comma', 'q"uote'], ['line\nbreak', ' lead', 'plain']];
    const text = writeCsv(records);
    expect(text).toBe('地址,"note, with comma","q""uote"\r\n"line\nbreak"," lead",plain\r\n');
    expect(parseCsv(text)).toEqual(records);
    expect(parseCsv(writeCsv(records, ';'), ';')).toEqual(records);
  });

  it('guesses the delimiter from the first line, ignoring quoted ones', () => {
    expect(guessDelimiter('a;b;"c,d,e"\n1,2,3')).toBe(';');
    expect(guessDelimiter('a\tb\n')).toBe('\t');
    expect(guessDelimiter('地址\n')).toBe(',');
  });
});

describe('text decoding', () => {
  it('reads UTF-8 with or without a BOM, and anything else as GB18030', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0xe5, 0x9c, 0xb0]))).toEqual({ text: '地', encoding: 'utf-8' });
    expect(decodeText(new TextEncoder().encode('地址'))).toEqual({ text: '地址', encoding: 'utf-8' });
    // 地址 in GBK
    expect(decodeText(new Uint8Array([0xb5, 0xd8, 0xd6, 0xb7]))).toEqual({ text: '地址', encoding: 'gb18030' });
  });

  it('tells binary from text by NUL bytes', () => {
    expect(looksBinary(new Uint8Array([0x50, 0x4b, 3, 4, 0]))).toBe(true);
    expect(looksBinary(new TextEncoder().encode('地址,a\n'))).toBe(false);
  });
});

describe('choosing the address column', () => {
  const rows = [['1', '张三', '城南路8号', '13800000000']];
  it('takes a header that says address, in Chinese or English', () => {
    for (const name of ['地址', '住址', '家庭住址', '居住地址']) {
      expect(chooseAddressColumn(['序号', '姓名', name, '电话'], rows)).toEqual({ index: 2, name, by: 'header' });
    }
    expect(chooseAddressColumn(['id', 'Name', 'Address'], rows)).toEqual({ index: 2, name: 'Address', by: 'header' });
  });

  it('suggests a column whose values read as addresses: a house number or a place word', () => {
    expect(chooseAddressColumn(['no', 'who', 'where'], [['1', '张三', '城南路8号'], ['2', '李四', '北街3幢']])).toEqual({ index: 2, name: 'where', by: 'values' });
    expect(chooseAddressColumn(['no', 'who', 'where'], [['1', '张三', '殷巷村四组'], ['2', '', 'x']])).toEqual({ index: 2, name: 'where', by: 'values' });
  });

  it('asks, listing the headers, when no column looks like addresses: names and phones are not', () => {
    const asked = { problem: { code: 'batch_pick_column', params: { headers: ['姓名', '电话'] } } };
    expect(chooseAddressColumn(['姓名', '电话'], [['张三', '13800000000'], ['李四', '138-0000-0001']])).toEqual(asked);
    expect(chooseAddressColumn(['no', 'phone'], [['1', '138-0000-0000']])).toHaveProperty('problem.code', 'batch_pick_column');
  });

  it('takes the named column, and lists the headers when it is not there', () => {
    expect(chooseAddressColumn(['住址', '新地址'], rows, '新地址')).toEqual({ index: 1, name: '新地址', by: 'user' });
    expect(chooseAddressColumn(['住址', '新地址'], rows, 'street')).toEqual({ problem: { code: 'batch_no_such_column', params: { column: 'street', headers: ['住址', '新地址'] } } });
  });
});
