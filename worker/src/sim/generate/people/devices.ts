/**
 * Browsers and apps people sign in with, as LoginHistory (`Browser`, `Platform`), Logout
 * (`PLATFORM_TYPE` codes) and LightningPageView (`OS_NAME`, `BROWSER_NAME`) report them.
 * Values follow the real samples (cribl LoginHistory: "Chrome 139", "Mac OSX", "Windows 10").
 */
import type { Device } from '../model';
import type { Rng } from '../prng';

const DESKTOPS: readonly Device[] = [
  {
    browser: 'Chrome 131', platform: 'Windows 10', platformCode: '1015', osName: 'WINDOWS', osVersion: '10', browserName: 'CHROME', browserVersion: '131',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  },
  {
    browser: 'Edge 131', platform: 'Windows 10', platformCode: '1015', osName: 'WINDOWS', osVersion: '10', browserName: 'EDGE', browserVersion: '131',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  },
  {
    browser: 'Chrome 131', platform: 'Mac OSX', platformCode: '2003', osName: 'MAC_OSX', osVersion: '10.15.7', browserName: 'CHROME', browserVersion: '131',
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  },
  {
    browser: 'Safari 18', platform: 'Mac OSX', platformCode: '2003', osName: 'MAC_OSX', osVersion: '10.15.7', browserName: 'SAFARI', browserVersion: '18',
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  },
  {
    browser: 'Firefox 133', platform: 'Windows 10', platformCode: '1015', osName: 'WINDOWS', osVersion: '10', browserName: 'FIREFOX', browserVersion: '133',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  },
];

const MOBILES: readonly Device[] = [
  {
    browser: 'Salesforce App 252', platform: 'iPhone', platformCode: '5006', osName: 'IOS', osVersion: '18.1', browserName: 'SALESFORCE_APP', browserVersion: '252',
    userAgent: 'SalesforceMobileSDK/11.1.0 iOS/18.1 (iPhone) Salesforce/252.010',
  },
  {
    browser: 'Salesforce App 252', platform: 'Android 14', platformCode: '5005', osName: 'ANDROID', osVersion: '14', browserName: 'SALESFORCE_APP', browserVersion: '252',
    userAgent: 'SalesforceMobileSDK/11.1.0 android mobile/14 (Pixel 8) Salesforce/252.010',
  },
];

/** What an attacker's tooling looks like: a headless browser on Linux. */
export const ATTACKER_DEVICE: Device = {
  browser: 'Chrome 120', platform: 'Linux', platformCode: '4000', osName: 'LINUX', osVersion: '', browserName: 'CHROME', browserVersion: '120',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.109 Safari/537.36',
};

/** API clients: what LoginHistory shows for OAuth / SOAP integrations. */
export const API_DEVICE: Device = {
  browser: 'Unknown', platform: 'Unknown', platformCode: '', osName: '', osVersion: '', browserName: '', browserVersion: '',
  userAgent: 'Jetty/9.4 (integration) Java/17',
};

export function desktopDevice(rng: Rng): Device {
  return rng.weighted(DESKTOPS.map((d, i) => [d, [40, 15, 25, 10, 10][i] ?? 10] as const));
}

export function mobileDevice(rng: Rng): Device {
  return rng.pick(MOBILES);
}
