import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { createApiApp } from '@schakel/api';
import { TestClient } from '@schakel/testing';
import { createWorker } from '@schakel/worker';
import { Client } from 'pg';
import type { IsolatedEnvironment } from './isolated-environment';

export interface StackOptions {
  /** Extra variables for the apps (norm intervals, limits, …), set before they start. */
  env?: Record<string, string>;
  /** Rows the suite needs before the apps start (they may read them once at start-up). */
  seed?: (owner: Client, orgs: Record<string, string>) => Promise<void>;
}

/** An API (and, on request, more APIs and a worker) in this process on an isolated database, with an owner connection. */
export interface Stack {
  /** A connection as the database owner (bypasses row-level security). */
  owner: Client;
  /** Organisation id by slug. */
  orgs: Record<string, string>;
  api: INestApplication;
  client: TestClient;
  /** Starts the in-process worker (one per stack); `close` closes it first. */
  startWorker(): Promise<INestApplicationContext>;
  /** Another API on the same database and Redis prefix (a second instance); `close` closes it too. */
  addApi(): Promise<{ api: INestApplication; client: TestClient }>;
  /** Closes the worker, then the APIs, then the owner connection, then drops the environment. */
  close(): Promise<void>;
}

/**
 * Sets up `isolated` and starts the apps on it. If any step fails, what was started is closed
 * again before the error is thrown, so a failed `beforeAll` leaves nothing behind.
 */
export async function startStack(isolated: IsolatedEnvironment, options: StackOptions = {}): Promise<Stack> {
  const apis: INestApplication[] = [];
  let owner: Client | undefined;
  let worker: INestApplicationContext | undefined;
  const close = async (): Promise<void> => {
    await worker?.close();
    for (const api of apis) await api.close();
    await owner?.end();
    await isolated.tearDown();
  };
  const addApi = async (): Promise<{ api: INestApplication; client: TestClient }> => {
    const api = await createApiApp();
    apis.push(api);
    return { api, client: await TestClient.listen(api) };
  };
  const startWorker = async (): Promise<INestApplicationContext> => {
    if (worker) throw new Error('this stack has a worker already');
    worker = await createWorker();
    return worker;
  };
  try {
    await isolated.setUp(options.env);
    const connected = new Client({ connectionString: isolated.ownerUrl });
    owner = connected;
    await connected.connect();
    const orgs: Record<string, string> = {};
    for (const { slug, id } of (await connected.query(`SELECT slug, id FROM organisations`)).rows) orgs[slug] = id;
    await options.seed?.(connected, orgs);
    const { api, client } = await addApi();
    return { owner: connected, orgs, api, client, startWorker, addApi, close };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}
