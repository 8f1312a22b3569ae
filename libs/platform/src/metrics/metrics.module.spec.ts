import { Controller, Get, INestApplication, NotFoundException, Param } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Metrics, MetricsModule } from './metrics.module';

@Controller('probe')
class ProbeController {
  @Get(':id')
  get(@Param('id') id: string): { id: string } {
    if (id === 'missing') throw new NotFoundException();
    return { id };
  }
}

describe('MetricsModule', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [MetricsModule], controllers: [ProbeController] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(() => app.close());

  it('times every request by method, declared route and status, unmatched ones as "unmatched"', async () => {
    for (const path of ['/probe/a', '/probe/b', '/probe/missing', '/nowhere']) await (await fetch(`${url}${path}`)).text();
    const text = await app.get(Metrics).registry.metrics();
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/probe\/:id",status="200"\} 2/);
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/probe\/:id",status="404"\} 1/);
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} 1/);
  });
});
