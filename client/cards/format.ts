// How a card says a distance: rounded to what a walker can use.
export function formatDistance(metres: number, words: { metres: string; kilometres: string }): string {
  if (metres < 1000) return words.metres.replace('{n}', String(Math.max(10, Math.round(metres / 10) * 10)));
  return words.kilometres.replace('{n}', (Math.round(metres / 100) / 10).toString());
}
