// The admin page's accounts: the list, the towns a planner can be given, and the outcome of
// the last change (a 409 keeps the account's current state so the form can reload it).
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import * as accounts from '../../shared/api/accounts';
import { ApiError } from '../../shared/api/client';
import type { TownChoice, UserAccount } from '../../shared/api/types';
import { useSessionStore } from '../../shared/stores/session';

export type UsersProblem =
  | { kind: 'stale'; currentVersion: number; current: UserAccount }
  | { kind: 'last_admin' }
  /** Rendered with describeError in the reader's language. */
  | { kind: 'error'; error: unknown };

export const useUsersStore = defineStore('users', () => {
  const users = shallowRef<UserAccount[]>([]);
  const towns = shallowRef<TownChoice[]>([]);
  const loading = ref(false);
  const loadError = shallowRef<unknown>(null);
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

  function failed(err: unknown): unknown {
    if (err instanceof ApiError && err.status === 401) useSessionStore().expired();
    return err;
  }

  function toProblem(err: unknown): UsersProblem {
    const body = err instanceof ApiError ? err.body : {};
    if (body.code === 'stale_version' && body.current) {
      const current = body.current as UserAccount;
      return { kind: 'stale', currentVersion: current.version, current };
    }
    if (body.code === 'last_admin') return { kind: 'last_admin' };
    return { kind: 'error', error: failed(err) };
  }

  return { users, towns, loading, loadError, problem, load, create, update, resetPassword, clearProblem };
});
