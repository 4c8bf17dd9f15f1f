'use strict';
/**
 * The readers the cache tests and benchmarks send to the example site: five places (each address
 * placed there by the pinned geo data, see test/geo/golden-ips.json), five Accept-Language headers,
 * and the ten pages the site lets a shared cache keep. One list, so a test's assertion and a
 * benchmark's figure are about the same traffic.
 */

const VISITORS = [
  { name: 'Moscow', ip: '5.228.128.1', country: 'RU', region: 'RU-MOW' },
  { name: 'Crimea', ip: '31.135.112.1', country: 'UA', region: 'UA-43' },
  { name: 'Kyiv', ip: '134.249.32.1', country: 'UA', region: 'UA-30' },
  { name: 'California', ip: '17.107.0.1', country: 'US', region: 'US-CA' },
  { name: 'Berlin', ip: '34.32.64.1', country: 'DE', region: 'DE-BE' },
];

/** `undefined`: no Accept-Language header at all. */
const LANGUAGES = ['ru', 'uk,ru;q=0.8', 'en-US,en;q=0.9', 'de-DE,de;q=0.9', undefined];

/** Shareable pages of the example site (its video page renders the notice itself, so it is private). */
const SHAREABLE_PAGES = [
  '/',
  '/?page=2',
  '/articles/river-crossing',
  '/articles/library-night',
  '/articles/orchard-count',
  '/articles/river-crossing?ref=home',
  '/about',
  '/about?lang=en',
  '/missing',
  '/missing?from=search',
];

module.exports = { VISITORS, LANGUAGES, SHAREABLE_PAGES };
