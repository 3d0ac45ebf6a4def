// Which page is shown: a few views, so a few lines over the History API instead of a router.
// A view's own parameters (which community's cards) stay in the query string.
import { defineStore } from 'pinia';
import { ref } from 'vue';

export type View = 'grid' | 'admin' | 'login' | 'batch' | 'cards' | 'resident' | 'history' | 'area' | 'areas-io' | 'plan' | 'coverage' | 'dashboard' | 'scenarios';
const PATHS: Record<View, string> = {
  grid: '/',
  admin: '/admin',
  login: '/login',
  batch: '/batch',
  cards: '/cards',
  resident: '/resident',
  history: '/history',
  area: '/area',
  'areas-io': '/areas-io',
  plan: '/plan',
  coverage: '/coverage',
  dashboard: '/dashboard',
  scenarios: '/scenarios',
};

const viewOf = (pathname: string): View => (Object.entries(PATHS).find(([, path]) => path === pathname)?.[0] as View | undefined) ?? 'grid';

export const useRouteStore = defineStore('route', () => {
  const view = ref<View>(viewOf(window.location.pathname));
  window.addEventListener('popstate', () => (view.value = viewOf(window.location.pathname)));

  /** `search` is the view's query string, e.g. `?community=C001`. */
  function go(next: View, search = '') {
    const url = PATHS[next] + search;
    if (window.location.pathname + window.location.search !== url) window.history.pushState(null, '', url);
    view.value = next;
  }

  return { view, go };
});
