import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { useLocaleStore } from './shared/stores/locale';
import './shared/styles/tokens.css';

const pinia = createPinia();
// Mounted once the remembered language's words are in, so an English reader never sees Chinese first.
void useLocaleStore(pinia).ready.finally(() => createApp(App).use(pinia).mount('#app'));
