// A zod failure said as a person reads it: each wrong field named with what is wrong, in
// Chinese from the kind of issue, and in English as zod (or the schema's own message) says it.
// A schema may give a custom issue a catalogue code with `params: { code, ...params }`.
import type { z } from 'zod';
import { isMessageCode, say, type MessageParams } from '../domain/messages';

export interface InputIssue {
  /** "body.username", "query.bbox"; "" for the whole input. */
  path: string;
  code: string;
  message: string;
  messageEn: string;
}

const TYPE_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '布尔值（true 或 false）',
  object: '对象',
  array: '列表',
  date: '日期',
  null: 'null',
  undefined: '空',
};

const FORMAT_ZH: Record<string, string> = {
  email: '电子邮件地址',
  url: '网址',
  uuid: 'UUID',
  datetime: '日期时间（ISO 8601）',
  date: '日期（YYYY-MM-DD）',
};

const shown = (v: unknown) => (typeof v === 'string' ? `“${v}”` : String(v));

function tooSmall(i: z.core.$ZodIssueTooSmall): string {
  const n = String(i.minimum);
  if (i.origin === 'string') return Number(i.minimum) <= 1 ? '不能为空' : `至少 ${n} 个字符`;
  if (i.origin === 'array' || i.origin === 'set') return `至少要有 ${n} 项`;
  return i.inclusive === false ? `须大于 ${n}` : `不能小于 ${n}`;
}

function tooBig(i: z.core.$ZodIssueTooBig): string {
  const n = String(i.maximum);
  if (i.origin === 'string') return `最多 ${n} 个字符`;
  if (i.origin === 'array' || i.origin === 'set') return `最多 ${n} 项`;
  if (i.origin === 'file') return `不能超过 ${n} 字节`;
  return i.inclusive === false ? `须小于 ${n}` : `不能大于 ${n}`;
}

function customZh(i: z.core.$ZodIssueCustom): string {
  const params = (i.params ?? {}) as MessageParams & { code?: unknown };
  if (isMessageCode(params.code)) return say({ code: params.code, params }, 'zh');
  return `不符合要求（${i.message}）`;
}

/** What is wrong, in Chinese, without the field's name. */
export function issueZh(i: z.core.$ZodIssue): string {
  switch (i.code) {
    case 'invalid_type':
      // zod keeps no input on the issue; its own message says when nothing was given.
      if (/received undefined$/.test(i.message)) return '必须填写';
      return `应为${TYPE_ZH[i.expected] ?? i.expected}`;
    case 'too_small':
      return tooSmall(i);
    case 'too_big':
      return tooBig(i);
    case 'invalid_format':
      return i.format === 'regex' ? '格式不对' : `格式不对，应为${FORMAT_ZH[i.format] ?? i.format}`;
    case 'not_multiple_of':
      return `应为 ${String(i.divisor)} 的整数倍`;
    case 'unrecognized_keys':
      return `不认识的字段：${i.keys.map(shown).join('、')}（请删去或检查拼写）`;
    case 'invalid_value':
      return `应为以下之一：${i.values.map(shown).join('、')}`;
    case 'invalid_union':
      return '不符合任何一种允许的写法';
    case 'invalid_key':
      return '含有不正确的键';
    case 'invalid_element':
      return '含有不正确的元素';
    case 'custom':
      return customZh(i);
  }
}

function issueEn(i: z.core.$ZodIssue): string {
  const params = i.code === 'custom' ? ((i.params ?? {}) as MessageParams & { code?: unknown }) : {};
  return isMessageCode(params.code) ? say({ code: params.code, params }, 'en') : i.message;
}

export function inputIssues(err: z.ZodError): InputIssue[] {
  return err.issues.map((i) => {
    const path = i.path.map(String).join('.');
    const zh = issueZh(i);
    const en = issueEn(i);
    return { path, code: i.code, message: path ? `${path}：${zh}` : zh, messageEn: path ? `${path}: ${en}` : en };
  });
}
