// Token buckets in PostgreSQL, for processes behind a balancer: one statement per take, so two
// processes taking from one bucket at once are serialised by its row lock and neither hands out
// a token the other took. The rule is TokenBuckets' (burst up to the limit, refill at its rate).
import type { Knex } from 'knex';

/** Untouched this long, a bucket is full again and its row says nothing: pruned now and then. */
const PRUNE_EVERY_TAKES = 1000;

export class SharedBuckets {
  private takes = 0;
  private readonly perSecond: number;

  constructor(
    private readonly knex: Knex,
    /** Which limit: buckets of different limits never share a row. */
    private readonly name: string,
    readonly perMinute: number,
    private readonly windowMs = 60_000,
  ) {
    this.perSecond = (perMinute / windowMs) * 1000;
  }

  /** Takes a token for `key`: 0 when granted, otherwise the whole seconds until one is free. */
  async take(key: string): Promise<number> {
    if (++this.takes % PRUNE_EVERY_TAKES === 0) void this.prune().catch(() => {});
    // `granted` is written with the tokens, so RETURNING can tell a take from a refusal; a new
    // bucket starts full and grants.
    const refilled = `least(:cap, r.tokens + extract(epoch FROM clock_timestamp() - r.at) * :rate)`;
    const { rows } = await this.knex.raw(
      `INSERT INTO rate_buckets AS r (name, key, tokens, at, granted)
       VALUES (:name, :key, :cap - 1, clock_timestamp(), true)
       ON CONFLICT (name, key) DO UPDATE SET
         granted = ${refilled} >= 1,
         tokens = ${refilled} - CASE WHEN ${refilled} >= 1 THEN 1 ELSE 0 END,
         at = clock_timestamp()
       RETURNING granted, tokens`,
      // PostgreSQL's text holds no NUL (a username may carry one until the input gate refuses it).
      { name: this.name, key: key.replaceAll('\0', '\\0'), cap: this.perMinute, rate: this.perSecond },
    );
    const { granted, tokens } = rows[0] as { granted: boolean; tokens: number };
    return granted ? 0 : Math.max(1, Math.ceil((1 - Number(tokens)) / this.perSecond));
  }

  private async prune(): Promise<void> {
    await this.knex('rate_buckets').where('name', this.name).where('at', '<', this.knex.raw(`now() - make_interval(secs => ?)`, [this.windowMs / 1000])).delete();
  }
}
