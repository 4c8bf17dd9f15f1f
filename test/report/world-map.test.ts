// Runs d3-geo (ESM only) under jest: jest.config.js lets swc transform it.
import { html } from '../../src/report/html';
import { alpha2OfNumeric } from '../../src/rules/region-names';
import { countryShapes, mappedCountries, renderWorldMap } from '../../src/report/world-map';

describe('world map', () => {
  it('maps world-atlas numeric ids to ISO alpha-2 codes', () => {
    expect(alpha2OfNumeric('643')).toBe('RU');
    expect(alpha2OfNumeric('804')).toBe('UA');
    expect(alpha2OfNumeric('20')).toBe('AD');
  });

  it('projects the countries of Natural Earth 1:110m, without Antarctica', () => {
    const countries = mappedCountries();
    for (const code of ['RU', 'UA', 'DE', 'US', 'BR', 'AU']) expect(countries.has(code)).toBe(true);
    expect(countries.has('AQ')).toBe(false);
    expect(countries.has('MT')).toBe(false); // too small at this scale: the report lists it beside the map
    for (const shape of countryShapes()) expect(shape.d).toMatch(/^M[-0-9.,]+L/);
  });

  it('paints each country as told and escapes its hover text', () => {
    const svg = renderWorldMap(
      (shape) => ({ fill: shape.alpha2 === 'RU' ? '#c8553d' : '#dfe3e8', title: `${shape.name} <&>` }),
      () => html`<pattern id="p"></pattern>`,
      'test map',
    ).markup;
    expect(svg).toMatch(/^<svg class="map" viewBox="[-0-9. ]+" role="img" aria-label="test map"><defs><pattern id="p"><\/pattern><\/defs>/);
    expect(svg).toMatch(/fill="#c8553d"><title>Russia &lt;&amp;&gt;<\/title>/);
    expect(svg.match(/<path /g)).toHaveLength(countryShapes().length);
  });
});
