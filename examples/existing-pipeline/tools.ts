import { type AnyTool, defineTool } from '@tooltrace/core';
import { z } from 'zod';
import { getJson } from './http-json.js';

const hostRecord = z.object({ host: z.string(), owner: z.string(), cpuPercent: z.number() });

/** Tools of the incident service; `inventory_lookup` calls the inventory service over HTTP. */
export function incidentTools(inventoryUrl: string): AnyTool[] {
  const inventoryLookup = defineTool({
    name: 'inventory_lookup',
    description: 'Looks a host up in the inventory service',
    input: z.object({ host: z.string() }),
    output: hostRecord,
    run: async ({ host }, ctx) => hostRecord.parse(await getJson(`${inventoryUrl}/hosts/${encodeURIComponent(host)}`, ctx.signal)),
  });

  const runbookSearch = defineTool({
    name: 'runbook_search',
    description: "Finds the owning team's runbook for the symptom",
    input: z.object({ owner: z.string(), cpuPercent: z.number() }),
    output: z.object({ runbook: z.string() }),
    run: ({ owner, cpuPercent }) => ({
      runbook: `https://runbooks.example/${owner}/${cpuPercent > 90 ? 'high-cpu' : 'general'}`,
    }),
  });

  return [inventoryLookup, runbookSearch];
}
