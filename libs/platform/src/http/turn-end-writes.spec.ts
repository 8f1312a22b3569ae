import { createServer, IncomingMessage, request, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeAtTurnEnd } from './turn-end-writes';

/** One GET over a fresh connection: its status and body. */
function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ port, host: '127.0.0.1', path, agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('writeAtTurnEnd', () => {
  let server: Server;
  let port: number;
  let handle: (req: IncomingMessage, res: ServerResponse) => void;

  beforeAll(async () => {
    server = createServer((req, res) => handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('writes nothing while the turn runs, then the whole answer with its status and headers', async () => {
    const seen: boolean[] = [];
    handle = (_req, res) => {
      writeAtTurnEnd(res, 418, { 'content-type': 'text/plain', 'x-kind': 'teapot' }, 'short and stout');
      seen.push(res.headersSent);
      setImmediate(() => seen.push(res.headersSent));
    };
    const answer = await get(port, '/');
    expect(answer).toEqual({ status: 418, body: 'short and stout' });
    expect(seen).toEqual([false, true]);
  });

  it("writes a turn's answers in the order they were ready", async () => {
    const order: string[] = [];
    const held: ServerResponse[] = [];
    handle = (req, res) => {
      held.push(res);
      if (held.length < 3) return;
      // all three answered in one turn, the last one first
      for (const r of [...held].reverse()) {
        writeAtTurnEnd(r, 200, {}, r.req.url!);
        r.once('finish', () => order.push(r.req.url!));
      }
    };
    const answers = await Promise.all(['/a', '/b', '/c'].map((p) => get(port, p)));
    expect(answers.map((a) => a.body)).toEqual(['/a', '/b', '/c']);
    expect(order).toEqual([...held].reverse().map((r) => r.req.url));
  });

  it('drops the connection of an answer whose header node refuses, and still writes the others', async () => {
    const first = new Promise<{ status: number; body: string } | Error>((resolve) => {
      handle = (req, res) => {
        if (req.url === '/bad') writeAtTurnEnd(res, 200, { 'x-bad': 'line\nbreak' }, 'never');
        else writeAtTurnEnd(res, 200, {}, 'fine');
      };
      get(port, '/bad').then(resolve, resolve);
    });
    const [bad, good] = await Promise.all([first, get(port, '/good')]);
    expect(bad).toMatchObject({ code: 'ECONNRESET' }); // the client's error: the connection closed with no answer
    expect(good).toEqual({ status: 200, body: 'fine' });
  });

  it('drops quietly the answer of a client that left before the turn ended', async () => {
    const left = new Promise<{ finished: boolean }>((resolve) => {
      handle = (req, res) => {
        res.once('close', () => resolve({ finished: res.writableFinished }));
        req.socket.destroy(); // the client's connection is gone before its answer is written
        writeAtTurnEnd(res, 200, {}, 'too late');
      };
    });
    await expect(get(port, '/gone')).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(await left).toEqual({ finished: false });
    handle = (_req, res) => writeAtTurnEnd(res, 200, {}, 'still serving');
    expect(await get(port, '/next')).toEqual({ status: 200, body: 'still serving' });
  });
});
