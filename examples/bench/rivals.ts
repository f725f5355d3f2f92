import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Figure } from './report.js';

/**
 * The Mastra / VoltAgent row. Their packages (~590 with their dependencies) live in
 * examples/bench-rivals, outside the workspace, installed only by `pnpm bench:rivals`; when they are
 * installed, that bench is built and run in its own process (its imports register an OTel SDK and
 * timers this process should not carry) and its figures are read back as JSON.
 */

const rivalsDir = fileURLToPath(new URL('../../bench-rivals/', import.meta.url));
const label = 'Mastra / VoltAgent, 200 no-op steps, tracing off: tooltrace ÷ fastest rival (CPU median, worse shape)';

interface Spread {
  min: number;
  median: number;
}
type Side = 'tooltrace' | 'tooltracePrepared' | 'mastra' | 'voltagent' | 'voltagentNoCheckpoints';
interface RivalsResult {
  versions: Record<'tooltrace' | 'mastra' | 'voltagent', string>;
  cost: Record<'sequential' | 'parallel', Record<Side, { cpu: Spread; wall: Spread }>>;
  leadRatio: Record<'sequential' | 'parallel', number>;
}

const notMeasured = (shown: string): Figure => ({
  key: 'rivalsLeadRatio',
  label,
  value: null,
  shown,
  goal: '< 1 (keep the lead)',
  met: null,
});

export function rivals(details: Record<string, unknown>, quick: boolean): Figure {
  const installed = ['@mastra/core', '@voltagent/core'].every((name) => existsSync(`${rivalsDir}node_modules/${name}/package.json`));
  if (!installed) return notMeasured('not measured: run pnpm bench:rivals');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  let result: RivalsResult;
  try {
    execFileSync(process.execPath, [tsc, '-p', rivalsDir], { stdio: ['ignore', 'inherit', 'inherit'] });
    const output = execFileSync(process.execPath, [`${rivalsDir}dist/bench-rivals/main.js`, '--json', ...(quick ? ['--quick'] : [])], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    result = JSON.parse(output) as RivalsResult;
  } catch (error) {
    console.error(`  the rivals bench failed: ${error instanceof Error ? error.message : String(error)}`);
    return notMeasured('not measured: the rivals bench failed (above)');
  }
  details.rivals = result;
  const worse = Math.max(result.leadRatio.sequential, result.leadRatio.parallel);
  const shape = (name: 'sequential' | 'parallel') => {
    const cost = result.cost[name];
    const µs = (side: Side) => cost[side].cpu.median.toFixed(1);
    return `${name} tooltrace ${µs('tooltrace')} (prepared ${µs('tooltracePrepared')}), Mastra ${µs('mastra')}, VoltAgent ${µs('voltagent')} (no checkpoints ${µs('voltagentNoCheckpoints')}) µs/step`;
  };
  return {
    key: 'rivalsLeadRatio',
    label,
    value: worse,
    shown: `${worse.toFixed(2)}×`,
    goal: '< 1 (keep the lead)',
    met: worse < 1,
    detail: `${shape('sequential')}; ${shape('parallel')} (CPU medians; tooltrace ${result.versions.tooltrace}, @mastra/core ${result.versions.mastra}, @voltagent/core ${result.versions.voltagent})`,
  };
}
