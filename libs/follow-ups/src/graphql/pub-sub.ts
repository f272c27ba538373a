import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, redisOptionsFromUrl } from '@schakel/platform';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import Redis from 'ioredis';

export const PUB_SUB = Symbol('PUB_SUB');

/**
 * Redis pub/sub for live subscriptions: the worker publishes, every API process listens, so a
 * subscriber gets its event whichever process it is connected to.
 */
export const pubSubProvider: Provider = {
  provide: PUB_SUB,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): RedisPubSub => {
    const options = { ...redisOptionsFromUrl(config.REDIS_URL), retryStrategy: (times: number) => Math.min(times * 200, 2000) };
    return new RedisPubSub({ publisher: new Redis(options), subscriber: new Redis(options) });
  },
};

@Injectable()
export class PubSubCloser implements OnApplicationShutdown {
  constructor(@Inject(PUB_SUB) private readonly pubSub: RedisPubSub) {}
  async onApplicationShutdown(): Promise<void> {
    await this.pubSub.close();
  }
}
