// How a party group is drawn, shared by the seeder and every write that redraws a group, so a
// seeded outline and a recomputed one are the same shape.

/** A group is drawn as the hull of its buildings, widened so a single building shows (aggregate over `buildings`). */
export const GROUP_OUTLINE = 'ST_Buffer(ST_ConvexHull(ST_Collect(coalesce(footprint, geom)))::geography, 12)::geometry';
