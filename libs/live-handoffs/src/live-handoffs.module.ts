import { Module } from '@nestjs/common';

/** Live warm handoffs: on-duty behandelaars, a live request picked up by the first, the fallback to the ACUUT norm: the rules, shared by the API and the worker. */
@Module({})
export class LiveHandoffsModule {}
