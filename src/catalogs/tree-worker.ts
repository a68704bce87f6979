import { parentPort, workerData } from 'node:worker_threads';
import type { DeviceSignature } from '../probes/classify/catalog.js';
import { buildCatalogTrees } from '../probes/classify/tree.js';

parentPort!.postMessage(buildCatalogTrees(workerData as DeviceSignature[]));
