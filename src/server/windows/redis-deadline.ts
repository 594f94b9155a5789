/**
 * When a Redis call counts as "Redis is unavailable" (OMSPAN_REDIS_TIMEOUT_MS): when Redis has gone
 * quiet — no reply of any command on the connection for the timeout while this one waits — not merely
 * when this one reply is late. A plain timer per call measures this process's own backlog instead:
 *
 *  - Node runs due timers before it reads sockets in each turn of its event loop, so under load a
 *    timer fires while Redis' reply already waits unread on the socket;
 *  - node-redis writes queued commands in batches of about 16 KB and waits for the socket to drain
 *    between batches, one turn of the loop each: at 08:55 a process has hundreds of calls queued, and
 *    in a busy process the last ones go out long after they were made.
 *
 * Either way a healthy Redis is called slow, and the process drops to its own cache — and downloads
 * its own copy of each window — at the very moment sharing matters (measured in the 300-client bench:
 * hundreds of requests a run served without Redis, a quarter more upstream requests).
 *
 * So: the period starts once the call is on its way (node-redis writes on setImmediate; ours comes
 * after), it is extended while other replies keep coming (Redis is answering, the queue is ours), a
 * timer that fires late (the loop was busy) starts it again, the last look lets one round of socket
 * reads pass (setImmediate), and no call waits past HARD_FACTOR × the timeout in all. A Redis that is
 * stopped or hung answers nothing: it is noticed within the timeout (a busy process: a little later).
 */

/** The longest any Redis call may take, as a multiple of the timeout, however busy the process is. */
export const HARD_FACTOR = 8;

/** A timer firing later than this (ms, or a fifth of the timeout if more) means the loop was busy. */
const LATE_MS = 20;

/** Redis did not answer in time. */
export class RedisDeadlineError extends Error {
  override readonly name = "RedisDeadlineError";
  constructor(readonly timeoutMs: number) {
    super(`Redis did not answer within ${timeoutMs} ms`);
  }
}

/** Options of one deadline. */
export interface DeadlineOptions {
  /** When the connection last brought a reply (any command's), on the `now` clock. */
  lastReply?: () => number;
  now?: () => number;
}

/**
 * `work`'s result, or RedisDeadlineError once Redis has been quiet for `timeoutMs` (see the file comment).
 * @throws RedisDeadlineError
 */
export function withRedisDeadline<T>(work: Promise<T>, timeoutMs: number, o: DeadlineOptions = {}): Promise<T> {
  const now = o.now ?? (() => performance.now());
  const lastReply = o.lastReply ?? (() => Number.NEGATIVE_INFINITY);
  return new Promise<T>((resolve, reject) => {
    let started = 0;
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
      if (now() - due > lateMs && now() < hardEnd) return arm(Math.min(timeoutMs, hardEnd - now()));
      // Judge after one round of socket reads: replies that came meanwhile count.
      setImmediate(() => {
        if (settled) return;
        const t = now();
        const quiet = t - Math.max(started, lastReply());
        if (quiet < timeoutMs && t < hardEnd) return arm(Math.min(timeoutMs - quiet, hardEnd - t));
        settled = true;
        reject(new RedisDeadlineError(timeoutMs));
      });
    };
    const begin = setImmediate(() => {
      started = now();
      hardEnd = started + timeoutMs * HARD_FACTOR;
      arm(timeoutMs);
    });
    const done = () => {
      settled = true;
      clearImmediate(begin);
      clearTimeout(timer);
    };
    work.then(
      (v) => {
        if (settled) return;
        done();
        resolve(v);
      },
      (err: unknown) => {
        if (settled) return;
        done();
        reject(err);
      },
    );
  });
}
