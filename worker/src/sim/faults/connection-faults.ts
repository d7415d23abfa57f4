/**
 * Faults below HTTP: dropped connections and slow answers.
 *
 * `reset` sends a TCP RST (SO_LINGER 0): the client reads ECONNRESET, which jsforce retries for
 * GET/PUT/DELETE (wire spec §8.4) — a load balancer or proxy dropping the connection. `close`
 * sends a FIN instead: undici reports "other side closed" (UND_ERR_SOCKET), which jsforce does
 * *not* retry — an idle keep-alive connection closed by the server just as the client reused it.
 */
import type { Socket } from 'node:net';
import type { ServerResponse } from 'node:http';

export type CutHow = 'reset' | 'close';

export function cutConnection(socket: Socket | null, how: CutHow): void {
  if (!socket || socket.destroyed) return;
  if (how === 'reset') socket.resetAndDestroy();
  else socket.destroy();
}

/**
 * Waits `ms` of real time; resolves false early when the client goes away meanwhile, so a long
 * delay never outlives its request (or the simulator's stop()).
 */
export function waitUnlessClosed(res: ServerResponse, ms: number): Promise<boolean> {
  if (ms <= 0) return Promise.resolve(!res.destroyed);
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(!res.destroyed);
    }, ms);
    res.once('close', onClose);
  });
}
