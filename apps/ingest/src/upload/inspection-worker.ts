/**
 * The worker thread of ChunkInspector: a ChunkInspection answering the main thread's requests in order, and
 * profiling accepted chunks between requests (one chunk per turn, so a scan waiting for its answer is not held
 * behind a backlog of profiling).
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

parentPort!.on('message', (request: InspectionRequest) => {
  let answer: InspectionAnswer;
  try {
    answer = { request: request.request, value: handle(request) };
  } catch (error) {
    answer = { request: request.request, invalid: error instanceof InvalidInputError, message: (error as Error).message };
  }
  if (request.request !== undefined) parentPort!.postMessage(answer);
  if (!working) {
    working = true;
    setImmediate(workSome);
  }
});
