/**
 * Work waiting per owner (a principal), handed out fairly: the next item comes from the owner with
 * the fewest items running, and among those from the one served longest ago, so one owner's long
 * queue never holds another owner's work behind it.
 */
export class FairQueue<T> {
  private readonly waiting = new Map<string, T[]>();
  /** Per owner with work waiting or running: items running, and when it was last served. */
  private readonly owners = new Map<string, { running: number; servedAt: number }>();
  private turn = 0;
  private waitingCount = 0;

  get size(): number {
    return this.waitingCount;
  }

  push(owner: string, item: T): void {
    const list = this.waiting.get(owner);
    if (list) list.push(item);
    else this.waiting.set(owner, [item]);
    if (!this.owners.has(owner)) this.owners.set(owner, { running: 0, servedAt: 0 });
    this.waitingCount++;
  }

  /** Takes out the first waiting item `match` accepts (e.g. one being cancelled). */
  remove(match: (item: T) => boolean): T | undefined {
    for (const [owner, list] of this.waiting) {
      const i = list.findIndex(match);
      if (i < 0) continue;
      const [item] = list.splice(i, 1);
      if (!list.length) this.waiting.delete(owner);
      this.waitingCount--;
      this.forgetIdle(owner);
      return item;
    }
    return undefined;
  }

  /**
   * The next item to start, counted as running for its owner until `done(owner)`; owners with
   * `maxRunningPerOwner` items running already are passed over.
   */
  take(maxRunningPerOwner = Infinity): { owner: string; item: T } | undefined {
    let pick: { owner: string; running: number; servedAt: number } | undefined;
    for (const owner of this.waiting.keys()) {
      const state = this.owners.get(owner)!;
      if (state.running >= maxRunningPerOwner) continue;
      if (!pick || state.running < pick.running || (state.running === pick.running && state.servedAt < pick.servedAt)) pick = { owner, ...state };
    }
    if (!pick) return undefined;
    const list = this.waiting.get(pick.owner)!;
    const item = list.shift()!;
    if (!list.length) this.waiting.delete(pick.owner);
    this.owners.set(pick.owner, { running: pick.running + 1, servedAt: ++this.turn });
    this.waitingCount--;
    return { owner: pick.owner, item };
  }

  /** One of the owner's items has finished. */
  done(owner: string): void {
    const state = this.owners.get(owner);
    if (!state) return;
    state.running = Math.max(0, state.running - 1);
    this.forgetIdle(owner);
  }

  /** An owner with nothing waiting or running is forgotten, so the map holds only active owners. */
  private forgetIdle(owner: string): void {
    if (!this.waiting.has(owner) && this.owners.get(owner)?.running === 0) this.owners.delete(owner);
  }
}
