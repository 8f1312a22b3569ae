/** TrainingControlController: every cancel request lands in the registry; the group is this instance's own. */
import { Logger } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import { TOPICS, TrainingControlEvent } from '@modelstream/contracts';
import { TrainerInstance } from '../trainer-instance';
import { CancellationRegistry } from './cancellation.registry';
import { TRAINING_CONTROL, TrainingControlController } from './training-control.controller';

beforeAll(() => Logger.overrideLogger(false));

describe('TrainingControlController', () => {
  it('notes a cancel request with its reason', () => {
    const registry = new CancellationRegistry();
    const cancel = {
      eventId: 'e-1',
      trackingId: 'job-4',
      sequence: 1,
      timestamp: 1,
      producer: 'ingest',
      type: 'TrainingCancelRequested',
      payload: { reason: 'wrong target' },
    } as TrainingControlEvent;

    new TrainingControlController(registry).noteCancel(cancel);

    expect(registry.reasonFor('job-4')).toBe('wrong target');
  });

  it('reads every cancel in a group of this instance alone, before the training group starts', () => {
    const instance = new TrainerInstance();
    const ref = { get: (token: unknown) => (token === TrainerInstance ? instance : undefined) } as unknown as ModuleRef;
    const { groupId, perInstance, catchUpFirst, topics } = TRAINING_CONTROL.options;

    expect(typeof groupId === 'function' && groupId(ref)).toBe(`modelstream-trainer-control-${instance.id}`);
    expect({ perInstance, catchUpFirst, topics }).toEqual({ perInstance: true, catchUpFirst: true, topics: [TOPICS.trainingControl] });
  });
});
