export * from './logging.module';
export * from './service-version';
export { requestLogOn, type RequestLog, type LoggedRequest } from './fastify-request-log';
