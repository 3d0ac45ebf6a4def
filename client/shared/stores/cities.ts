// Which city the page shows, of those the server serves; `several` decides whether the header
// offers a switch and whether links handed out (QR codes) must name the city.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { fetchCities, type CityChoice } from '../api/cities';

export const useCitiesStore = defineStore('cities', () => {
  const choice = ref<CityChoice | null>(null);
  const several = computed(() => (choice.value?.cities.length ?? 0) > 1);
  const current = computed(() => choice.value?.cities.find((c) => c.code === choice.value?.current) ?? null);

  async function load() {
    try {
      choice.value = await fetchCities();
    } catch {
      choice.value = null; // an older server or one away: one city, no switch
    }
  }

  return { choice, several, current, load };
});
