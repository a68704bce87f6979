import { readFileSync } from 'node:fs';
import type dns from 'node:dns';
import path from 'node:path';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import { ConfigError, type Config } from './config/config.js';
import { Authenticator } from './auth/authenticator.js';
import type { ControllerFactories } from './http/ioc.js';
import { AssetHistory } from './assets/history.js';
import { HistoryRetention } from './assets/retention.js';
import { ChangeFeed } from './assets/feed.js';
import { AssetService } from './assets/asset-service.js';
import { AssetsController } from './assets/assets-controller.js';
import { HistoryController } from './assets/history-controller.js';
import { CatalogsController } from './catalogs/catalogs-controller.js';
import { HealthController } from './http/controllers/health-controller.js';
import { ProbesController } from './http/controllers/probes-controller.js';
import { FingerprintsController } from './http/controllers/fingerprints-controller.js';
import { ScansController } from './scans/scans-controller.js';
import { createMetrics } from './observability/metrics.js';
import { SseStreams } from './http/sse.js';
import { createLogger } from './logger.js';
import { installConfiguredFingerprints } from './fingerprints/configured.js';
import { CatalogService } from './catalogs/catalog-service.js';
import { findProbe } from './probes/registry.js';
import { ScanEvents } from './scans/events.js';
import { cidrMatcher } from './net/addresses.js';
import { PacketLimiter } from './scans/rate-limiter.js';
import { PrincipalRateLimiter } from './auth/principal-rate-limit.js';
import { ScanRunner, type ScanExecutor } from './scans/in-process-runner.js';
import { WriteBatcher } from './store/write-batcher.js';
import type { ScanStatus } from './api/model.js';
import { QueueDispatcher } from './sensors/dispatcher.js';
import { SensorsController } from './sensors/sensors-controller.js';
import { TokensController } from './tokens/tokens-controller.js';
import { TokenService } from './tokens/tokens.js';
import { ScanService } from './scans/scan-service.js';
import { ScanReader } from './scans/scan-reader.js';
import type { SnmpCredential } from './api/model.js';
import { validateCredential } from './scans/request.js';
import type { FieldError } from './errors.js';
import { SqliteScanStore } from './store/sqlite-store.js';
import { guardStorage } from './store/storage-guard.js';
import { WebhookOutbox } from './webhooks/outbox.js';
import { WebhookUrlPolicy } from './webhooks/url-policy.js';
import { dataDirSecret, privateDataDir } from './util/data-dir.js';
import { buildExecutionHost, executionEnv, type HostOverrides } from './execution-env.js';
import type { DeliveryRecord, ScanStore } from './store/store.js';

/** What tests put in place of the real thing; the production server passes none. */
export interface Overrides extends HostOverrides {
  store?: ScanStore;
  dnsLookup?: typeof dns.lookup;
  logger?: Logger;
  /** Told after every webhook try, with the delivery's state after it. */
  onWebhookTry?: (deliveryId: string, state: DeliveryRecord['status']) => void;
}

/**
 * The SNMP credentials of PSCAN_SNMP_CREDENTIALS: a JSON array shaped like a request's
 * `credentials.snmp`, so an NDR need not hold the secrets; refused at start when malformed.
 */
