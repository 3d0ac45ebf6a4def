// The admin page's audit log: filters and pages. Pages go by the server's cursor; the cursors
// of the pages already seen make "newer" a step back.
import { defineStore } from 'pinia';
import { reactive, ref, shallowRef } from 'vue';
import { fetchAudit, type AuditFilter } from '../../shared/api/accounts';
import { ApiError, describeError } from '../../shared/api/client';
import type { AuditEntry } from '../../shared/api/types';
import { useSessionStore } from '../../shared/stores/session';
import { useLocaleStore } from '../../shared/stores/locale';

export const PAGE_SIZE = 25;

export const useAuditStore = defineStore('audit', () => {
  const filter = reactive<AuditFilter>({});
  const entries = shallowRef<AuditEntry[]>([]);
  const nextCursor = ref<string | null>(null);
  /** Cursor of each page before the current one (undefined = the newest page). */
  const previous = ref<Array<string | undefined>>([]);
  const current = ref<string | undefined>(undefined);
  const loading = ref(false);
  const error = ref<string | null>(null);

  async function fetchPage(cursor: string | undefined) {
    loading.value = true;
    error.value = null;
    try {
      const page = await fetchAudit({ ...filter }, PAGE_SIZE, cursor);
      entries.value = page.entries;
      nextCursor.value = page.nextCursor;
      current.value = cursor;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) useSessionStore().expired();
      error.value = describeError(err, useLocaleStore().locale);
    } finally {
      loading.value = false;
    }
  }

  /** From the newest entry, with the filter as it is now. */
  function search() {
    previous.value = [];
    return fetchPage(undefined);
  }

  function older() {
    if (!nextCursor.value) return;
    previous.value = [...previous.value, current.value];
    return fetchPage(nextCursor.value);
  }

  function newer() {
    if (!previous.value.length) return;
    const back = previous.value[previous.value.length - 1];
    previous.value = previous.value.slice(0, -1);
    return fetchPage(back);
  }

  function clear() {
    for (const key of Object.keys(filter) as Array<keyof AuditFilter>) delete filter[key];
    return search();
  }

  return { filter, entries, nextCursor, previous, loading, error, search, older, newer, clear };
});
