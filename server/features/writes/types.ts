// What goes on the wire about an editable object (the client imports these as types).
import type { Geometry } from 'geojson';
import type { AttributeValues, ObjectType } from './objects';

/** An editable object as the API shows it, now or as of an earlier version. */
export interface ObjectState {
  type: ObjectType;
  id: string;
  version: number;
  /** When and by whom this version was made. */
  updatedAt: string;
  updatedBy: string;
  townId: string;
  attributes: AttributeValues;
  /** Null for an object without a place (an organisation), or a pairing entered without one. */
  geometry: Geometry | null;
}
