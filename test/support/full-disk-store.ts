import { MemoryScanStore } from '../../src/store/memory-store.js';

/**
 * The in-memory store with a disk that can fill up: while `full`, every write throws what
 * better-sqlite3 throws on a full disk (code SQLITE_FULL) before changing anything, as SQLite's
 * rolled-back transaction leaves nothing; reads go on.
 */
export class FullDiskStore extends MemoryScanStore {
  full = false;
  /** The disk fills up after this many more scans are inserted (a sync scan's first batch, say). */
  fullAfterInserts: number | undefined;

  private refuse(): void {
    if (this.full) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
  }

  override insertScan(...args: Parameters<MemoryScanStore['insertScan']>): void {
    this.refuse();
    super.insertScan(...args);
    if (this.fullAfterInserts !== undefined && --this.fullAfterInserts === 0) this.full = true;
  }

  override appendResults(...args: Parameters<MemoryScanStore['appendResults']>): void {
    this.refuse();
    super.appendResults(...args);
  }

  override updateScan(...args: Parameters<MemoryScanStore['updateScan']>): void {
    this.refuse();
    super.updateScan(...args);
  }

  override insertToken(...args: Parameters<MemoryScanStore['insertToken']>): void {
    this.refuse();
    super.insertToken(...args);
  }

  override revokeToken(...args: Parameters<MemoryScanStore['revokeToken']>): boolean {
    this.refuse();
    return super.revokeToken(...args);
  }

  override insertCatalog(...args: Parameters<MemoryScanStore['insertCatalog']>): void {
    this.refuse();
    super.insertCatalog(...args);
  }

  override deleteCatalog(...args: Parameters<MemoryScanStore['deleteCatalog']>): void {
    this.refuse();
    super.deleteCatalog(...args);
  }

  override redeliver(...args: Parameters<MemoryScanStore['redeliver']>): boolean {
    this.refuse();
    return super.redeliver(...args);
  }

  override recordAttempt(...args: Parameters<MemoryScanStore['recordAttempt']>): void {
    this.refuse();
    super.recordAttempt(...args);
  }

  override activateDeliveries(...args: Parameters<MemoryScanStore['activateDeliveries']>): void {
    this.refuse();
    super.activateDeliveries(...args);
  }

  override checkWritable(): void {
    this.refuse();
    super.checkWritable();
  }
}
