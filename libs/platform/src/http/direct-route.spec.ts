/**
 * A direct route on a real Nest + fastify app over a real socket: the route Nest declares is answered by the direct
 * handler, through its guards in order (synchronous and awaited ones), with the method's status code, and every
 * refusal or failure goes through the exception filter as on Nest's own routes.
 */
import {
  Body,
  CanActivate,
  Controller,
  ExecutionContext,
  Get,
  Header,
  HttpCode,
  INestApplication,
  Module,
  Param,
  Post,
  UseGuards,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ForbiddenError, InvalidInputError } from '@modelstream/contracts';
import { DomainErrorFilter } from '../domain-error.filter';
import { fastifyAdapter } from './fastify-routes';
import { answerDirectly, checkGuards, DirectRoute, directRoute } from './direct-route';

@Controller('api')
class EchoController {
  @Post('echo')
  @HttpCode(200)
  echo(@Body() body: { say?: string }): { said: string | undefined } {
    if (body.say === 'fail') throw new InvalidInputError('say something else');
    return { said: body.say };
  }

  @Get('named/:name')
  @Header('content-type', 'application/json; charset=utf-8')
  named(@Param('name') name: string): string {
    return `{"name":"${name}"}`;
  }

  @Post('other')
  @HttpCode(200)
  other(): string {
    return 'nest';
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

/** Records the order it ran in; refuses a request whose header names it. */
class NamedGuard implements CanActivate {
  constructor(
    readonly name: string,
    private readonly seen: string[],
    private readonly awaited = false,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    this.seen.push(`${this.name}:${context.getClass().name}.${context.getHandler().name}`);
    const refuse = request.headers['x-refuse'];
    if (refuse === `${this.name}-throws`) throw new ForbiddenError(`${this.name} says no`);
    const allowed = refuse !== `${this.name}-false`;
    return this.awaited ? Promise.resolve(allowed) : allowed;
  }
}

class OtherGuard implements CanActivate {
  canActivate(): boolean {
    return true;
  }
}

describe('a direct route (answerDirectly)', () => {
  let app: INestApplication;
  let url: string;
  let routes: DirectRoute[];
  const seen: string[] = [];
  const post = (path: string, body: object, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    app = await NestFactory.create(EchoModule, fastifyAdapter(), { logger: false });
    app.useGlobalFilters(new DomainErrorFilter());
    const echo = directRoute(app, EchoController, 'echo', {
      guards: [new NamedGuard('first', seen), new NamedGuard('second', seen, true)],
      answer: (controller, request) => Promise.resolve(controller.echo(request.body as { say?: string })),
    });
    const named = directRoute(app, EchoController, 'named', {
      guards: [],
      answer: (controller, request) => controller.named((request.params as { name: string }).name),
    });
    routes = [echo, named];
    const check = answerDirectly(app.getHttpAdapter().getInstance() as FastifyInstance, routes, new DomainErrorFilter());
    await app.init();
    check();
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(() => app.close());
  beforeEach(() => seen.splice(0));

  it("takes the route's method, path, status code and headers from the controller's declaration", () => {
    expect(routes.map(({ method, url, statusCode, headers }) => ({ method, url, statusCode, headers }))).toEqual([
      { method: 'POST', url: '/api/echo', statusCode: 200, headers: undefined },
      { method: 'GET', url: '/api/named/:name', statusCode: 200, headers: { 'content-type': 'application/json; charset=utf-8' } },
    ]);
  });

  it('answers through the guards, in order, with the context of the declaring method, and the status code', async () => {
    const res = await post('/api/echo', { say: 'hi' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ said: 'hi' });
    expect(res.headers.get('x-request-id')).toBeTruthy(); // the instance's request-wide hooks still run
    expect(seen).toEqual(['first:EchoController.echo', 'second:EchoController.echo']);
  });

  it('stops at a guard that refuses: its error, or a 403 for false, through the filter', async () => {
    const thrown = await post('/api/echo', { say: 'hi' }, { 'x-refuse': 'first-throws' });
    expect(thrown.status).toBe(403);
    expect(await thrown.json()).toMatchObject({ error: 'ForbiddenError', message: 'first says no' });
    expect(seen).toEqual(['first:EchoController.echo']);

    const awaitedFalse = await post('/api/echo', { say: 'hi' }, { 'x-refuse': 'second-false' });
    expect(awaitedFalse.status).toBe(403);
  });

  it("gives the answer's failure to the exception filter", async () => {
    const res = await post('/api/echo', { say: 'fail' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'InvalidInputError', message: 'say something else' });
  });

  it("sends the route's headers, and takes an empty path parameter for no route, as Nest does", async () => {
    const res = await fetch(`${url}/api/named/ada`);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({ name: 'ada' });
    expect((await fetch(`${url}/api/named/`)).status).toBe(404);
    const head = await fetch(`${url}/api/named/ada`, { method: 'HEAD' }); // fastify's HEAD route of a GET
    expect([head.status, head.headers.get('content-type'), await head.text()]).toEqual([200, 'application/json; charset=utf-8', '']);
  });

  it('leaves the other routes to Nest', async () => {
    const res = await post('/api/other', {});
    expect(await res.text()).toBe('nest');
    expect(seen).toEqual([]);
  });

  it('fails the start when a direct route leaves out a guard its controller or method declares', () => {
    @UseGuards(NamedGuard)
    class Guarded {
      @UseGuards(OtherGuard)
      run(): void {}
    }
    const route = (guards: CanActivate[]): DirectRoute => ({
      method: 'GET',
      url: '/x',
      controller: Guarded,
      handler: Guarded.prototype.run,
      statusCode: 200,
      guards,
      answer: () => null,
    });
    const [global, named, other] = [new OtherGuard(), new NamedGuard('n', []), new OtherGuard()];
    expect(() => checkGuards(route([global, named, other]))).not.toThrow();
    expect(() => checkGuards(route([global, other]))).toThrow(
      'the direct route GET /x runs the guards OtherGuard, OtherGuard; its controller and method declare NamedGuard, OtherGuard',
    );
    expect(() => checkGuards(route([other, named]))).toThrow();
  });

  it('fails the start when a direct route names no registered route', async () => {
    const other = await NestFactory.create(EchoModule, fastifyAdapter(), { logger: false });
    const check = answerDirectly(
      other.getHttpAdapter().getInstance() as FastifyInstance,
      [
        {
          method: 'POST',
          url: '/api/nowhere',
          controller: EchoController,
          handler: EchoController.prototype.other,
          statusCode: 200,
          guards: [],
          answer: () => 'x',
        },
      ],
      new DomainErrorFilter(),
    );
    await other.init();
    expect(check).toThrow('direct routes without a registered route: POST /api/nowhere');
    await other.close();
  });
});
