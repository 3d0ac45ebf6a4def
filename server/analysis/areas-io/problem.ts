// What is wrong with an uploaded file, said so that the uploader can fix it. Pure code throws
// it; the route turns it into the HTTP answer (400 unreadable, 422 readable but unusable).

export class FileProblem extends Error {
  constructor(
    readonly status: 400 | 413 | 422,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** A shapefile without .prj and no system chosen: the client asks the user, then sends `crs`. */
export class CrsNeeded extends FileProblem {
  constructor() {
    super(422, 'the shapefile has no .prj: choose its coordinate system', { needsCrs: true });
  }
}
