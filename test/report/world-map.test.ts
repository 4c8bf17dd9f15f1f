// Runs d3-geo (ESM only) under jest: jest.config.js lets swc transform it.
import { geoContains } from 'd3-geo';
import { countryFeatures, subdivisionShape, subdivisionsOf } from '../../src/report/map-data';
import { alpha2OfNumeric } from '../../src/rules/region-names';
import { countryShapes, mappedCountries, renderCountryDetail, renderWorldMap } from '../../src/report/world-map';

const SIMFEROPOL: [number, number] = [34.1, 44.95];
const SEVASTOPOL: [number, number] = [33.52, 44.6];
const MOSCOW: [number, number] = [37.62, 55.75];

describe('map data', () => {
  it('maps Natural Earth numeric ids to ISO alpha-2 codes, Kosovo included', () => {
    expect(alpha2OfNumeric('643')).toBe('RU');
    expect(alpha2OfNumeric('804')).toBe('UA');
    expect(mappedCountries().has('XK')).toBe(true);
  });

  it('draws Crimea and Sevastopol as part of Ukraine, not of Russia', () => {
    const shape = (code: string) => countryFeatures().find((country) => country.alpha2 === code)?.shape;
    const ukraine = shape('UA');
    const russia = shape('RU');
    if (ukraine === undefined || russia === undefined) throw new Error('no shape for Ukraine or Russia');
    for (const place of [SIMFEROPOL, SEVASTOPOL]) {
      expect(geoContains(ukraine, place)).toBe(true);
      expect(geoContains(russia, place)).toBe(false);
    }
    expect(geoContains(russia, MOSCOW)).toBe(true);
    const crimea = subdivisionShape('UA-43');
    if (crimea === undefined) throw new Error('no shape for UA-43');
    expect(geoContains(crimea, SIMFEROPOL)).toBe(true);
  });

  it('has every subdivision of Ukraine by its ISO code, and small ones such as Brussels', () => {
    const codes = subdivisionsOf('UA').map(([code]) => code);
    for (const code of ['UA-43', 'UA-40', 'UA-30', 'UA-46', 'UA-65']) expect(codes).toContain(code);
    expect(codes.length).toBeGreaterThanOrEqual(27);
    expect(subdivisionShape('BE-BRU')).toBeDefined();
  });
});

describe('world map', () => {
  it('projects the countries of Natural Earth 1:110m, without Antarctica', () => {
    const countries = mappedCountries();
    for (const code of ['RU', 'UA', 'DE', 'US', 'BR', 'AU']) expect(countries.has(code)).toBe(true);
    expect(countries.has('AQ')).toBe(false);
    expect(countries.has('MT')).toBe(false); // too small at this scale: the report lists it beside the map
    for (const shape of countryShapes()) expect(shape.d).toMatch(/^M[-0-9.,]+L/);
  });

  it('paints each country and each named subdivision as told, with its code, and escapes hover text', () => {
    const svg = renderWorldMap(
      (shape) => ({ fill: shape.alpha2 === 'RU' ? '#c8553d' : '#dfe3e8', title: `${shape.name} <&>` }),
      'test map',
      ['UA-43'],
      (code) => ({ fill: '#2d7dd2', title: code }),
    ).markup;
    expect(svg).toMatch(/^<svg class="map" viewBox="[-0-9. ]+" role="img" aria-label="test map">/);
    expect(svg).toMatch(/fill="#c8553d" data-region="RU"><title>Russia &lt;&amp;&gt;<\/title>/);
    expect(svg).toMatch(
      /<g class="subdivisions"><path d="M[^"]+" fill="#2d7dd2" data-region="UA-43"><title>UA-43<\/title><\/path><\/g>/,
    );
    expect(svg.match(/<path /g)).toHaveLength(countryShapes().length + 1);
  });

  it('draws a country by its subdivisions, each with its code', () => {
    const svg =
      renderCountryDetail('UA', (code) => ({ fill: code === 'UA-43' ? '#c8553d' : '#dfe3e8', title: code }), 'Ukraine')
        ?.markup ?? '';
    expect(svg).toContain('data-country="UA"');
    expect(svg).toMatch(/fill="#c8553d" data-region="UA-43"/);
    expect(svg.match(/data-region="UA-/g)?.length).toBe(subdivisionsOf('UA').length);
    expect(renderCountryDetail('ZZ', () => ({ fill: '', title: '' }), 'nowhere')).toBeNull();
  });
});
