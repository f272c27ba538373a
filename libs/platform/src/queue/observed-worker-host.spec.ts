import { Logger } from '@nestjs/common';
import { MetadataScanner } from '@nestjs/core';
import type { Job } from 'bullmq';
import { ObservedWorkerHost } from './observed-worker-host';

const ON_WORKER_EVENT_METADATA = 'bullmq:worker_events_metadata';

class PlainProcessor extends ObservedWorkerHost {
  async process(): Promise<string> {
    return 'done';
  }
}

/** The worker events a processor listens to, found as @nestjs/bullmq's explorer finds them (prototype chain). */
function workerEvents(instance: object): string[] {
  const events: string[] = [];
  new MetadataScanner().scanFromPrototype(instance, Object.getPrototypeOf(instance), (key) => {
    const method = (instance as Record<string, unknown>)[key];
    const meta = typeof method === 'function' ? (Reflect.getMetadata(ON_WORKER_EVENT_METADATA, method) as { eventName: string } | undefined) : undefined;
    if (meta) events.push(meta.eventName);
  });
  return events.sort();
}

describe('ObservedWorkerHost', () => {
  let warnings: string[];
  beforeEach(() => {
    warnings = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
  });
  afterEach(() => jest.restoreAllMocks());

  it("gives a processor that declares nothing itself an 'error' and a 'failed' listener", () => {
    expect(workerEvents(new PlainProcessor())).toEqual(['error', 'failed']);
  });

  it('logs a worker error and a failed attempt without the values in them, and never throws', () => {
    const processor = new PlainProcessor();
    const error = Object.assign(new Error('null value in column "name" violates not-null constraint'), { detail: 'Failing row contains (Fatima, 0612345678)' });
    expect(() => processor.onError(error)).not.toThrow();
    processor.onFailed({ name: 'deliver', id: 'job-1', attemptsMade: 2 } as unknown as Job, error);
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatch(/^deliver job-1 failed \(attempt 2\): /);
    expect(warnings.join('\n')).not.toMatch(/Fatima|0612345678/);
  });
});
