// Whether a group's members form one piece: members are nodes, shared borders are edges.
// The largest connected piece is the group; every member outside it is listed as not touching.

/** Members that do not touch the group's largest connected piece (ties: the piece met first in member order). */
export function detachedMembers(members: readonly string[], borders: ReadonlyArray<readonly [string, string]>): string[] {
  const inGroup = new Set(members);
  const neighbours = new Map<string, string[]>(members.map((m) => [m, []]));
  for (const [a, b] of borders) {
    if (!inGroup.has(a) || !inGroup.has(b) || a === b) continue;
    neighbours.get(a)!.push(b);
    neighbours.get(b)!.push(a);
  }
  const pieceOf = new Map<string, number>();
  const sizes: number[] = [];
  for (const start of members) {
    if (pieceOf.has(start)) continue;
    const piece = sizes.length;
    sizes.push(0);
    const stack = [start];
    pieceOf.set(start, piece);
    while (stack.length) {
      const m = stack.pop()!;
      sizes[piece]! += 1;
      for (const n of neighbours.get(m)!) {
        if (pieceOf.has(n)) continue;
        pieceOf.set(n, piece);
        stack.push(n);
      }
    }
  }
  const largest = sizes.indexOf(Math.max(...sizes));
  return members.filter((m) => pieceOf.get(m) !== largest);
}
