import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { IncomingMessage } from 'node:http';
import type { Actor } from './actor';

/** The HTTP request as Schakel decorates it: a request id and, once authenticated, the actor. */
export interface SchakelRequest extends IncomingMessage {
  actor?: Actor;
}

export function requestFrom(context: ExecutionContext): SchakelRequest | undefined {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req?: SchakelRequest }>().req;
  }
  return context.switchToHttp().getRequest<SchakelRequest>();
}
