import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mountQueueDashboard } from '@schakel/follow-ups';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';

/** Builds the API application (used by main.ts and by the end-to-end tests). */
export async function createApiApp(): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const http = app.getHttpAdapter().getInstance() as { disable(setting: string): void; set(k: string, v: unknown): void };
  http.disable('x-powered-by');
  mountQueueDashboard(app);
  return app;
}
