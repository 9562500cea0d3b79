/**
 * Runs delivery renders one at a time in this process. A render's time limit (TEMPLATE_RENDER_LIMIT_MS) counts wall
 * time, and renders are CPU work on one thread: when the dispatcher starts a batch of a few hundred emails at once,
 * their renders interleave and the last ones run out of time waiting for the others, so a good template was
 * dead-lettered as `template_limit` under load (found by `npm run bench`'s deliver line). In turn, each render's wall
 * time is its own work, and throughput is the same: the thread was the limit anyway.
 */
export function createRenderTurns(): <T>(render: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return (render) => {
    const turn = last.then(render, render);
    last = turn.catch(() => {});
    return turn;
  };
}
