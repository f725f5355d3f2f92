import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium, installed by `.ci/run` (apt-get install chromium); never downloaded. */
export const CHROMIUM_PATH = process.env.TOOLTRACE_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Launches headless Chromium, or fails saying how to install it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run \`apt-get install -y chromium\` (or set TOOLTRACE_CHROMIUM).`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}

/** The pages a test file opens in one headless Chromium, and the errors they report. */
export interface PageSession {
  /** Page errors (and, with `consoleErrors`, console errors) of every page opened so far. */
  readonly problems: string[];
  /** Opens `url` in a new page and waits until the inspector marks the page ready. */
  open(url: string): Promise<Page>;
  /** Closes every page, then the browser. */
  close(): Promise<void>;
}

/** Launches Chromium for a test file; pages open `width` px wide (1000 px high). */
export async function openPageSession(options: { width?: number; consoleErrors?: boolean } = {}): Promise<PageSession> {
  const browser = await launchChromium();
  const pages: Page[] = [];
  const problems: string[] = [];
  return {
    problems,
    async open(url) {
      const page = await browser.newPage({ viewport: { width: options.width ?? 1440, height: 1000 } });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      if (options.consoleErrors)
        page.on('console', (message) => {
          if (message.type() === 'error') problems.push(`console: ${message.text()}`);
        });
      pages.push(page);
      await page.goto(url);
      await page.waitForSelector('body[data-ready]');
      return page;
    },
    async close() {
      for (const page of pages) await page.close();
      await browser.close();
    },
  };
}
