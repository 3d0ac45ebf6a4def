// Which page is shown: a handful of views, so a few lines over the History API instead of a router.
import { defineStore } from 'pinia';
import { ref } from 'vue';

export type View = 'grid' | 'admin' | 'login' | 'batch';
const PATHS: Record<View, string> = { grid: '/', admin: '/admin', login: '/login', batch: '/batch' };

const viewOf = (pathname: string): View =>
  (Object.keys(PATHS) as View[]).find((v) => v !== 'grid' && PATHS[v] === pathname) ?? 'grid';

export const useRouteStore = defineStore('route', () => {
  const view = ref<View>(viewOf(window.location.pathname));
  window.addEventListener('popstate', () => (view.value = viewOf(window.location.pathname)));

  function go(next: View) {
    if (window.location.pathname !== PATHS[next]) window.history.pushState(null, '', PATHS[next]);
    view.value = next;
  }

  return { view, go };
});
