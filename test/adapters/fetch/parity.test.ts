/**
 * The two adapters are one pipeline: for the same visitor, path and rules, the middleware and
 * `geonotice/fetch` give byte-identical pages, over the injector's corpus of tricky pages and over
 * generated pages cut into random chunks.
 */
import fc from 'fast-check';
import express from 'express';
import { geonotice } from '../../../src';
import { geonoticeFetch } from '../../../src/fetch';
import { failOnError, fetchRaw, inCrimea, rules } from '../../helpers/geonotice-app';
import { PLACEMENT_CASES } from '../../pipeline/html/corpus';
import { page } from '../../pipeline/html/generators';
import { withoutTokens } from '../../pipeline/html/helpers';

// Both placements at once: /start/… carries a body-start notice, /end/… a body-end one.
const PATHS = ['/start/page', '/end/page'];

function middlewareApp(pages: Map<string, string>) {
  const app = express();
  app.use(geonotice({ rules: rules('placements'), geo: inCrimea, onError: failOnError }));
  app.get('/:placement/page', (req, res) => res.type('html').send(pages.get(req.query.id as string)));
  return app;
}

const edge = geonoticeFetch({
  rules: rules('placements'),
  geo: () => ({ country: 'UA', region: 'UA-43' }),
  onError: failOnError,
});

async function throughFetch(path: string, html: string, cuts: readonly number[] = []): Promise<string> {
  const bytes = new TextEncoder().encode(html);
  const bounds = [0, ...cuts.filter((cut) => cut > 0 && cut < bytes.length).sort((a, b) => a - b), bytes.length];
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 1; i < bounds.length; i++) controller.enqueue(bytes.slice(bounds[i - 1], bounds[i]));
      controller.close();
    },
  });
  const response = await edge.transform(
    new Request(`https://example.test${path}`),
    new Response(body, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }),
  );
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
}

describe('node:http and Fetch give the same page', () => {
  const pages = new Map(
    PLACEMENT_CASES.map((placementCase, index) => [String(index), withoutTokens(placementCase.expected)]),
  );
  const app = middlewareApp(pages);

  it.each(PATHS)('%s: every page of the injector corpus, byte for byte', async (path) => {
    let injected = 0;
    for (const [id, html] of pages) {
      const viaNode = (await fetchRaw(app, `${path}?id=${id}`)).body.toString('utf8');
      expect(await throughFetch(path, html)).toBe(viaNode);
      if (viaNode.includes('data-geonotice=')) injected++;
    }
    // Identical pages prove nothing if neither adapter injected: every corpus page gets its notice.
    expect(injected).toBe(pages.size);
  });

  it('generated pages cut into random chunks come out as the middleware sends them whole', async () => {
    const generated = new Map<string, string>();
    const nodeApp = middlewareApp(generated);
    await fc.assert(
      fc.asyncProperty(
        page(),
        fc.array(fc.nat({ max: 400 }), { maxLength: 6 }),
        fc.constantFrom(...PATHS),
        async (html, cuts, path) => {
          generated.set('g', html);
          const viaNode = (await fetchRaw(nodeApp, `${path}?id=g`)).body.toString('utf8');
          expect(await throughFetch(path, html, cuts)).toBe(viaNode);
        },
      ),
      { numRuns: 60 },
    );
  });
});
