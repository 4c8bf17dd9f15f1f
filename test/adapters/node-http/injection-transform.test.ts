import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InjectionTransform } from '../../../src/adapters/node-http/injection-transform';
import { createHtmlInjector } from '../../../src/pipeline/html/injector';

async function collect(source: Readable, transform: InjectionTransform): Promise<string> {
  const parts: Buffer[] = [];
  await pipeline(source, transform, async (chunks: AsyncIterable<Buffer>) => {
    for await (const chunk of chunks) parts.push(chunk);
  });
  return Buffer.concat(parts).toString();
}

describe('InjectionTransform', () => {
  it('drives an injector over a piped stream', async () => {
    const injector = createHtmlInjector({ bodyStart: Buffer.from('[S]'), bodyEnd: Buffer.from('[E]') });
    const page = ['<html><bo', 'dy class="a>b">hel', 'lo</bo', 'dy></html>'].map((s) => Buffer.from(s));
    expect(await collect(Readable.from(page), new InjectionTransform(injector))).toBe(
      '<html><body class="a>b">[S]hello[E]</body></html>',
    );
    expect(injector.report).toMatchObject({ bodyStart: 'body-tag', bodyEnd: 'body-end-tag' });
  });

  it('accepts strings written with an encoding', async () => {
    const transform = new InjectionTransform(createHtmlInjector({ bodyStart: Buffer.from('[S]') }));
    const parts: Buffer[] = [];
    transform.on('data', (chunk: Buffer) => parts.push(chunk));
    transform.write('<body>', 'latin1');
    transform.end('Привет</body>', 'utf8');
    await new Promise((resolve) => transform.on('end', resolve));
    expect(Buffer.concat(parts).toString()).toBe('<body>[S]Привет</body>');
  });

  it('turns a throw of the injector into a stream error', async () => {
    const transform = new InjectionTransform({
      write: () => {
        throw new Error('broken');
      },
      end: () => [],
    });
    await expect(collect(Readable.from([Buffer.from('<body>')]), transform)).rejects.toThrow('broken');
  });
});
