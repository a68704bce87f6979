import { parentPort, workerData } from 'node:worker_threads';
import type { DeviceSignature } from './catalog.js';
import { buildCatalogTrees } from './tree.js';

parentPort!.postMessage(buildCatalogTrees(workerData as DeviceSignature[]));
