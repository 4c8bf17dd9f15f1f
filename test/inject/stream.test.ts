import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createHtmlInjectionStream } from '../../src/inject/stream';

async function collect(source: Readable, transform: ReturnType<typeof createHtmlInjectionStream>): Promise<string> {
  const parts: Buffer[] = [];
  await pipeline(source, transform, async (chunks: AsyncIterable<Buffer>) => {
    for await (const chunk of chunks) parts.push(chunk);
  });
  return Buffer.concat(parts).toString();
}

describe('HtmlInjectionStream', () => {
  it('injects into a piped stream and reports', async () => {
    const stream = createHtmlInjectionStream({ bodyStart: Buffer.from('[S]'), bodyEnd: Buffer.from('[E]') });
    const page = ['<html><bo', 'dy class="a>b">hel', 'lo</bo', 'dy></html>'].map((s) => Buffer.from(s));
    expect(await collect(Readable.from(page), stream)).toBe('<html><body class="a>b">[S]hello[E]</body></html>');
    expect(stream.report).toMatchObject({ bodyStart: 'body-tag', bodyEnd: 'body-end-tag' });
  });

  it('accepts strings written with an encoding', async () => {
    const second = createHtmlInjectionStream({ bodyStart: Buffer.from('[S]') });
    const parts: Buffer[] = [];
    second.on('data', (chunk: Buffer) => parts.push(chunk));
    second.write('<body>', 'latin1');
    second.end('Привет</body>', 'utf8');
    await new Promise((resolve) => second.on('end', resolve));
    expect(Buffer.concat(parts).toString()).toBe('<body>[S]Привет</body>');
  });
});
