// The import / export page of one community: its current plan, the chosen file and coordinate
// system, the server's preview, and saving the preview as the community's areas.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { fetchPlan, ImportRefused, previewImport, replacePlan, type ImportFormat, type Plan, type PlanProblem, type Preview } from '../api/areasIo';

/** Which system the user says the file is in; '' = not chosen yet, 'file' = what the file says. */
export type CrsChoice = '' | 'file' | 'wgs84' | 'cgcs2000' | 'gcj02' | 'bd09' | 'epsg';

const FORMATS: Record<string, ImportFormat> = { geojson: 'geojson', json: 'geojson', zip: 'shapefile', kml: 'kml' };
export const formatOf = (fileName: string): ImportFormat | undefined => FORMATS[fileName.split('.').pop()?.toLowerCase() ?? ''];

/**
 * GeoJSON is WGS84 by its RFC, but Chinese web-map exports are often GCJ-02 in disguise: the
 * user chooses every time. A shapefile's .prj and KML's specification say it themselves.
 */
const firstChoice = (format: ImportFormat): CrsChoice => (format === 'geojson' ? '' : 'file');

export type Problem = { kind: 'wrongType' } | { kind: 'refused'; message: string; feature?: number } | { kind: 'failed'; message: string };

export const useAreasIoStore = defineStore('areasIo', () => {
  const communityId = ref('');
  const plan = shallowRef<Plan | null>(null);
  const planError = ref<{ status: number; message: string } | null>(null);
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
  const saveMessage = ref<{ kind: 'saved' | 'stale' | 'refused' | 'failed'; text: string } | null>(null);

  async function load(id: string) {
    communityId.value = id;
    planError.value = null;
    try {
      plan.value = await fetchPlan(id);
    } catch (err) {
      plan.value = null;
      planError.value = { status: (err as { status?: number }).status ?? 0, message: (err as Error).message };
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
        problem.value = { kind: 'refused', message: err.message, feature: err.feature };
      } else {
        problem.value = { kind: 'failed', message: (err as Error).message };
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
      const { status, body } = await replacePlan(communityId.value, {
        areas: preview.value.features.map((f) => ({ name: f.name, ...(f.nameEn ? { nameEn: f.nameEn } : {}), geometry: f.geometry })),
        removed: plan.value.areas.map((a) => ({ id: a.id, version: a.version })),
        crs: 'WGS84',
      });
      if (status === 200 && body.saved) {
        saveMessage.value = { kind: 'saved', text: String(preview.value.features.length) };
        preview.value = null;
        file.value = null;
        await load(communityId.value);
      } else if (status === 409) {
        // Someone saved meanwhile: show their areas; the preview stays for another try.
        saveMessage.value = { kind: 'stale', text: body.error ?? '' };
        await load(communityId.value);
      } else if (status === 422 && body.problems) {
        saveProblems.value = body.problems;
        saveMessage.value = { kind: 'refused', text: body.error ?? '' };
      } else {
        saveMessage.value = { kind: 'failed', text: body.error ?? String(status) };
      }
    } catch (err) {
      saveMessage.value = { kind: 'failed', text: (err as Error).message };
    } finally {
      saving.value = false;
    }
  }

  return {
    communityId, plan, planError, file, format, crs, epsg, needsCrs, previewing, preview, problem, saving, saveProblems, saveMessage, ready,
    load, choose, runPreview, save,
  };
});
