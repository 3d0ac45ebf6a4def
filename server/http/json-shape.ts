// Limits on the shape of a JSON body, checked on the raw bytes before JSON.parse builds
// anything: a deeply nested or enormously wide document is refused without allocating it, and
// nothing downstream (zod, our own walkers, PostGIS) ever recurses that deep.

import type { Message } from '../domain/messages';

export interface JsonShapeLimits {
  maxDepth: number;
  maxKeys: number;
  maxArrayLength: number;
}

export const JSON_SHAPE_LIMITS: JsonShapeLimits = { maxDepth: 32, maxKeys: 1000, maxArrayLength: 100_000 };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/**
 * What is wrong with the document's shape, or undefined when it is within the limits. Syntax is
 * not checked here (JSON.parse does that next); the structural bytes are ASCII, so scanning
 * UTF-8 bytes is exact.
 */
export function jsonShapeProblem(bytes: Uint8Array, limits: JsonShapeLimits = JSON_SHAPE_LIMITS): Message | undefined {
  // Per open container: is it an object, and how many commas so far (elements - 1).
  const isObject: boolean[] = [];
  const commas: number[] = [];
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
      continue;
    }
    if (b === QUOTE) inString = true;
    else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
      if (isObject.length === limits.maxDepth) return { code: 'json_too_deep', params: { limit: limits.maxDepth } };
      isObject.push(b === OPEN_OBJECT);
      commas.push(0);
    } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
      isObject.pop();
      commas.pop();
    } else if (b === COMMA && commas.length) {
      const top = commas.length - 1;
      const elements = ++commas[top]! + 1;
      if (isObject[top] && elements > limits.maxKeys) return { code: 'json_too_many_keys', params: { limit: limits.maxKeys } };
      if (!isObject[top] && elements > limits.maxArrayLength) {
        return { code: 'json_array_too_long', params: { limit: limits.maxArrayLength } };
      }
    }
  }
  return undefined;
}
