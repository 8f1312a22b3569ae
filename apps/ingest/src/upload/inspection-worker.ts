/**
 * The worker thread of ChunkInspector: a ChunkInspection answering the main thread's requests in order, and
 * profiling accepted chunks between requests (one short turn at a time, so a scan waiting for its answer is not held
 * behind a backlog of profiling); a profile asked for is answered when its turns are done.
 */
import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { InvalidInputError } from '@modelstream/contracts';
import { ChunkInspection } from './chunk-inspection';
import type { InspectionAnswer, InspectionRequest } from './chunk-inspector';

const inspection = new ChunkInspection();
let working = false;

function workSome(): void {
  working = inspection.work();
  if (working) setImmediate(workSome);
}

function handle(request: InspectionRequest): unknown {
  switch (request.kind) {
    case 'digest':
      return createHash('sha256').update(request.bytes).digest('hex');
    case 'scan': {
      const { id, index, bytes, from, isLast } = request;
      return inspection.scan(id, index, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), from, isLast);
    }
    case 'accepted':
      return inspection.accepted(request.id, request.index);
    case 'refused':
      return inspection.refused(request.id, request.index);
    case 'sha256':
      return inspection.sha256With(request.id, request.chunks, request.last);
    case 'profile':
      return inspection.profile(request.id, request.chunks);
    case 'forget':
      return inspection.forget(request.id);
  }
}

/** Answers a numbered request with its value, or with the error its work threw (`invalid`: a 400 to pass on). */
function answer(request: InspectionRequest, outcome: { value: unknown } | { error: unknown }): void {
  if (request.request === undefined) return;
  const reply: InspectionAnswer =
    'value' in outcome
      ? { request: request.request, value: outcome.value }
      : { request: request.request, invalid: outcome.error instanceof InvalidInputError, message: (outcome.error as Error).message };
  parentPort!.postMessage(reply);
}

parentPort!.on('message', (request: InspectionRequest) => {
  const fail = (error: unknown) => answer(request, { error });
  try {
    const value = handle(request);
    if (value instanceof Promise) value.then((settled) => answer(request, { value: settled }), fail);
    else answer(request, { value });
  } catch (error) {
    fail(error);
  }
  if (!working) {
    working = true;
    setImmediate(workSome);
  }
});
