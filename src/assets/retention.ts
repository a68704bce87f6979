import type { Logger } from 'pino';
import type { AssetStore, PruneCursor } from './asset-store.js';

export interface RetentionSettings {
  /** Intervals last seen, and changes recorded, longer ago than this go. */
  maxAgeDays: number;
  /** Per address: intervals kept per fact (and source) or port, and changes kept. */
  perAsset: number;
  /** How often a pruning run starts. */
  pruneIntervalMs: number;
  /** The most rows one run deletes (and keys it looks at): a run holds the store for a bounded time. */
  pruneRowsPerRun: number;
}

/**
 * Expiry and trim of the asset history as a periodic job, bounded per run, so that no scan's
 * commit pays for it: a backlog (after a long pause, a lowered limit or a migration) is worked off
 * over several runs.
 */
export class HistoryRetention {
  private cursor: PruneCursor | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Pick<AssetStore, 'pruneHistory'>,
    private readonly settings: RetentionSettings,
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** One bounded run; the rows it deleted. */
  runOnce(): number {
    const { deleted, next } = this.store.pruneHistory({
      keepSince: new Date(this.now() - this.settings.maxAgeDays * 86_400_000).toISOString(),
      keepPerAsset: this.settings.perAsset,
      maxRows: this.settings.pruneRowsPerRun,
      ...(this.cursor ? { from: this.cursor } : {}),
    });
    this.cursor = next;
    return deleted;
  }

  start(): void {
    this.timer ??= setInterval(() => {
      try {
        this.runOnce();
      } catch (err) {
        // A full disk or a busy store: the next run tries again; the store reports its own readiness.
        this.logger.warn({ err }, 'pruning the asset history failed; retried at the next run');
      }
    }, this.settings.pruneIntervalMs).unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
