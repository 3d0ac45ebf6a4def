// The visit diary's state: the lead's buildings (least recently visited first), the recent
// visits, and recording a visit or turning its follow-up into a request (versioned).
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { describeError, describeProblem, loadProblem, type LoadProblem } from '../../shared/api/client';
import { useLocaleStore } from '../../shared/stores/locale';
import type { RequestCategory } from '../../../server/domain/request-categories';
import { fetchDiaryBuildings, fetchVisits, recordVisit, visitToRequest, type DiaryBuilding, type NewVisit, type Visit } from './api';

export const useDiaryStore = defineStore('diary', () => {
  const buildings = ref<DiaryBuilding[]>([]);
  const visits = ref<Visit[]>([]);
  const problem = ref<LoadProblem | null>(null);
  const message = ref<{ ok: boolean; text: string } | null>(null);
  const busy = ref(false);
  const locale = () => useLocaleStore().locale;

  async function load() {
    problem.value = null;
    try {
      [buildings.value, visits.value] = await Promise.all([fetchDiaryBuildings(), fetchVisits()]);
    } catch (err) {
      problem.value = loadProblem(err, locale());
    }
  }

  const failed = (outcome: { kind: string; problems?: Parameters<typeof describeProblem>[0][]; error?: unknown }) =>
    outcome.kind === 'refused' ? (outcome.problems ?? []).map((p) => describeProblem(p, locale())).join('；') : describeError(outcome.error, locale());

  /** Records a visit; true when saved. */
  async function record(v: NewVisit, saved: string): Promise<boolean> {
    busy.value = true;
    const outcome = await recordVisit(v);
    busy.value = false;
    if (outcome.kind !== 'saved') {
      message.value = { ok: false, text: failed(outcome) };
      return false;
    }
    message.value = { ok: true, text: saved };
    await load();
    return true;
  }

  async function convert(visit: Visit, category: RequestCategory, text: string, said: (id: string) => string): Promise<void> {
    busy.value = true;
    const outcome = await visitToRequest(visit.id, { version: visit.version, category, text });
    busy.value = false;
    message.value = outcome.kind === 'saved' ? { ok: true, text: said(outcome.result.id) } : { ok: false, text: failed(outcome) };
    await load();
  }

  return { buildings, visits, problem, message, busy, load, record, convert };
});
