import { bundleWebClient } from '../../scripts/bundle-web.mjs';

/** vitest global setup: tests render pages that inline the bundle, so build it from the current sources first. */
export default async function setup(): Promise<void> {
  await bundleWebClient();
}
