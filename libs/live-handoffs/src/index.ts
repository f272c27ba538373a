// Live warm handoffs: on-duty behandelaars, a live request picked up by the first, the fallback to the ACUUT norm (issue 13): the public surface of the lib.
export * from './live-handoffs.module';
export * from './live-handoffs-api.module';
export * from './live-handoffs-jobs.module';
