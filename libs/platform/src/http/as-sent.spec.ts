import 'reflect-metadata';
import { BadRequestException } from '@nestjs/common';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, IsString } from 'class-validator';
import { AsSent, AsSentValidationPipe, shallowStandIn } from './as-sent';

class Base {
  @IsOptional()
  @IsObject()
  @AsSent()
  params?: Record<string, unknown>;
}

class Body extends Base {
  @IsArray()
  @ArrayMaxSize(3)
  @IsObject({ each: true })
  @AsSent()
  rows!: Record<string, unknown>[];

  @IsString()
  name!: string;
}

const pipe = new AsSentValidationPipe({ whitelist: true, transform: true, forbidUnknownValues: false });
const asBody = (value: unknown) => pipe.transform(value, { type: 'body', metatype: Body });

describe('AsSentValidationPipe', () => {
  it('hands over rows with keys class-transformer drops or chokes on (finding 5: a column named constructor)', async () => {
    const sent = JSON.parse('{"name":"n","extra":1,"params":{"constructor":2},"rows":[{"constructor":1,"x":2},{"__proto__":3}]}') as {
      rows: object[];
      params: object;
    };
    const dto = (await asBody(sent)) as Body;
    expect(dto).toBeInstanceOf(Body);
    expect(dto.rows).toBe(sent.rows);
    expect(dto.params).toBe(sent.params);
    expect(Object.keys(dto.rows[1])).toEqual(['__proto__']);
    expect(dto).not.toHaveProperty('extra'); // whitelisting still applies to the rest
  });

  it('still validates the shape: an array, its size, objects each', async () => {
    await expect(asBody({ name: 'n', rows: {} })).rejects.toThrow(BadRequestException);
    await expect(asBody({ name: 'n', rows: [{}, {}, {}, {}] })).rejects.toThrow(BadRequestException);
    await expect(asBody({ name: 'n', rows: [{}, [1]] })).rejects.toThrow(BadRequestException);
    await expect(asBody({ name: 'n', rows: [{}], params: [] })).rejects.toThrow(BadRequestException);
    await expect(asBody({ rows: [{}] })).rejects.toThrow(BadRequestException);
  });

  it('makes a one-level stand-in of the same shape', () => {
    expect(shallowStandIn([{ a: { b: 1 } }, [1], 2, null])).toEqual([{}, [], 2, null]);
    expect(shallowStandIn({ a: 1 })).toEqual({});
    expect(shallowStandIn('x')).toBe('x');
  });
});
