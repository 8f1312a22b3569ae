import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** Who this trainer process is: named in TrainingStarted, MLflow tags and its per-instance control group. */
@Injectable()
export class TrainerInstance {
  readonly id = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}
