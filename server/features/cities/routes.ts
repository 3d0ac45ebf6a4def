// The cities this process serves, for the page's city switch (server/cities.ts chooses among them).
import { Router } from 'express';
import type { CityChoice } from '../../cities';
import { parseRequest } from '../../http/parse';

export function cityRoutes(choice: CityChoice): Router {
  return Router().get('/api/cities', (req, res) => {
    parseRequest(req, {});
    res.json(choice);
  });
}
