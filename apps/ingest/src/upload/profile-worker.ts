/**
 * The thread that profiles uploads as their chunks come (UploadProfiles): one CsvProfiler per upload, fed in
 * order, finished on request. Messages arrive in order on one port, so a `finish` sees every `feed` before it.
 */
import { parentPort } from 'node:worker_threads';
import { CsvProfiler } from '../datasets/csv-profiler';
import type { ProfileRequest, ProfileAnswer } from './upload-profiles';

const profilers = new Map<string, CsvProfiler>();

parentPort!.on('message', (message: ProfileRequest) => {
  switch (message.kind) {
    case 'feed': {
      let profiler = profilers.get(message.id);
      if (message.first || !profiler) profilers.set(message.id, (profiler = new CsvProfiler(0)));
      profiler.feed(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength));
      return;
    }
    case 'finish': {
      const profiler = profilers.get(message.id);
      profilers.delete(message.id);
      const answer: ProfileAnswer = { request: message.request, profile: profiler ? profiler.finish() : undefined };
      parentPort!.postMessage(answer);
      return;
    }
    case 'forget':
      profilers.delete(message.id);
  }
});