function serverCredentials(file: string | undefined): SnmpCredential[] {
  if (!file) return [];
  const where = `setting planner.snmpCredentials (PSCAN_SNMP_CREDENTIALS) file ${file}`;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${where}: ${(err as Error).message}`);
  }
  if (!Array.isArray(raw) || raw.length === 0) throw new ConfigError(`${where}: must be a JSON array of credentials, e.g. [{"version":"2c","community":"…"}]`);
  const errors: FieldError[] = [];
  const credentials = raw.flatMap((c, i) => validateCredential(c, `/${i}`, findProbe, errors)?.credential ?? []);
  if (errors.length) throw new ConfigError(`${where}: ${errors[0]!.path} ${errors[0]!.message}`);
  return credentials;
}

/** Wires config → store → services → controllers → app, in one place. */
export async function compose(config: Config, overrides: Overrides = {}) {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  // Every storage failure, whatever the caller, becomes 503 storage-unavailable and unreadiness.
  const store = guardStorage(overrides.store ?? new SqliteScanStore(path.join(privateDataDir(config.dataDir), 'pscan.sqlite')), logger);
  const metrics = createMetrics();
  const events = new ScanEvents();
  // Every scan's writes, grouped into one transaction per turn of the event loop.
  const writes = new WriteBatcher((fn) => store.transaction(fn));
  // The authenticator asks the token service about revocations; the service mints with its key.
  const authenticator: Authenticator = new Authenticator(config, { isRevoked: (jti) => tokens.isRevoked(jti) });
  const tokens = new TokenService(store, authenticator.canMint ? (claims) => authenticator.mint(claims) : undefined);
  const host = await buildExecutionHost(config, config.interface, overrides);
  const { scope, nmapInfo: nmap } = host;
  const webhookPolicy = new WebhookUrlPolicy(config.webhooks.allow);
  if (config.webhooks.changesUrl) {
    try {
      webhookPolicy.checkUrl(config.webhooks.changesUrl);
    } catch (err) {
      throw new ConfigError(`setting webhooks.changesUrl (PSCAN_WEBHOOK_CHANGES_URL): ${(err as Error).message}`);
    }
  }
  const history = new AssetHistory(store);
  const retention = new HistoryRetention(store, config.history, logger);
  const outbox = new WebhookOutbox({
    store,
    policy: webhookPolicy,
    settings: config.webhooks,
    logger,
    scans: new ScanReader(store),
    serverSecret: config.webhooks.secret,
    ...(overrides.dnsLookup ? { lookup: overrides.dnsLookup } : {}),
    onTry: (deliveryId, state) => {
      metrics.webhookTries.inc({ outcome: state === 'pending' ? 'retry' : state });
      overrides.onWebhookTry?.(deliveryId, state);
    },
  });
  let catalogs: CatalogService;
  try {
    catalogs = await CatalogService.load(store, config.classify.catalogs, config.classify);
  } catch (err) {
    throw new ConfigError(`setting classify.catalogs (PSCAN_CATALOGS): ${(err as Error).message}`);
  }
  const fingerprintEngine = installConfiguredFingerprints(config, logger);
  const has = (tool: string): boolean => tool === 'nmap' && nmap.available;
  const onFinished = (scanId: string, status: ScanStatus): void => outbox.scanFinished(scanId, status);
  const dispatcher = config.queue.url
    ? new QueueDispatcher(
        {
          url: config.queue.url,
          prefix: config.queue.prefix,
          chunkHosts: config.queue.chunkHosts,
          caps: {
            globalPacketsPerSecond: config.limits.globalPacketsPerSecond,
            perTargetPacketsPerSecond: config.limits.perTargetPacketsPerSecond,
            fragilePacketsPerSecond: config.fragile.packetsPerSecond,
            fragileCidrs: [...config.fragile.cidrs],
            fragileGapMs: config.fragile.gapMs,
            perTargetConcurrency: config.limits.perTargetConcurrency,
            maxConcurrentProbesPerScan: config.limits.maxConcurrentProbesPerScan,
            bannerMaxBytes: config.probes.bannerMaxBytes,
            discoveryConcurrency: config.discovery.concurrency,
          },
          catalogs,
        },
        { store, writes, events, metrics, logger, onFinished, history },
      )
    : undefined;
  const limits = { ...config.limits, bannerMaxBytes: config.probes.bannerMaxBytes, discoveryConcurrency: config.discovery.concurrency };
  const runner: ScanExecutor = dispatcher ?? new ScanRunner({
    ...executionEnv(host, {
      pacing: new PacketLimiter(config.limits.globalPacketsPerSecond, config.limits.perTargetPacketsPerSecond, undefined, config.fragile.packetsPerSecond),
      isFragile: cidrMatcher(config.fragile.cidrs),
      fragileGapMs: config.fragile.gapMs,
      inScope: (ip) => scope.allowsIp(ip),
      catalogs,
      logger,
      limits,
    }),
    limits,
    has,
    store,
    writes,
    onFinished,
    history,
    events,
    metrics,
  });
  const scans: ScanService = new ScanService({
    store,
    outbox,
    webhookPolicy,
    webhookSecret: config.webhooks.secret,
    changesWebhook: config.webhooks.changesUrl,
    requestHashKey: dataDirSecret(config.dataDir, 'request-hash-key'),
    runner,
    events,
    scope,
    lookupProbe: findProbe,
    logger,
    metrics,
    limits: { ...config.limits, discoveryPorts: config.discovery.tcpPorts.length },
    intrusive: config.policy.intrusive,
    snmpCredentials: serverCredentials(config.planner.snmpCredentials),
    catalogs,
  });
  const sseStreams = new SseStreams({ streams: config.limits.sseStreams, streamsPerPrincipal: config.limits.sseStreamsPerPrincipal, maxLag: config.limits.sseMaxLag });
  const controllers: ControllerFactories = new Map<unknown, () => unknown>([
    [ScansController, () => new ScansController(scans, sseStreams)],
    [ProbesController, () => new ProbesController((tools) => runner.lacking(tools))],
    [FingerprintsController, () => new FingerprintsController(fingerprintEngine)],
    [HealthController, () => new HealthController(store, () => nmap, dispatcher && (() => dispatcher.ping()))],
    [SensorsController, () => new SensorsController(dispatcher && (() => dispatcher.registry.list()))],
    [CatalogsController, () => new CatalogsController(catalogs)],
    [AssetsController, () => new AssetsController(new AssetService(store, config.assets.halfLifeHours * 3600 * 1000))],
    [TokensController, () => new TokensController(tokens)],
    [HistoryController, () => new HistoryController(new ChangeFeed(store))],
  ]);
  // Unfinished scans first (they may fail and so activate their deliveries), then the outbox.
  dispatcher?.start();
  await scans.recover();
  outbox.start();
  retention.start();
  const app = createApp({ authenticator, principalLimiter: new PrincipalRateLimiter(config.limits.requestsPerMinutePerPrincipal), controllers, metrics, logger, maxBodyBytes: config.limits.maxBodyBytes, metricsPublic: config.metricsPublic });
  return {
    app,
    scans,
    store,
    runner,
    logger,
    authenticator,
    tokens,
    sseStreams,
    /** Stop running scans (within the grace period), then close the store. */
    async close(graceMs = config.limits.shutdownGraceMs) {
      await runner.shutdown(graceMs);
      await outbox.stop();
      retention.stop();
      store.close();
    },
  };
}

export type Service = Awaited<ReturnType<typeof compose>>;
