/**
 * GET /health: one check per dependency of the app, each up or down with its latency. Answers 503 while
 * any is down; checks run on every request, so a dependency that comes back turns up without a restart.
 */
import { Controller, Get, Inject, Injectable } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@modelstream/auth';

export interface DependencyProbe {
  name: string;
  ping(): Promise<void>;
}

export const DEPENDENCY_PROBES = Symbol('DEPENDENCY_PROBES');
const PROBE_TIMEOUT_MS = 3000;

@Injectable()
export class DependencyHealth {
  constructor(
    @Inject(DEPENDENCY_PROBES) private readonly probes: DependencyProbe[],
    private readonly indicators: HealthIndicatorService,
  ) {}

  indicatorsFor(): Array<() => Promise<HealthIndicatorResult>> {
    return this.probes.map((probe) => () => this.probe(probe));
  }

  private async probe({ name, ping }: DependencyProbe): Promise<HealthIndicatorResult> {
    const check = this.indicators.check(name);
    const started = performance.now();
    try {
      await Promise.race([
        ping(),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS).unref(),
        ),
      ]);
      return check.up({ latencyMs: round(performance.now() - started) });
    } catch (error) {
      return check.down({ latencyMs: round(performance.now() - started), message: (error as Error).message });
    }
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly dependencies: DependencyHealth,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check(this.dependencies.indicatorsFor());
  }
}
