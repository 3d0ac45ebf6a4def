// An import step sent through XMLHttpRequest (a layer's file, for its upload progress) is read
// exactly as requestVersioned reads a fetch: the new state, the state as it is now on 409, the
// problems on 422, the server's reason otherwise, and a proxy's page that is not JSON.
import { describe, expect, it } from 'vitest';
import { outcomeOf } from '../../client/features/import/api';

const state = { id: 'I0123456789ab', status: 'draft', version: 3, layers: {} };

describe('reading a step’s answer', () => {
  it('is saved with the new state on 2xx', () => {
    expect(outcomeOf(200, 'OK', JSON.stringify(state))).toEqual({ kind: 'saved', result: state });
  });

  it('is a conflict with the import as it is now on 409', () => {
    const answer = outcomeOf(409, 'Conflict', JSON.stringify({ code: 'stale_version', error: '已被他人修改', errorEn: 'stale', current: state }));
    expect(answer.kind).toBe('conflict');
    expect(answer.kind === 'conflict' && answer.current).toEqual(state);
    expect(answer.kind === 'conflict' && answer.error.body.code).toBe('stale_version');
  });

  it('is refused with its problems on 422, an empty list when it names none', () => {
    const problems = [{ code: 'import_crs_needed', severity: 'error', message: '请选择', messageEn: 'choose' }];
    const answer = outcomeOf(422, 'Unprocessable', JSON.stringify({ code: 'refused', problems }));
    expect(answer.kind === 'refused' && answer.problems).toEqual(problems);
    const bare = outcomeOf(422, 'Unprocessable', JSON.stringify({ code: 'import_crs_needed', needsCrs: true }));
    expect(bare.kind === 'refused' && bare.problems).toEqual([]);
  });

  it('fails with the server’s code, or with the status when the body is not JSON', () => {
    const tooLarge = outcomeOf(413, 'Payload Too Large', JSON.stringify({ code: 'import_too_large', params: { limitMb: 256 }, error: '文件太大', errorEn: 'too large' }));
    expect(tooLarge.kind === 'failed' && [tooLarge.error.status, tooLarge.error.body.code]).toEqual([413, 'import_too_large']);
    const proxy = outcomeOf(502, 'Bad Gateway', '<html>bad gateway</html>');
    expect(proxy.kind === 'failed' && proxy.error.message).toBe('502 Bad Gateway');
  });
});
