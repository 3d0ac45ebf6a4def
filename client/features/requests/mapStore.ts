// The request map's state: the scope (the city or a town), how requests are drawn (dots by
// category or status, or hexagons), which categories are shown, the points, and the figures per
// town, community or area of the scope with the late list. Changing the scope reloads both.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { REQUEST_CATEGORIES, type RequestCategory } from '../../../server/domain/request-categories';
import { loadProblem, type LoadProblem } from '../../shared/api/client';
import type { BBox } from '../../shared/api/types';
import { useLocaleStore } from '../../shared/stores/locale';
import { fetchFigures, fetchPoints, type FiguresAnswer, type FiguresFilter, type RequestPoints } from './api';
import { shownPoints, type ColorBy, type MapMode } from './layers';

export const useRequestMapStore = defineStore('request-map', () => {
  const town = ref<string | null>(null);
  const level = ref<FiguresFilter['level']>('town');
  const mode = ref<MapMode>('points');
  const colorBy = ref<ColorBy>('category');
  const shown = ref<RequestCategory[]>([...REQUEST_CATEGORIES]);
  const points = ref<RequestPoints | null>(null);
  const figures = ref<FiguresAnswer | null>(null);
  /** The towns to choose a scope from, kept from the city's figures. */
  const towns = ref<Array<{ id: string; name: string; nameEn: string }>>([]);
  const loading = ref(false);
  const problem = ref<LoadProblem | null>(null);

  const count = computed(() => shownPoints({ answer: points.value, shown: shown.value }).length);
  /** The scope's points framed on the map; the whole city when no town is chosen. */
  const frame = computed<BBox | null>(() => {
    const ps = points.value?.points ?? [];
    if (!town.value || !ps.length) return null;
    const lngs = ps.map((p) => p[0]);
    const lats = ps.map((p) => p[1]);
    return [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)];
  });

  async function load() {
    loading.value = true;
    problem.value = null;
    try {
      const filter: FiguresFilter = { level: level.value, ...(town.value ? { town: town.value } : {}) };
      const [p, f] = await Promise.all([fetchPoints(town.value ?? undefined), fetchFigures(filter)]);
      points.value = p;
      figures.value = f;
      if (f.level === 'town' && !town.value) towns.value = f.rows.map((r) => ({ id: r.id, name: r.name, nameEn: r.nameEn }));
    } catch (err) {
      problem.value = loadProblem(err, useLocaleStore().locale);
    } finally {
      loading.value = false;
    }
  }

  /** A town narrows the figures to its communities; the city shows its towns. */
  function setTown(id: string | null) {
    town.value = id;
    level.value = id ? 'community' : 'town';
    void load();
  }

  function setLevel(next: FiguresFilter['level']) {
    level.value = next;
    void load();
  }

  function toggle(category: RequestCategory) {
    shown.value = shown.value.includes(category) ? shown.value.filter((c) => c !== category) : [...shown.value, category];
  }

  return { town, level, mode, colorBy, shown, points, figures, towns, loading, problem, count, frame, load, setTown, setLevel, toggle };
});
