import { DEFAULT_CATALOG } from '../probes/classify/catalog.js';
import { readCatalogFile } from '../catalogs/catalog-service.js';
import { buildTree, treeStats } from '../probes/classify/tree.js';

/** npm run --silent classify-stats -- [catalog.json]: the optimal trees' statistics as JSON. */
async function main(): Promise<number> {
  const file = process.argv[2];
  let devices;
  try {
    devices = file ? readCatalogFile(file).devices : DEFAULT_CATALOG.devices;
  } catch (err) {
    process.stderr.write(`classify-stats: ${(err as Error).message}\n`);
    return 2;
  }
  const confirm = buildTree(devices, 'confirm');
  const identify = buildTree(devices, 'identify');
  const stats = await treeStats(devices, confirm.root, identify.root);
  const { devices: n, ports, averageProbesConfirm, averageProbesIdentify, maxProbes } = stats;
  process.stdout.write(`${JSON.stringify({ devices: n, ports, averageProbesConfirm, averageProbesIdentify, maxProbes, optimal: confirm.optimal && identify.optimal })}\n`);
  return 0;
}

process.exitCode = await main();
