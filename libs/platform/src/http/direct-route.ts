/**
 * A hot route answered by fastify directly. Nest declares it as usual (the controller's method: its path, guards,
 * status code and OpenAPI operation), and its body parser and the request-wide hooks (headers, cross-site check,
 * request log, metrics) stay fastify's. Only the per-request part of Nest's router is left out: its execution
 * context, interceptor and pipe consumers and response controller, a dozen awaits around the handler. In their
 * place one function runs the route's guards in Nest's order, then the route's `answer` (the params resolved and
 * piped, the controller's method called), and sends the result with the method's status code; an error goes to the
 * same exception filter. For a one-row prediction that plumbing cost ~16 µs of the app's 102 (bench/inference).
 *
 * The route is found when fastify registers it (an `onRoute` hook swaps its handler); `answerDirectly` returns a
 * check to call once the app is initialised, which fails the start if a direct route named no registered route.
 */
import {
  ArgumentsHost,
  CanActivate,
  ExceptionFilter,
  ExecutionContext,
  ForbiddenException,
  HttpStatus,
  INestApplication,
  RequestMethod,
  Type,
} from '@nestjs/common';
import { GUARDS_METADATA, HEADERS_METADATA, HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** What a direct route's guards and answer read of a request: fastify's, or the front door's (front-door.ts). */
export interface DirectRequest {
  id: string;
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  params: unknown;
  body: unknown;
  raw: IncomingMessage;
}

export interface DirectRoute {
  /** The route as fastify registers it, e.g. POST /api/predict. */
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  /** The controller and method that declare it: what the guards read their per-route metadata from. */
  controller: Type;
  handler: (...args: never[]) => unknown;
  /** The status of a success (the method's @HttpCode, else 200), and its headers (its @Header). */
  statusCode: HttpStatus;
  headers?: Readonly<Record<string, string>>;
  /** The guards Nest would run for it, in its order: the global ones, then the controller's, then the method's. */
  guards: readonly CanActivate[];
  /** The controller's method called as Nest would call it once the guards let the request in. */
  answer(request: DirectRequest, context: ExecutionContext): unknown;
}

type HttpArgumentsHost = ReturnType<ExecutionContext['switchToHttp']>;

/**
 * The direct route of `controller`'s method `name`, as Nest declares it: its method, path (the controller's and the
 * method's), status code (@HttpCode, else 201 for POST and 200 otherwise) and headers (@Header). `guards` and
 * `answer(controller instance, request)` are the route's, as Nest would run them.
 */
export function directRoute<C extends object>(
  app: INestApplication,
  controller: Type<C>,
  name: keyof C & string,
  route: { guards: readonly CanActivate[]; answer(instance: C, request: DirectRequest): unknown },
): DirectRoute {
  const handler = controller.prototype[name] as (...args: never[]) => unknown;
  const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod] as DirectRoute['method'];
  const path = [controller, handler].map((target) => String(Reflect.getMetadata(PATH_METADATA, target) ?? '').replace(/^\/+|\/+$/g, ''));
  const headers = (Reflect.getMetadata(HEADERS_METADATA, handler) as { name: string; value: string }[] | undefined) ?? [];
  const instance = app.get(controller);
  return {
    method,
    url: `/${path.filter(Boolean).join('/')}`,
    controller,
    handler,
    statusCode:
      (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as HttpStatus | undefined) ??
      (method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK),
    headers: headers.length > 0 ? Object.fromEntries(headers.map((h) => [h.name, h.value])) : undefined,
    guards: route.guards,
    answer: (request) => route.answer(instance, request),
  };
}

/** The ExecutionContext of a direct route's request, as guards and exception filters read it. */
export class DirectContext implements ExecutionContext, HttpArgumentsHost {
  constructor(
    private readonly request: DirectRequest,
    private readonly reply: object,
    private readonly route: DirectRoute,
  ) {}

