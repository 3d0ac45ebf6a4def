// Which failures mean "the database cannot be reached right now" (503, the pool reconnects) and
// which are faults in the request or the code (500), as pg and knex report them.
import { describe, expect, it } from 'vitest';
import { isConnectionError } from '../../server/http/errors';

const withCode = (code: string, message = '') => Object.assign(new Error(message), { code });

describe('isConnectionError', () => {
  it('counts a terminated backend, a refused or reset socket and a closed database as unreachable', () => {
    for (const err of [
      withCode('57P01', 'terminating connection due to administrator command'),
      withCode('ECONNREFUSED'),
      withCode('ECONNRESET'),
      withCode('08006', 'connection failure'),
      withCode('55000', 'database "x" is not currently accepting connections'),
      withCode('3D000', 'database "x" does not exist'),
    ])
      expect(isConnectionError(err), err.message || (err as { code: string }).code).toBe(true);
  });

  it('counts the pg client’s own messages for a connection that went away', () => {
    for (const message of [
      'Connection terminated unexpectedly',
      // knex puts the SQL in front: the outage test met this one under load.
      'select "t"."id" from "towns" as "t" where "t"."region" = $1 - Connection terminated unexpectedly',
      'Connection terminated due to connection timeout',
      'Client has encountered a connection error and is not queryable',
      'Client was closed and is not queryable',
      'timeout exceeded when trying to connect',
      // pg's connectionTimeoutMillis on a link that accepts the socket and then says nothing
      'timeout expired',
      'select 1 - Query read timeout',
    ])
      expect(isConnectionError(new Error(message)), message).toBe(true);
    expect(isConnectionError(Object.assign(new Error('Knex: Timeout acquiring a connection.'), { name: 'KnexTimeoutError' }))).toBe(true);
  });

  it('leaves faults in the query or the code alone', () => {
    expect(isConnectionError(withCode('42P01', 'relation "x" does not exist'))).toBe(false);
    expect(isConnectionError(withCode('55000', 'object not in prerequisite state'))).toBe(false);
    expect(isConnectionError(withCode('23505', 'duplicate key value'))).toBe(false);
    expect(isConnectionError(new TypeError('Cannot read properties of undefined'))).toBe(false);
    expect(isConnectionError(undefined)).toBe(false);
  });
});
