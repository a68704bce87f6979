import { sensorCommand } from './cli/sensor-command.js';

process.exitCode = await sensorCommand(process.argv.slice(2));
