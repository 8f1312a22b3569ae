import { readSse, SseParser } from './sse';

describe('SseParser', () => {
  it('reads named events whose lines arrive split anywhere', () => {
    const parser = new SseParser();
    const text = 'event: status\ndata: {"a":1}\n\nevent: status\ndata: {"a":2}\n\n';
    const events = [...text].flatMap((ch) => parser.push(ch));
    expect(events).toEqual([
      { event: 'status', data: '{"a":1}' },
      { event: 'status', data: '{"a":2}' },
    ]);
  });

  it('joins data lines, keeps id and retry, ignores comments and unknown fields', () => {
    const parser = new SseParser();
    expect(parser.push(': keep-alive\nid: 7\nretry: 1500\nfoo: bar\ndata: one\ndata:two\n\n')).toEqual([
      { event: 'message', data: 'one\ntwo', id: '7', retry: 1500 },
    ]);
  });

  it('takes CRLF and CR line ends, also a CRLF split between two pieces', () => {
    const parser = new SseParser();
    expect([...parser.push('data: a\r'), ...parser.push('\n\r\n'), ...parser.push('data: b\r\r')]).toEqual([
      { event: 'message', data: 'a' },
      { event: 'message', data: 'b' },
    ]);
  });

  it('dispatches nothing for an event without data, and drops an unfinished one at the end', () => {
    const parser = new SseParser();
    expect(parser.push('event: ping\n\ndata: half')).toEqual([]);
    expect(parser.end()).toEqual([]);
  });
});

describe('readSse', () => {
  it('yields the events of a streamed body, multi-byte characters split across pieces included', async () => {
    const bytes = Buffer.from('data: é\n\n');
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.subarray(0, 7)); // "data: " + the first byte of é
        c.enqueue(bytes.subarray(7));
        c.close();
      },
    });
    const events = [];
    for await (const e of readSse(stream)) events.push(e);
    expect(events).toEqual([{ event: 'message', data: 'é' }]);
  });
});
