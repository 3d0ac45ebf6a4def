// A new community belongs to one town: a group whose villages lie in several is flagged.

/** The towns a group's villages lie in when there is more than one, sorted; else none. */
export function townsCrossed(townOfVillage: Readonly<Record<string, string>>): string[] {
  const towns = [...new Set(Object.values(townOfVillage))].sort();
  return towns.length > 1 ? towns : [];
}
