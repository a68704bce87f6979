import { sensorCommand } from './cli/sensor.js';

process.exitCode = await sensorCommand(process.argv.slice(2));
