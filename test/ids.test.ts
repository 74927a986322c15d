// Record ids (db/ids.ts): UUIDv7, accepted wherever the API takes an id, unique, and ordered
// by when they were made — which is what keeps a batch of new rows together in the indexes.
import { describe, expect, it } from 'vitest';
import { id } from '../electron/api/common';
import { newId } from '../db/ids';

describe('newId', () => {
  it('makes version-7 UUIDs the API accepts as ids', () => {
    const made = newId();
    expect(made).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id.safeParse(made).success).toBe(true);
  });

  it('sorts ids in the order they were made, also within one millisecond, and never repeats one', () => {
    const ids = Array.from({ length: 20_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('starts with the time it was made', () => {
    const before = Date.now();
    const made = newId();
    const ms = parseInt(made.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now());
  });
});
