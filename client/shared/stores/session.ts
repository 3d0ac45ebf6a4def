// Who is signed in. The session itself is an HttpOnly cookie; this store only knows the user
// the server reports, and why the last login failed.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { fetchMe, login as apiLogin, logout as apiLogout } from '../api/accounts';
import { ApiError, describeError } from '../api/client';
import type { SessionUser } from '../api/types';
import { useLocaleStore } from './locale';

export type LoginFailure = { kind: 'wrong' } | { kind: 'locked'; until: number } | { kind: 'invalid' | 'other'; message: string };

export const useSessionStore = defineStore('session', () => {
  const user = ref<SessionUser | null>(null);
  /** False until the first /api/auth/me has answered. */
  const checked = ref(false);
  const busy = ref(false);
  const failure = ref<LoginFailure | null>(null);
  const isAdmin = computed(() => user.value?.role === 'admin');

  async function load() {
    try {
      user.value = await fetchMe();
    } catch {
      user.value = null; // 401: nobody signed in (or the server is away; the map still works)
    } finally {
      checked.value = true;
    }
  }

  async function login(username: string, password: string): Promise<boolean> {
    busy.value = true;
    failure.value = null;
    try {
      user.value = await apiLogin(username, password);
      return true;
    } catch (err) {
      failure.value = describe(err);
      return false;
    } finally {
      busy.value = false;
    }
  }

  async function logout() {
    try {
      await apiLogout();
    } finally {
      user.value = null;
    }
  }

  /** An admin request answered 401: the session ended (expired, or the account was disabled). */
  function expired() {
    user.value = null;
  }

  return { user, checked, busy, failure, isAdmin, load, login, logout, expired };
});

function describe(err: unknown): LoginFailure {
  if (err instanceof ApiError) {
    if (err.status === 401) return { kind: 'wrong' };
    if (err.status === 429) return { kind: 'locked', until: Date.now() + (err.retryAfter ?? 60) * 1000 };
    if (err.status === 400) return { kind: 'invalid', message: describeError(err, useLocaleStore().locale) };
  }
  return { kind: 'other', message: describeError(err, useLocaleStore().locale) };
}
