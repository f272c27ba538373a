import { EventBatcher, type ItemOutcome } from './event-batcher';

interface Ev {
  id: string;
  bad?: boolean;
}

/** A batch runner that records its batches and fails a whole batch that holds a bad event (as a failed transaction does). */
function recorder(options: { failOne?: string } = {}) {
  const batches: string[][] = [];
  const run = async (items: Ev[]): Promise<Map<string, ItemOutcome<string>>> => {
    batches.push(items.map((i) => i.id));
    if (items.some((i) => i.bad)) throw new Error('statement refused');
    return new Map(items.map((i) => [i.id, i.id === options.failOne ? { ok: false, error: new Error(`${i.id} failed alone`) } : { ok: true, value: `done ${i.id}` }]));
  };
  return { batches, run };
}

describe('EventBatcher', () => {
  it('handles the events waiting together in one batch, each job getting its own outcome', async () => {
    const { batches, run } = recorder();
    const batcher = new EventBatcher<Ev, string>({ maxSize: 3, windowMs: 1000, keyOf: (e) => e.id, run });
    const results = await Promise.all(['a', 'b', 'c'].map((id) => batcher.submit({ id })));
    expect(results).toEqual(['done a', 'done b', 'done c']);
    expect(batches).toEqual([['a', 'b', 'c']]);
  });

  it('flushes a batch that does not fill after the window', async () => {
    const { batches, run } = recorder();
    const batcher = new EventBatcher<Ev, string>({ maxSize: 50, windowMs: 5, keyOf: (e) => e.id, run });
    await expect(batcher.submit({ id: 'alone' })).resolves.toBe('done alone');
    expect(batches).toEqual([['alone']]);
  });

  it('splits a batch whose shared work failed: the bad event fails alone, the others succeed', async () => {
    const { batches, run } = recorder();
    const batcher = new EventBatcher<Ev, string>({ maxSize: 3, windowMs: 1000, keyOf: (e) => e.id, run });
    const settled = await Promise.allSettled([batcher.submit({ id: 'a' }), batcher.submit({ id: 'b', bad: true }), batcher.submit({ id: 'c' })]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toEqual(new Error('statement refused'));
    // The whole batch once, then each event on its own.
    expect(batches).toEqual([['a', 'b', 'c'], ['a'], ['b'], ['c']]);
  });

  it('fails only the event whose own handler failed, without splitting the batch', async () => {
    const { batches, run } = recorder({ failOne: 'b' });
    const batcher = new EventBatcher<Ev, string>({ maxSize: 3, windowMs: 1000, keyOf: (e) => e.id, run });
    const settled = await Promise.allSettled(['a', 'b', 'c'].map((id) => batcher.submit({ id })));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(batches).toEqual([['a', 'b', 'c']]);
  });

  it('runs an event queued twice in one batch once; both jobs get its outcome', async () => {
    const { batches, run } = recorder();
    const batcher = new EventBatcher<Ev, string>({ maxSize: 3, windowMs: 1000, keyOf: (e) => e.id, run });
    const results = await Promise.all([batcher.submit({ id: 'a' }), batcher.submit({ id: 'a' }), batcher.submit({ id: 'b' })]);
    expect(results).toEqual(['done a', 'done a', 'done b']);
    expect(batches).toEqual([['a', 'b']]);
  });

  it('rejects a job whose event the batch gave no outcome for, instead of leaving it waiting', async () => {
    const batcher = new EventBatcher<Ev, string>({ maxSize: 1, windowMs: 1000, keyOf: (e) => e.id, run: async () => new Map() });
    await expect(batcher.submit({ id: 'a' })).rejects.toThrow('no outcome');
  });
});
