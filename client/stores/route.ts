// Which page is shown: three views, so a few lines over the History API instead of a router.
import { defineStore } from 'pinia';
import { ref } from 'vue';

export type View = 'grid' | 'admin' | 'login';
const PATHS: Record<View, string> = { grid: '/', admin: '/admin', login: '/login' };

const viewOf = (pathname: string): View => (pathname === '/admin' ? 'admin' : pathname === '/login' ? 'login' : 'grid');

export const useRouteStore = defineStore('route', () => {
  const view = ref<View>(viewOf(window.location.pathname));
  window.addEventListener('popstate', () => (view.value = viewOf(window.location.pathname)));

  function go(next: View) {
    if (window.location.pathname !== PATHS[next]) window.history.pushState(null, '', PATHS[next]);
    view.value = next;
  }

  return { view, go };
});
