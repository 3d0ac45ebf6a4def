import { afterAll, beforeAll, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startTestApi, type TestApi } from '../support/api-client';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

it('reports which database answers and its PostGIS version', async () => {
  const health = await api.json<{ status: string; database: string; postgis: string }>('/api/health');
  expect(health.status).toBe('ok');
  expect(health.database).toBe(inject('database').kind);
  expect(health.postgis).toMatch(/^3\.\d+\.\d+/);
});

it('answers unknown API paths with a JSON 404', async () => {
  const res = await api.get('/api/nothing-here');
  expect(res.status).toBe(404);
  expect((await res.json()).error).toContain('/api/nothing-here');
});
