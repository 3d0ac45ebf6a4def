// What a service card says it covers: each estate of the area with its building numbers folded
// into runs (港洲新城 1-12幢、15幢), and a village group the area holds whole by its name alone
// (殷巷村四组), so a resident sees at a glance whether the card is theirs.

export interface CoveredBuilding {
  estate: string;
  /** An estate of apartment blocks (幢) rather than a village group's houses (号). */
  concentrated: boolean;
  /** How many buildings the estate has in all, in every area. */
  estateSize: number;
  number: number | null;
}

export interface Covered {
  estate: string;
  /** The numbers in runs with their word ("1-12幢、15幢"); empty when the card covers the estate whole. */
  buildings: string;
}

/** 1,2,3,5 → "1-3、5" with the word after each run. */
export function numberRuns(numbers: number[], word: string): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(i === j ? `${sorted[i]}${word}` : `${sorted[i]}-${sorted[j]}${word}`);
    i = j + 1;
  }
  return runs.join('、');
}

/** The estates in the order their first building comes; an estate of blocks always lists its numbers. */
export function coveredEstates(buildings: CoveredBuilding[]): Covered[] {
  const byEstate = new Map<string, CoveredBuilding[]>();
  for (const b of buildings) byEstate.set(b.estate, [...(byEstate.get(b.estate) ?? []), b]);
  return [...byEstate].map(([estate, list]) => {
    const first = list[0]!;
    const numbers = list.flatMap((b) => (b.number === null ? [] : [b.number]));
    const whole = !first.concentrated && list.length >= first.estateSize;
    const unnumbered = numbers.length < list.length;
    return { estate, buildings: whole || unnumbered ? '' : numberRuns(numbers, first.concentrated ? '幢' : '号') };
  });
}
