// The one shape the public resident page may see: the fields printed on a service card and
// nothing else. Built field by field (never a spread row), so a column added to a table can't
// leak here; the area id is the only id (the QR code names it).
import type { CardRow } from '../cards/query';

export interface PublicCard {
  area: { id: string; name: string; nameEn: string };
  community: { name: string; nameEn: string };
  town: { name: string; nameEn: string };
  /** The lead's work phone in full: it is printed on the card every household gets. */
  lead: { name: string; phone: string };
  centre: { name: string; hours: string; distanceM: number } | null;
}

/** `distanceM` overrides the card's (from the area) when the resident's own building is known. */
export function publicCard(row: CardRow, distanceM?: number): PublicCard {
  const { area, community, town, lead, centre } = row;
  return {
    area: { id: area.id, name: area.name, nameEn: area.nameEn },
    community: { name: community.name, nameEn: community.nameEn },
    town: { name: town.name, nameEn: town.nameEn },
    lead: { name: lead.name, phone: lead.phone },
    centre: centre && { name: centre.name, hours: centre.hours, distanceM: Math.round(distanceM ?? centre.distanceM) },
  };
}
