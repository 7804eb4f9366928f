// Finds the system browsers the tests and `npm start` use. Never downloads a browser build:
// on Debian as root, a missing one is installed from Debian's packages; elsewhere we say how.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

/** Flags for a quiet Chromium on a machine without network: no background traffic at all. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-default-apps',
];

function isDebianRoot() {
  return process.getuid?.() === 0 && existsSync('/etc/debian_version');
}

function aptInstall(pkg) {
  console.log(`[browsers] installing Debian package ${pkg}…`);
  execSync('apt-get update -qq', { stdio: 'inherit' });
  execSync(`DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${pkg}`, { stdio: 'inherit' });
}

/** Path of Chromium: $CHROMIUM_PATH, else /usr/bin/chromium (installed on Debian as root). */
export function ensureChromium() {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (existsSync(path)) return path;
  if (!process.env.CHROMIUM_PATH && isDebianRoot()) {
    aptInstall('chromium');
    if (existsSync(path)) return path;
  }
  throw new Error(
    `Chromium not found at ${path}. Install it (Debian/Ubuntu: sudo apt-get install chromium) ` +
      'or set CHROMIUM_PATH to a Chromium or Chrome for Testing binary.',
  );
}

/** Path of Firefox ESR for the Firefox smoke test: $FIREFOX_PATH, else /usr/bin/firefox-esr. */
export function ensureFirefox({ install = true } = {}) {
  const path = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
  if (existsSync(path)) return path;
  if (install && !process.env.FIREFOX_PATH && isDebianRoot()) {
    aptInstall('firefox-esr');
    if (existsSync(path)) return path;
  }
  return null;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(ensureChromium());
  console.log(ensureFirefox() ?? 'firefox: not available');
}
