import { describe, expect, it } from 'vitest';
import { spheroidDistanceM } from '../../server/analysis/distance';

describe('spheroidDistanceM', () => {
  it('gives the WGS84 geodesic of known pairs to the millimetre', () => {
    // Vincenty's worked example (Flinders Peak → Buninyong), and GeographicLib's value for it on WGS84.
    expect(spheroidDistanceM(144.4248678889, -37.9510334167, 143.9264955278, -37.6528211389)).toBeCloseTo(54972.271, 2);
    // One degree of longitude on the equator: a · π / 180.
    expect(spheroidDistanceM(0, 0, 1, 0)).toBeCloseTo((6_378_137 * Math.PI) / 180, 3);
    // One degree of latitude at the pole's end of a meridian is longer than at the equator's.
    expect(spheroidDistanceM(0, 89, 0, 90)).toBeGreaterThan(spheroidDistanceM(0, 0, 0, 1));
    expect(spheroidDistanceM(120.3, 31.8, 120.3, 31.8)).toBe(0);
  });
});
