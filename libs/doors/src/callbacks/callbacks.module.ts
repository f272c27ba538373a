import { Module } from '@nestjs/common';
import { FollowUpsModule } from '@schakel/follow-ups';
import { CallbacksService } from './callbacks.service';

/** Callbacks booked at the desk: the rules, shared by the API and the worker. */
@Module({
  imports: [FollowUpsModule],
  providers: [CallbacksService],
  exports: [CallbacksService],
})
export class CallbacksModule {}
