import { type Actor, type ActorResolver, AppError } from '@schakel/platform';
import { type ConnectionExtra, LiveConnections } from './live-connections';

const actor = { tokenExpiresAt: Math.floor(Date.now() / 1000) + 3600 } as Actor;

function connection(resolve: jest.Mock) {
  const socket = { close: jest.fn(), once: jest.fn() };
  const extra: ConnectionExtra = { socket };
  return { live: new LiveConnections({ resolve } as unknown as ActorResolver), extra, socket };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('LiveConnections', () => {
  it('refuses to open a connection whose token does not resolve', async () => {
    const { live, extra } = connection(jest.fn().mockRejectedValue(AppError.unauthenticated()));
    await expect(live.open(extra, 'token', {})).resolves.toBe(false);
    expect(extra.actor).toBeUndefined();
  });

  it('trusts the caller for a short while instead of resolving before every operation', async () => {
    const resolve = jest.fn().mockResolvedValue(actor);
    const { live, extra } = connection(resolve);
    await live.open(extra, 'token', {});
    await expect(live.recheck(extra)).resolves.toBeUndefined();
    expect(resolve).toHaveBeenCalledTimes(1);
  });

  it('refuses the operation and closes with 4403 when the caller was revoked', async () => {
    const resolve = jest.fn().mockResolvedValueOnce(actor).mockRejectedValue(AppError.unauthenticated());
    const { live, extra, socket } = connection(resolve);
    await live.open(extra, 'token', {});
    extra.checkedAt = 0;
    const errors = await live.recheck(extra);
    expect(errors?.[0].originalError).toBeInstanceOf(AppError);
    await tick();
    expect(socket.close).toHaveBeenCalledWith(4403, 'Forbidden');
    // Once closing, nothing more runs on the connection, even without a new lookup.
    await expect(live.recheck(extra)).resolves.toHaveLength(1);
    expect(resolve).toHaveBeenCalledTimes(2);
  });

  it('refuses only the operation when the lookup fails for another reason (database away)', async () => {
    const resolve = jest.fn().mockResolvedValueOnce(actor).mockRejectedValueOnce(new Error('Connection terminated unexpectedly')).mockResolvedValue(actor);
    const { live, extra, socket } = connection(resolve);
    await live.open(extra, 'token', {});
    extra.checkedAt = 0;
    await expect(live.recheck(extra)).resolves.toHaveLength(1);
    await tick();
    expect(socket.close).not.toHaveBeenCalled();
    await expect(live.recheck(extra)).resolves.toBeUndefined();
  });
});
