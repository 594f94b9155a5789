/**
 * How long a Redis call may take before Redis counts as unavailable (OMSPAN_REDIS_TIMEOUT_MS), measured
 * on Redis and not on this process's own backlog.
 *
 * Node runs due timers before it reads sockets in each turn of its event loop. Under load (300 clients
 * at 08:55, hundreds of answers in flight) one turn can take longer than the timeout: a plain timer then
 * fires while Redis' reply already waits unread on the socket, a healthy Redis is called slow, and the
 * process drops to its own cache — and downloads its own copy of each window — at the very moment the
 * sharing matters. Measured in the 300-client bench: about twenty such false "down"s per run, a third
 * more upstream requests. (node-redis' own command timeout has the same blind spot, and it only covers
 * the wait to be written, not the wait for the reply.)
 *
 * So the period starts once the command is on the wire (node-redis writes on setImmediate; ours comes
 * after it), a timer that fires late (the loop was busy elsewhere) starts the period again, up to
 * HARD_FACTOR times the timeout in all, and the last look lets one round of socket reads pass
 * (setImmediate) before it calls Redis slow. A Redis that is really stopped is still noticed within
 * the timeout on an idle process, and within HARD_FACTOR × the timeout on a saturated one.
 */

/** The longest any Redis call may take, as a multiple of the timeout, however busy the process is. */
export const HARD_FACTOR = 4;

/** A timer firing later than this (ms, or a fifth of the timeout if more) means the loop was busy. */
const LATE_MS = 20;

/** Redis did not answer in time. */
export class RedisDeadlineError extends Error {
  override readonly name = "RedisDeadlineError";
  constructor(readonly timeoutMs: number) {
    super(`Redis did not answer within ${timeoutMs} ms`);
  }
}

/**
 * `work`'s result, or RedisDeadlineError once Redis had `timeoutMs` to answer (see the file comment).
 * @throws RedisDeadlineError
 */
export function withRedisDeadline<T>(work: Promise<T>, timeoutMs: number, now: () => number = () => performance.now()): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let hardEnd = Number.POSITIVE_INFINITY;
    const lateMs = Math.max(LATE_MS, timeoutMs / 5);
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = (delay: number) => {
      const due = now() + delay;
      timer = setTimeout(() => check(due), delay);
    };
    const check = (due: number) => {
      if (settled) return;
      const t = now();
      if (t - due > lateMs && t < hardEnd) return arm(Math.min(timeoutMs, hardEnd - t));
      setImmediate(() => {
        if (settled) return;
        settled = true;
        reject(new RedisDeadlineError(timeoutMs));
      });
    };
    const begin = setImmediate(() => {
      hardEnd = now() + timeoutMs * HARD_FACTOR;
      arm(timeoutMs);
    });
    work.then(
      (v) => {
        if (settled) return;
        settled = true;
        clearImmediate(begin);
        clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        if (settled) return;
        settled = true;
        clearImmediate(begin);
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
