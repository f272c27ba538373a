export { createWorker } from './bootstrap';
export { WorkerHealthServer } from './health/worker-health.server';
export { HeartbeatScheduler } from './heartbeat/heartbeat.processor';
