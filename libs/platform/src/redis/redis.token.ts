/** Injection token of the shared ioredis client (health, rate limits, pub/sub). */
export const REDIS = Symbol('REDIS');
