// The demo's bulk run: its batches run with the connection's settings for bulk writes (the statement journal in memory,
// not a temporary file), and the usual settings come back afterwards, also when the run fails; inside a transaction
// nothing is changed (SQLite refuses to change temporary storage there).
import { afterEach, beforeEach, expect, it } from 'vitest';
import { generateDemoData } from '../../main/demo/demo-data.ts';
import { openTempApp, rawDb, type TempApp } from '../support/temp-app.ts';

let t: TempApp;
beforeEach(async () => {
  t = await openTempApp();
});
afterEach(async () => t.cleanup());

const MEMORY = 2;
const tempStore = () => rawDb(t.app).pragma('temp_store', { simple: true });

it('generates the demo with the statement journal in memory and restores the default afterwards', async () => {
  const before = tempStore();
  expect(before).not.toBe(MEMORY);
  const during: unknown[] = [];
  await generateDemoData(t.app.services, { cases: 30, seed: 3, until: new Date('2026-03-01T12:00:00Z'), onProgress: () => during.push(tempStore()) });
  expect(new Set(during)).toEqual(new Set([MEMORY]));
  expect(tempStore()).toBe(before);
  expect(rawDb(t.app).prepare('SELECT count(*) FROM cases').pluck().get()).toBe(30);
});

it('restores the default when the bulk run fails, and changes nothing inside a transaction', async () => {
  const before = tempStore();
  await expect(t.app.engine.bulkWrites(async () => {
    expect(tempStore()).toBe(MEMORY);
    throw new Error('broken');
  })).rejects.toThrow('broken');
  expect(tempStore()).toBe(before);
  await t.app.services.tx(async () => {
    await t.app.engine.bulkWrites(async () => expect(tempStore()).toBe(before));
  });
  expect(tempStore()).toBe(before);
});
