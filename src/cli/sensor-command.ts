import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/config.js';
import { startSensor } from '../sensors/sensor.js';

export const SENSOR_USAGE = `usage: pscan sensor --site NAME --cidrs CIDR[,CIDR…] [--interface IF] [--capacity N] [--queue URL]

Serves one site for an API started with the same PSCAN_QUEUE_URL: takes that site's work from
Redis, probes, and sends the results back. Every option may come from config/env instead:
PSCAN_SENSOR_SITE, PSCAN_SENSOR_CIDRS, PSCAN_INTERFACE, PSCAN_SENSOR_CAPACITY, PSCAN_QUEUE_URL.`;

/** Runs a sensor until SIGTERM/SIGINT; returns the exit code (78 for a configuration error). */
export async function sensorCommand(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { site: { type: 'string' }, cidrs: { type: 'string' }, interface: { type: 'string' }, capacity: { type: 'string' }, queue: { type: 'string' }, help: { type: 'boolean' } },
    }));
  } catch (err) {
    process.stderr.write(`pscan sensor: ${(err as Error).message}\n${SENSOR_USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${SENSOR_USAGE}\n`);
    return 0;
  }
  // The flags are read as the env vars they stand for, so one validation covers both.
  const env = { ...process.env };
  const flags: Array<[string | undefined, string]> = [[values.queue, 'PSCAN_QUEUE_URL'], [values.site, 'PSCAN_SENSOR_SITE'], [values.cidrs, 'PSCAN_SENSOR_CIDRS'], [values.interface, 'PSCAN_INTERFACE'], [values.capacity, 'PSCAN_SENSOR_CAPACITY']];
  for (const [value, name] of flags) if (value !== undefined) env[name] = value;
  let sensor;
  try {
    const config = loadConfig({ env });
    if (!config.sensor.site) throw new ConfigError('a sensor needs its site: --site or PSCAN_SENSOR_SITE');
    sensor = await startSensor(config, { site: config.sensor.site, cidrs: config.sensor.cidrs, capacity: config.sensor.capacity, interface: config.interface });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`pscan sensor: configuration error: ${err.message}\n`);
    return 78;
  }
  const { info } = sensor;
  process.stdout.write(`pscan sensor ${info.id} serving site ${info.site} (${info.cidrs.join(', ')}), capacity ${info.capacity}\n`);
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  process.stdout.write(`pscan sensor ${info.id}: ${signal}, finishing running jobs\n`);
  await sensor.close();
  return 0;
}
