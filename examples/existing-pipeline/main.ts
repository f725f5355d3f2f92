import type { AddressInfo } from 'node:net';
import { startTelemetry } from './telemetry.js';

// Telemetry first, then the modules that use `http`: the usual NodeSDK rule.
const sdk = startTelemetry({ serviceName: 'incident-service' });
const { createInventoryService } = await import('./inventory-service.js');
const { createIncidentService } = await import('./incident-service.js');

const inventoryPort = Number(process.env.INVENTORY_PORT ?? 8081);
const incidentPort = Number(process.env.PORT ?? 8080);

const inventory = createInventoryService().listen(inventoryPort, '127.0.0.1');
await new Promise((resolve) => inventory.once('listening', resolve));
const inventoryUrl = `http://127.0.0.1:${(inventory.address() as AddressInfo).port}`;
const incidents = createIncidentService({ inventoryUrl }).listen(incidentPort, '127.0.0.1');
await new Promise((resolve) => incidents.once('listening', resolve));

console.log(`incident service: curl 'http://127.0.0.1:${(incidents.address() as AddressInfo).port}/incidents?host=web-01'`);
console.log(`inventory service: ${inventoryUrl}/hosts/web-01`);
console.log('spans go to OTEL_EXPORTER_OTLP_ENDPOINT (default http://localhost:4318); see docker/README.md');

const stop = (): void => {
  incidents.close();
  inventory.close();
  void sdk.shutdown().finally(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
