// The candidates by their gain, best first, for the siting's lazy greedy and its swaps. A gain is
// recomputed only when it reaches the top after the chosen set changed ("version"): adding a site
// only lowers others' gains, so an old gain is an upper bound and most are never looked at again.
// Where a change can raise gains (a site dropped), the caller refreshes the few candidates it
// touches with `refresh`; entries left behind by a refresh are told apart by their key.
import { MinHeap } from '../heap';

export class GainQueue {
  private readonly heap = new MinHeap();
  private readonly known: Float64Array;
  private readonly at: Int32Array;
  version = 0;

  constructor(
    count: number,
    private readonly gainOf: (j: number) => number,
    private readonly isOut: (j: number) => boolean,
    /** A cheap upper bound of each first gain (the gain itself when not given). */
    bound?: (j: number) => number,
  ) {
    this.known = new Float64Array(count);
    this.at = new Int32Array(count);
    for (let j = 0; j < count; j++) {
      if (!bound) this.refresh(j);
      else {
        this.known[j] = bound(j);
        this.at[j] = -1; // a bound, never taken for the gain itself
        this.heap.push(-this.known[j]!, j);
      }
    }
  }

  /** Call after the chosen set changed: every gain known so far becomes an upper bound. */
  changed(): void {
    this.version++;
  }

  refresh(j: number): void {
    this.known[j] = this.gainOf(j);
    this.at[j] = this.version;
    this.heap.push(-this.known[j]!, j);
  }

  gain(j: number): number {
    return this.known[j]!;
  }

  /** The candidate with the most gain now, leaving aside those `skip` names; −1 when none is left. */
  best(skip?: (j: number) => boolean): number {
    const { heap } = this;
    const aside: number[] = [];
    let found = -1;
    while (heap.size) {
      const key = heap.peekKey();
      const j = heap.pop();
      if (this.isOut(j) || -key !== this.known[j]) continue;
      aside.push(j);
      // Left aside before any refresh: the caller's change may make their gains wrong for now.
      if (skip?.(j)) continue;
      if (this.at[j] !== this.version) {
        aside.pop();
        this.refresh(j);
        continue;
      }
      found = j;
      break;
    }
    for (const j of aside) heap.push(-this.known[j]!, j);
    return found;
  }
}
