// The admin page's accounts: the list, the towns a planner can be given, and the outcome of
// the last change (a 409 keeps the account's current state so the form can reload it).
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import * as accounts from '../api/accounts';
import { ApiError } from '../api/client';
import type { TownChoice, UserAccount } from '../api/types';
import { useSessionStore } from './session';

export type UsersProblem =
  | { kind: 'stale'; currentVersion: number; current: UserAccount }
  | { kind: 'last_admin' }
  | { kind: 'error'; message: string };

export const useUsersStore = defineStore('users', () => {
  const users = shallowRef<UserAccount[]>([]);
  const towns = shallowRef<TownChoice[]>([]);
  const loading = ref(false);
  const loadError = ref<string | null>(null);
  const problem = ref<UsersProblem | null>(null);

  async function load() {
    loading.value = true;
    loadError.value = null;
    try {
      const answer = await accounts.fetchUsers();
      users.value = answer.users;
      towns.value = answer.towns;
    } catch (err) {
      loadError.value = failed(err);
    } finally {
      loading.value = false;
    }
  }

  /** Runs one change; on success the list is reloaded and the saved account returned. */
  async function change(run: () => Promise<UserAccount>): Promise<UserAccount | null> {
    problem.value = null;
    try {
      const saved = await run();
      await load();
      return saved;
    } catch (err) {
      problem.value = toProblem(err);
      return null;
    }
  }

  const create = (account: accounts.NewAccount) => change(() => accounts.createUser(account));
  const update = (id: string, delta: accounts.AccountChange) => change(() => accounts.updateUser(id, delta));
  const resetPassword = (id: string, version: number, password: string) => change(() => accounts.resetPassword(id, version, password));
  const clearProblem = () => (problem.value = null);

  function failed(err: unknown): string {
    if (err instanceof ApiError && err.status === 401) useSessionStore().expired();
    return err instanceof Error ? err.message : String(err);
  }

  function toProblem(err: unknown): UsersProblem {
    const details = err instanceof ApiError ? err.details : undefined;
    if (details?.reason === 'stale') {
      return { kind: 'stale', currentVersion: Number(details.currentVersion), current: details.current as UserAccount };
    }
    if (details?.reason === 'last_admin') return { kind: 'last_admin' };
    return { kind: 'error', message: failed(err) };
  }

  return { users, towns, loading, loadError, problem, load, create, update, resetPassword, clearProblem };
});
