export * from './test-environment';
export * from './http-client';
export * from './redis-server';
export * from './eventually';
export * from './read-pdf';
