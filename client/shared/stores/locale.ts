// Language choice: Chinese unless the user switched, remembered across visits.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watchEffect } from 'vue';
import { messagesOf, type Locale, type Messages } from '../i18n';
import { zh } from '../i18n/zh';

const STORAGE_KEY = 'gridmap.locale';

function initialLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh'; // storage can be blocked (private mode, file://); the default is fine then
  }
}

export const useLocaleStore = defineStore('locale', () => {
  const locale = ref<Locale>('zh');
  const loaded = shallowRef<Messages>(zh);
  const t = computed(() => loaded.value);

  /** The language and its words change together, once the words are there. */
  async function setLocale(next: Locale) {
    loaded.value = await messagesOf(next);
    locale.value = next;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* not persisted; still switched for this visit */
    }
  }
  /** Settled when the remembered language's words are in: the app mounts after it (main.ts). */
  const ready = initialLocale() === 'zh' ? Promise.resolve() : setLocale('en');

  /** The unit's name in the current language; pinyin names fall back to Chinese when missing. */
  function unitName(item: { name?: string; nameEn?: string; address?: string } | null | undefined): string {
    if (!item) return '';
    if (locale.value === 'en' && item.nameEn) return item.nameEn;
    return item.name ?? item.address ?? '';
  }

  watchEffect(() => {
    document.documentElement.lang = locale.value === 'zh' ? 'zh-CN' : 'en';
    document.title = `${t.value.appTitle} · ${t.value.appSubtitle}`;
  });

  return { locale, t, setLocale, unitName, ready };
});
