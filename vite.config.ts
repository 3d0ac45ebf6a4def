import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

// One config for the client build (Vite, root client/) and the three test layers (Vitest).
export default defineConfig({
  root: 'client',
  plugins: [vue()],
  // Views are loaded on demand (App.vue), so only the map pages fetch the map chunk: MapLibre and
  // deck.gl together, 1.7 MB (460 kB gzip), which no split brings under Vite's 500 kB default
  // (MapLibre alone is 1.1 MB). The limit sits just above it, so a chunk that grows still warns.
  build: { outDir: '../dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/tiles': 'http://127.0.0.1:3000' } },
  test: {
    root: '.',
    // Servers the tests start serve the test region with the demo city in it.
    env: { GRIDMAP_DEMO: '1' },
    projects: [
      // Unit and API files run in one invocation, which wants the same number of workers for both.
      { extends: true, test: { name: 'unit', root: '.', include: ['tests/unit/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000, maxWorkers: 2 } },
      {
        extends: true,
        test: {
          name: 'api',
          root: '.',
          include: ['tests/api/**/*.test.ts'],
          globalSetup: ['tests/support/api-global-setup.ts'],
          testTimeout: 180_000, // whole server processes start cold in lock, backup and crash tests
          hookTimeout: 300_000,
          // Each file has its own database copy and server, so two files at a time never meet;
          // a PGlite file keeps one core busy, so two workers are what 2 cores can use.
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          root: '.',
          include: ['tests/e2e/**/*.test.ts'],
          // GRIDMAP_E2E_URL points the browser tests at a server that is already running,
          // which needs no seeded database of its own.
          globalSetup: process.env.GRIDMAP_E2E_URL ? [] : ['tests/support/api-global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          // Two journeys at a time: a journey waits on the server and the map as much as it computes.
          maxWorkers: 2,
          // What a page shows after a click can take seconds on a loaded 2-core machine with
          // software WebGL; a poll's default second would make journeys fail for being slow.
          expect: { poll: { timeout: 30_000 } },
        },
      },
    ],
  },
});
