import { Body, Controller, HttpCode, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { UPLOAD_LIMITS } from '@modelstream/contracts';
import { UploadChunkAnswer, UploadChunkDto } from './upload-chunk.dto';
import { UploadService } from './upload.service';
import { StageTimings } from './stage-timings';
import { sharedMemoryStorage } from './shared-memory.storage';
import { ApiErrorBody } from '@modelstream/platform';
import { Caller, NeedsScope, Principal, RateLimited } from '@modelstream/auth';

// A single chunk may be the whole 25 MB file; the margin lets the service answer an oversize file with
// its own 413 (which also discards the partial upload) rather than multer's.
const CHUNK_LIMIT_BYTES = UPLOAD_LIMITS.maxFileBytes + 1024 * 1024;

@ApiTags('upload')
@NeedsScope('train')
@Controller('api/model-train')
export class UploadController {
  constructor(private readonly uploads: UploadService) {}

  @RateLimited('uploads')
  @Post('start')
  @HttpCode(200)
  @UseInterceptors(
    FileInterceptor('file', {
      storage: sharedMemoryStorage(),
      limits: { fileSize: CHUNK_LIMIT_BYTES, files: 1, fields: 20, fieldSize: 64 * 1024 },
    }),
  )
  @ApiOperation({
    summary: 'Upload one chunk of a CSV file; chunk 0 starts a job and returns its trackingId, the last chunk requests the training',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadChunkDto })
  @ApiOkResponse({ type: UploadChunkAnswer, description: 'The chunk is stored and its event acknowledged by Kafka (or it was a repeat)' })
  @ApiBadRequestResponse({ type: ApiErrorBody, description: 'Missing or bad fields, not a CSV, bad settings, empty or header-only file' })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'Unknown trackingId' })
  @ApiConflictResponse({
    type: ApiErrorBody,
    description: 'Chunk out of order, same index with other bytes, or the upload is complete/aborted/cancelled',
  })
  @ApiPayloadTooLargeResponse({ type: ApiErrorBody, description: 'The file is over 25 MB; the partial upload is discarded' })
  @ApiServiceUnavailableResponse({
    type: ApiErrorBody,
    description: 'Kafka, Redis or the object store is down; retry the same chunk (Retry-After)',
  })
  async start(
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Body() body: UploadChunkDto,
    @Caller() caller: Principal,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<UploadChunkAnswer> {
    // From the first byte fastify saw to here: the body's multipart parsing, the guards and the pipes.
    const timings = StageTimings.after('receive', res.elapsedTime);
    const answer = await this.uploads.receiveChunk({ ...body, bytes: file?.buffer }, caller, timings);
    res.header('Server-Timing', timings.header());
    return answer;
  }
}
