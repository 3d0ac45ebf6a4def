// Where the user is in the four-level grid: the drill-down path, the selected unit and the
// units listed one level below it. Every fetch is tagged so a slow, superseded answer is dropped.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { describeError, fetchLayer, fetchUnit, revealLeadPhone } from '../api/client';
import type { Level, PathItem, UnitCollection, UnitDetail, UnitFeature, UnitLevel } from '../api/types';
import { childQuery, listedLevel } from '../map/levels';
import { useLocaleStore } from './locale';

export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

export const useSelectionStore = defineStore('selection', () => {
  const level = ref<Level>('city');
  const unit = shallowRef<UnitDetail | null>(null);
  const units = shallowRef<UnitCollection | null>(null);
  /** The area's buildings, drawn under its groups. */
  const areaBuildings = shallowRef<UnitCollection | null>(null);
  /** Shapes of units seen in a list, by "level/id", to frame the unit the user went into. */
  const shapes = shallowRef(new Map<string, UnitFeature>());
  const towns = shallowRef<UnitCollection | null>(null);
  const unitState = ref<LoadState>('idle');
  const unitsState = ref<LoadState>('idle');
  const errorMessage = ref<string | null>(null);
  const revealError = ref<string | null>(null);
  let generation = 0;
  let lastTarget: { level: Level; id?: string } = { level: 'city' };

  const path = computed<PathItem[]>(() => unit.value?.path ?? []);
  const listed = computed<UnitLevel | null>(() => listedLevel(level.value));
  const selectedId = computed(() => (level.value === 'building' ? (unit.value?.id ?? null) : null));
  /** The frame: the unit itself, or for a building its group. */
  const outline = computed<UnitFeature | null>(() => {
    const u = unit.value;
    if (!u || u.level === 'city') return null;
    const framed = u.level === 'building' ? path.value.find((p) => p.level === 'group') : u;
    return framed ? (shapes.value.get(`${framed.level}/${framed.id}`) ?? null) : null;
  });

  function remember(levelOf: UnitLevel, collection: UnitCollection | null) {
    if (!collection) return;
    const next = new Map(shapes.value);
    for (const f of collection.features) next.set(`${levelOf}/${f.properties.id}`, f);
    shapes.value = next;
  }

  async function select(target: Level, id?: string) {
    const mine = ++generation;
    lastTarget = { level: target, id };
    errorMessage.value = null;
    revealError.value = null;
    unitState.value = 'loading';
    unitsState.value = 'loading';
    try {
      const detail = await fetchUnit(target === 'city' ? 'city' : target, id);
      if (mine !== generation) return;
      const previousArea = unit.value?.path.find((p) => p.level === 'area')?.id;
      unit.value = detail;
      level.value = target;
      unitState.value = 'ready';

      const query = childQuery(target, detail.path);
      const areaId = detail.path.find((p) => p.level === 'area')?.id;
      const needBuildings = target === 'area';
      const [list, buildings] = await Promise.all([
        query ? fetchLayer(query.layer, query.filter) : Promise.resolve(null),
        needBuildings && areaId
          ? areaId === previousArea && areaBuildings.value
            ? Promise.resolve(areaBuildings.value)
            : fetchLayer('buildings', { area: areaId })
          : Promise.resolve(null),
      ]);
      if (mine !== generation) return;
      const kept =
        list && query?.groupId
          ? { ...list, features: list.features.filter((f) => f.properties.groupId === query.groupId) }
          : list;
      const listedAs = listedLevel(target);
      if (listedAs) remember(listedAs, kept);
      if (target === 'city') towns.value = kept;
      units.value = kept;
      areaBuildings.value = buildings;
      unitsState.value = 'ready';
    } catch (err) {
      if (mine !== generation) return;
      errorMessage.value = describeError(err, useLocaleStore().locale);
      unitState.value = unit.value ? 'ready' : 'error';
      unitsState.value = 'error';
    }
  }

  /** Breadcrumb: index -1 is the whole city, otherwise an entry of the current path. */
  function goTo(index: number) {
    if (index < 0) return select('city');
    const item = path.value[index];
    if (item) return select(item.level, item.id);
  }

  function up() {
    return goTo(path.value.length - 2);
  }

  function retry() {
    return select(lastTarget.level, lastTarget.id);
  }

  /** Replaces the lead's masked phone with the full number (the server audits it). */
  async function revealPhone() {
    const shown = unit.value;
    const areaId = shown?.path.find((p) => p.level === 'area')?.id;
    if (!shown?.lead || !areaId) return;
    revealError.value = null;
    try {
      const phone = await revealLeadPhone(areaId);
      if (unit.value !== shown) return; // the user moved on meanwhile
      unit.value = { ...shown, lead: { ...shown.lead, phone, phoneRevealable: false } };
    } catch (err) {
      revealError.value = describeError(err, useLocaleStore().locale);
    }
  }

  return {
    level, unit, units, areaBuildings, towns, unitState, unitsState, errorMessage, revealError,
    path, listed, selectedId, outline, select, goTo, up, retry, revealPhone,
  };
});
