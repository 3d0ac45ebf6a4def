// The four-level grid as data: which layer holds a level's children and how to filter it.
// Pure, so the store and the tests share one definition of the hierarchy.
import type { LayerFilter } from '../api/client';
import type { LayerName, Level, PathItem, UnitLevel } from '../api/types';

export const CHILD_LEVEL: Record<Level, UnitLevel | null> = {
  city: 'town',
  town: 'community',
  community: 'area',
  area: 'group',
  group: 'building',
  building: null,
};

export const LAYER_OF_LEVEL: Record<UnitLevel, LayerName> = {
  town: 'towns',
  community: 'communities',
  area: 'areas',
  group: 'groups',
  building: 'buildings',
};

export interface ChildQuery {
  layer: LayerName;
  filter: LayerFilter;
  /** Buildings come per area from the API; a group keeps only its own. */
  groupId?: string;
}

function idAt(path: PathItem[], level: UnitLevel): string | undefined {
  return path.find((p) => p.level === level)?.id;
}

/**
 * What to fetch to list the units one level below `level`. A building has no children, so it
 * shows its siblings (the buildings of its group) instead, with itself highlighted.
 */
export function childQuery(level: Level, path: PathItem[]): ChildQuery | null {
  switch (level) {
    case 'city':
      return { layer: 'towns', filter: {} };
    case 'town':
      return { layer: 'communities', filter: { town: idAt(path, 'town') } };
    case 'community':
      return { layer: 'areas', filter: { community: idAt(path, 'community') } };
    case 'area':
      return { layer: 'groups', filter: { area: idAt(path, 'area') } };
    case 'group':
    case 'building': {
      const area = idAt(path, 'area');
      return area ? { layer: 'buildings', filter: { area }, groupId: idAt(path, 'group') } : null;
    }
  }
}

/** The level whose units `childQuery(level)` returns. */
export function listedLevel(level: Level): UnitLevel | null {
  return level === 'building' ? 'building' : CHILD_LEVEL[level];
}
