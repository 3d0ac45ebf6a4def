// Which page is shown. Each path is one view, with no nesting and no parameters in the path, so
// a few lines over the History API do a router's work; App.vue loads each view when first shown.
// A view's own parameters (which community's cards) stay in the query string.
import { defineStore } from 'pinia';
import { ref } from 'vue';

export type View =
  | 'grid' | 'admin' | 'login' | 'batch' | 'cards' | 'resident' | 'history' | 'area' | 'areas-io' | 'plan' | 'coverage' | 'dashboard' | 'scenarios'
  | 'registers' | 'import' | 'requests' | 'request-map';
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
  registers: '/registers',
  import: '/import',
  requests: '/requests',
  'request-map': '/requests/map',
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
