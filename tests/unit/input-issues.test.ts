// A zod refusal reaches the user as one Chinese sentence per wrong field (and the English one
// zod or the schema gives), each naming the field's path and what is wrong with it.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { invalidInput } from '../../server/http/errors';
import { inputIssues } from '../../server/http/input-issues';

const refusal = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a refusal');
  return inputIssues(result.error);
};
const zh = (schema: z.ZodType, value: unknown) => refusal(schema, value).map((i) => i.message);

describe('zod issues in Chinese', () => {
  it('names a field of the wrong type and one that is missing', () => {
    const schema = z.object({ username: z.string(), password: z.string() });
    expect(zh(schema, { username: 42 })).toEqual(['username：应为文本', 'password：必须填写']);
  });

  it('says how short or long a text, a list or a number may be', () => {
    const schema = z.object({ name: z.string().min(1).max(5), list: z.array(z.number()).min(2).max(3), n: z.number().int().min(1).max(10) });
    expect(zh(schema, { name: '', list: [1], n: 0 })).toEqual(['name：不能为空', 'list：至少要有 2 项', 'n：不能小于 1']);
    expect(zh(schema, { name: '党群服务中心站', list: [1, 2, 3, 4], n: 11 })).toEqual(['name：最多 5 个字符', 'list：最多 3 项', 'n：不能大于 10']);
    expect(zh(z.object({ name: z.string().min(3) }), { name: 'ab' })).toEqual(['name：至少 3 个字符']);
  });

  it('names a wrong format, the values an enum allows and the keys nobody asked for', () => {
    expect(zh(z.object({ phone: z.string().regex(/^\d+$/) }), { phone: 'x' })).toEqual(['phone：格式不对']);
    expect(zh(z.object({ role: z.enum(['admin', 'planner']) }), { role: 'king' })).toEqual(['role：应为以下之一：“admin”、“planner”']);
    expect(zh(z.strictObject({}), { twon: 'T01' })).toEqual(['不认识的字段：“twon”（请删去或检查拼写）']);
  });

  it('puts a custom message inside the Chinese sentence, or renders a catalogue code the schema gives', () => {
    const plain = z.string().refine(() => false, { message: 'four numbers: west,south,east,north' });
    expect(refusal(z.object({ bbox: plain }), { bbox: '1' })[0]).toMatchObject({
      path: 'bbox',
      code: 'custom',
      message: 'bbox：不符合要求（four numbers: west,south,east,north）',
      messageEn: 'bbox: four numbers: west,south,east,north',
    });
    const coded = z.string().refine(() => false, { params: { code: 'unknown_towns', towns: ['T9'] } });
    expect(refusal(z.object({ towns: coded }), { towns: 'T9' })[0]).toMatchObject({ message: 'towns：没有这些镇（街道）：T9', messageEn: 'towns: unknown town(s): T9' });
  });

  it('answers 400 invalid_input with the Chinese sentence, the English one as zod put it, and every issue', () => {
    const result = z.object({ username: z.string(), role: z.enum(['admin']) }).safeParse({ username: 1, role: 'x' });
    const body = invalidInput(result.error!).answer();
    expect(body).toMatchObject({
      code: 'invalid_input',
      error: '输入有误：username：应为文本；role：应为以下之一：“admin”',
      errorEn: expect.stringMatching(/^username: .*string.*; role: /),
      issues: [
        { path: 'username', code: 'invalid_type', message: 'username：应为文本' },
        { path: 'role', code: 'invalid_value', message: 'role：应为以下之一：“admin”' },
      ],
    });
  });
});
