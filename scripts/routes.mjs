// Finishes tsoa's generated routes (src/http/generated/routes.ts, or the file given): the scan body
// and the fingerprint match body (a union, which tsoa reports as one unreadable line) are validated
// once, by the service's own validators (which report every bad field with its JSON Pointer), so
// tsoa's second check of the same body against its schema is taken out. The OpenAPI document still describes the body in full.
// Run by `npm run generate` after `tsoa spec-and-routes`, and by the staleness test.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = process.argv[2] ?? path.join(root, 'src', 'http', 'generated', 'routes.ts');
const BODY_VALIDATED_BY_US = ['ScansController_createScan', 'FingerprintsController_matchFingerprints'];

let routes = readFileSync(file, 'utf8');
for (const operation of BODY_VALIDATED_BY_US) {
  const args = new RegExp(`(const args${operation}: Record<string, TsoaRoute\\.ParameterSchema> = \\{\\s*body: \\{"in":"body","name":"body","required":true,)"ref":"[A-Za-z]+"\\}`);
  if (!args.test(routes)) throw new Error(`${file}: no body argument of ${operation} to hand to the service's own validator (has tsoa's template changed?)`);
  routes = routes.replace(args, '$1"dataType":"any"}');
}
writeFileSync(file, routes);
