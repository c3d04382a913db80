// A real Chromium for browser tests: Debian's /usr/bin/chromium (scripts/setup-chromium.sh
// installs it) driven by playwright-core, headless, with nothing fetched from the network.
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.QUOTIENT_CHROMIUM ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
