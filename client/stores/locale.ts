// Language choice: Chinese unless the user switched, remembered across visits.
import { defineStore } from 'pinia';
import { computed, ref, watchEffect } from 'vue';
import { messages, type Locale } from '../i18n';

const STORAGE_KEY = 'gridmap.locale';

function initialLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh'; // storage can be blocked (private mode, file://); the default is fine then
  }
}

export const useLocaleStore = defineStore('locale', () => {
  const locale = ref<Locale>(initialLocale());
  const t = computed(() => messages[locale.value]);

  function setLocale(next: Locale) {
    locale.value = next;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* not persisted; still switched for this visit */
    }
  }

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

  return { locale, t, setLocale, unitName };
});