  getType<T extends string = 'http'>(): T {
    return 'http' as T;
  }
  getClass<T = unknown>(): Type<T> {
    return this.route.controller as Type<T>;
  }
  getHandler(): (...args: never[]) => unknown {
    return this.route.handler;
  }
  getArgs<T extends unknown[] = unknown[]>(): T {
    return [this.request, this.reply] as T;
  }
  getArgByIndex<T = unknown>(index: number): T {
    return this.getArgs()[index] as T;
  }
  switchToHttp(): HttpArgumentsHost {
    return this;
  }
  switchToRpc(): ReturnType<ExecutionContext['switchToRpc']> {
    throw new Error('a direct route is HTTP only');
  }
  switchToWs(): ReturnType<ExecutionContext['switchToWs']> {
    throw new Error('a direct route is HTTP only');
  }
  getRequest<T = unknown>(): T {
    return this.request as T;
  }
  getResponse<T = unknown>(): T {
    return this.reply as T;
  }
  getNext<T = unknown>(): T {
    return undefined as T;
  }
}

const isPromise = (value: unknown): value is Promise<unknown> => value instanceof Promise;

/** Runs the guards from `from` on, synchronously while they answer synchronously, then the route's answer. */
function guardedAnswer(route: DirectRoute, request: DirectRequest, context: ExecutionContext, from = 0): unknown {
  for (let i = from; i < route.guards.length; i++) {
    const allowed = route.guards[i].canActivate(context);
    if (isPromise(allowed)) {
      return allowed.then((yes) => {
        if (!yes) throw new ForbiddenException();
        return guardedAnswer(route, request, context, i + 1);
      });
    }
    if (allowed !== true) throw new ForbiddenException(); // an Observable is not expected of our guards
  }
  return route.answer(request, context);
}

/** The fastify handler of a direct route: the guards, the answer, its status code, and the filter for any error. */
export function directHandler(route: DirectRoute, filter: ExceptionFilter): (request: FastifyRequest, reply: FastifyReply) => void {
  const hasParams = route.url.includes(':');
  return (request, reply) => {
    // As Nest's fastify adapter: a path parameter must not be empty ("/jobs//status"), else it is not this route.
    if (hasParams && Object.values(request.params as Record<string, string>).includes('')) return void reply.callNotFound();
    const context = new DirectContext(request, reply, route);
    answerRoute(route, request, context, {
      send: (result) => void (route.headers ? reply.headers(route.headers) : reply).code(route.statusCode).send(result),
      fail: (error) => filter.catch(error, context satisfies ArgumentsHost),
    });
  };
}

/** Runs the route's guards and answer, then `send`s the result; any error, a failing send's too, goes to `fail`. */
export function answerRoute(
  route: DirectRoute,
  request: DirectRequest,
  context: ExecutionContext,
  { send, fail }: { send(result: unknown): void; fail(error: unknown): void },
): void {
  try {
    const result = guardedAnswer(route, request, context);
    if (isPromise(result)) result.then(send).catch(fail);
    else send(result);
  } catch (error) {
    fail(error);
  }
}

/**
 * Answers `routes` directly on `instance`: call it before Nest registers its routes (before `app.init()`), and the
 * returned check after.
 */
export function answerDirectly(instance: FastifyInstance, routes: readonly DirectRoute[], filter: ExceptionFilter): () => void {
  const attached = new Set<DirectRoute>();
  instance.addHook('onRoute', (options: RouteOptions) => {
    const route = routes.find((r) => r.url === options.url && r.method === options.method); // Nest registers one method a route
    if (!route) return;
    options.handler = directHandler(route, filter);
    attached.add(route);
  });
  return () => {
    const missing = routes.filter((r) => !attached.has(r)).map((r) => `${r.method} ${r.url}`);
    if (missing.length > 0) throw new Error(`direct routes without a registered route: ${missing.join(', ')}`);
    for (const route of routes) checkGuards(route);
  };
}

/** The guards a route declares (`@UseGuards` of its controller, then of its method) must end its list, in order. */
export function checkGuards(route: DirectRoute): void {
  const declared: unknown[] = [route.controller, route.handler].flatMap(
    (target) => (Reflect.getMetadata(GUARDS_METADATA, target) as unknown[]) ?? [],
  );
  const given = route.guards.slice(route.guards.length - declared.length).map((guard) => guard.constructor);
  if (declared.length > route.guards.length || declared.some((type, i) => type !== given[i])) {
    const names = (types: unknown[]) => types.map((t) => (t as { name?: string }).name ?? String(t)).join(', ') || 'none';
    throw new Error(
      `the direct route ${route.method} ${route.url} runs the guards ${names(route.guards.map((g) => g.constructor))}; its controller and method declare ${names(declared)}`,
    );
  }
}
