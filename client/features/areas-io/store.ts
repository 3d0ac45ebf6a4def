// The import / export page of one community: its current plan, the chosen file and coordinate
// system, the server's preview, and saving the preview as the community's areas.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { fetchPlan, ImportRefused, previewImport, replacePlan, type ImportFormat, type Plan, type PlanProblem, type Preview } from './api';
import { loadProblem, type LoadProblem } from '../../shared/api/client';
import { useLocaleStore } from '../../shared/stores/locale';

/** Which system the user says the file is in; '' = not chosen yet, 'file' = what the file says. */
export type CrsChoice = '' | 'file' | 'wgs84' | 'cgcs2000' | 'gcj02' | 'bd09' | 'epsg';

const FORMATS: Record<string, ImportFormat> = { geojson: 'geojson', json: 'geojson', zip: 'shapefile', kml: 'kml' };
export const formatOf = (fileName: string): ImportFormat | undefined => FORMATS[fileName.split('.').pop()?.toLowerCase() ?? ''];

/**
 * GeoJSON is WGS84 by its RFC, but Chinese web-map exports are often GCJ-02 in disguise: the
 * user chooses every time. A shapefile's .prj and KML's specification say it themselves.
 */
const firstChoice = (format: ImportFormat): CrsChoice => (format === 'geojson' ? '' : 'file');

/** `error` is rendered with describeError in the reader's language. */
export type Problem = { kind: 'wrongType' } | { kind: 'refused'; error: unknown; feature?: number } | { kind: 'failed'; error: unknown };

export const useAreasIoStore = defineStore('areasIo', () => {
  const communityId = ref('');
  const plan = shallowRef<Plan | null>(null);
  const planError = shallowRef<LoadProblem | null>(null);
  const file = shallowRef<File | null>(null);
  const format = ref<ImportFormat | null>(null);
  const crs = ref<CrsChoice>('');
  const epsg = ref('');
  const needsCrs = ref(false);
  const previewing = ref(false);
  const preview = shallowRef<Preview | null>(null);
  const problem = ref<Problem | null>(null);
  const saving = ref(false);
  const saveProblems = shallowRef<PlanProblem[]>([]);
  /** Rule warnings of the last refusal the user accepts, by key; sent with the next save. */
  const acceptedWarnings = ref<Set<string>>(new Set());
  function acceptWarning(key: string, yes: boolean) {
    const next = new Set(acceptedWarnings.value);
    if (yes) next.add(key);
    else next.delete(key);
    acceptedWarnings.value = next;
  }
  const saveMessage = shallowRef<{ kind: 'saved'; count: number } | { kind: 'stale' | 'refused' | 'failed'; error: unknown } | null>(null);

  async function load(id: string) {
    communityId.value = id;
    planError.value = null;
    try {
      plan.value = await fetchPlan(id);
    } catch (err) {
      plan.value = null;
      planError.value = loadProblem(err, useLocaleStore().locale);
    }
  }

  function clearResult() {
    preview.value = null;
    problem.value = null;
    saveProblems.value = [];
    saveMessage.value = null;
  }

  function choose(next: File | null) {
    clearResult();
    needsCrs.value = false;
    file.value = null;
    format.value = null;
    if (!next) return;
    const detected = formatOf(next.name);
    if (!detected) {
      problem.value = { kind: 'wrongType' };
      return;
    }
    file.value = next;
    format.value = detected;
    crs.value = firstChoice(detected);
  }

  const crsParam = computed(() => (crs.value === 'file' || crs.value === '' ? undefined : crs.value === 'epsg' ? epsg.value.trim() : crs.value));
  const ready = computed(() => !!file.value && crs.value !== '' && !(crs.value === 'epsg' && !epsg.value.trim()) && !previewing.value);

  async function runPreview() {
    if (!file.value || !format.value || !ready.value) return;
    clearResult();
    previewing.value = true;
    try {
      preview.value = await previewImport(communityId.value, file.value, format.value, crsParam.value);
      needsCrs.value = false;
    } catch (err) {
      if (err instanceof ImportRefused && err.needsCrs) {
        needsCrs.value = true;
        crs.value = '';
      } else if (err instanceof ImportRefused) {
        problem.value = { kind: 'refused', error: err, feature: err.feature };
      } else {
        problem.value = { kind: 'failed', error: err };
      }
    } finally {
      previewing.value = false;
    }
  }

  /** Every current area is removed (with the version it was read at) and the preview's areas drawn in. */
  async function save() {
    if (!preview.value || !plan.value) return;
    saving.value = true;
    saveProblems.value = [];
    saveMessage.value = null;
    try {
      const answer = await replacePlan(communityId.value, {
        areas: preview.value.features.map((f) => ({ name: f.name, ...(f.nameEn ? { nameEn: f.nameEn } : {}), geometry: f.geometry })),
        removed: plan.value.areas.map((a) => ({ id: a.id, version: a.version })),
        crs: 'WGS84',
        acceptWarnings: [...acceptedWarnings.value],
      });
      if (answer.kind === 'saved') {
        saveMessage.value = { kind: 'saved', count: preview.value.features.length };
        acceptedWarnings.value = new Set();
        preview.value = null;
        file.value = null;
        await load(communityId.value);
      } else if (answer.kind === 'conflict') {
        // Someone saved meanwhile: show their areas; the preview stays for another try.
        saveMessage.value = { kind: 'stale', error: answer.error };
        await load(communityId.value);
      } else if (answer.kind === 'refused') {
        // The plan's save names its problems in its own shape (server/analysis/plan-rules.ts).
        saveProblems.value = answer.problems as unknown as PlanProblem[];
        saveMessage.value = { kind: 'refused', error: answer.error };
      } else {
        saveMessage.value = { kind: 'failed', error: answer.error };
      }
    } finally {
      saving.value = false;
    }
  }

  return {
    communityId, plan, planError, file, format, crs, epsg, needsCrs, previewing, preview, problem, saving, saveProblems, acceptedWarnings, acceptWarning, saveMessage, ready,
    load, choose, runPreview, save,
  };
});
