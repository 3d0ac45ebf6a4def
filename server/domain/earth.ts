// The Earth's size for every distance the code works out itself (PostGIS measures on the
// spheroid): the mean radius, which turf uses too, so a distance here and one from turf agree.

export const EARTH_RADIUS_M = 6_371_008.8;

/** Metres per degree of latitude on that sphere (≈ 111 195 m); of longitude, times cos(latitude). */
export const METRES_PER_DEGREE = (EARTH_RADIUS_M * Math.PI) / 180;
