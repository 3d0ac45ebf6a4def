import { describe, expect, it } from 'vitest';
import { parseCoordinates } from '../../client/shared/map/coordinates';

describe('parseCoordinates', () => {
  it('reads "lng, lat" with a comma, a space or a Chinese comma between', () => {
    expect(parseCoordinates('120.28, 31.91')).toEqual([120.28, 31.91]);
    expect(parseCoordinates('  120.28 31.91 ')).toEqual([120.28, 31.91]);
    expect(parseCoordinates('120.28，31.91')).toEqual([120.28, 31.91]);
    expect(parseCoordinates('120.28;31.91')).toEqual([120.28, 31.91]);
  });

  it('reads full-width digits, points and commas as typed by a Chinese IME', () => {
    expect(parseCoordinates('１２０．２８，３１．９１')).toEqual([120.28, 31.91]);
    expect(parseCoordinates('１２０．２８　３１．９１')).toEqual([120.28, 31.91]);
  });

  it('reads "lat, lng" as web maps copy it when the second number cannot be a latitude', () => {
    expect(parseCoordinates('31.91, 120.28')).toEqual([120.28, 31.91]);
  });

  it('keeps negative coordinates', () => {
    expect(parseCoordinates('-0.1276, 51.5072')).toEqual([-0.1276, 51.5072]);
  });

  it('leaves addresses and house numbers to the address search', () => {
    expect(parseCoordinates('幸福花苑3幢2单元501室')).toBeNull();
    expect(parseCoordinates('5 12')).toBeNull();
    expect(parseCoordinates('120.28')).toBeNull();
    expect(parseCoordinates('120.28, 31.91, 5.0')).toBeNull();
    expect(parseCoordinates('')).toBeNull();
  });

  it('refuses numbers outside the range of longitude and latitude', () => {
    expect(parseCoordinates('200.5, 31.9')).toBeNull();
    expect(parseCoordinates('120.5, 95.1')).toBeNull();
    expect(parseCoordinates('95.1, 120.5')).toBeNull();
  });
});
