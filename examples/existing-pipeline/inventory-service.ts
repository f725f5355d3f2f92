import http from 'node:http';

/** What the inventory knows about a host. */
export interface HostRecord {
  host: string;
  owner: string;
  cpuPercent: number;
}

const HOSTS: Record<string, HostRecord> = {
  'web-01': { host: 'web-01', owner: 'team-web', cpuPercent: 97 },
  'db-01': { host: 'db-01', owner: 'team-data', cpuPercent: 41 },
};

/**
 * A second, separate HTTP service: `GET /hosts/{name}` answers the host's inventory record, 404 for
 * an unknown host. Auto-instrumentation gives it a SERVER span whose parent comes from the
 * caller's `traceparent` header.
 */
export function createInventoryService(): http.Server {
  return http.createServer((req, res) => {
    const name = /^\/hosts\/([\w-]+)$/.exec(req.url ?? '')?.[1];
    const record = name === undefined ? undefined : HOSTS[name];
    res.writeHead(record ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(record ?? { error: `unknown host ${name ?? req.url}` }));
  });
}
