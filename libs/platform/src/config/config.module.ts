import { Global, Module } from '@nestjs/common';
import type { AppConfig } from './config.schema';
import { loadConfigOrExit } from './load-config';

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');

@Global()
@Module({
  providers: [{ provide: APP_CONFIG, useFactory: (): AppConfig => loadConfigOrExit() }],
  exports: [APP_CONFIG],
})
export class ConfigModule {}
