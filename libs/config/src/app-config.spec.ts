import { ConfigError, parseConfig } from './app-config';
import { findProjectRoot } from './env';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

const defaults = () => parseEnv(readFileSync(join(findProjectRoot(), '.env.example'), 'utf8')) as Record<string, string>;

describe('parseConfig', () => {
  it('accepts the documented defaults and types them', () => {
    const config = parseConfig(defaults());
    expect(config.INGEST_PORT).toBe(3000);
    expect(config.S3_FORCE_PATH_STYLE).toBe(true);
    expect(config.kafkaBrokers).toEqual(['127.0.0.1:9092']);
  });

  it('names every bad setting', () => {
    const env: Record<string, string | undefined> = { ...defaults(), INGEST_PORT: 'eighty', SCHEMA_REGISTRY_URL: 'not a url' };
    delete env.REDIS_URL;
    try {
      parseConfig(env);
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const message = (e as Error).message;
      expect(message).toContain('INGEST_PORT="eighty"');
      expect(message).toContain('SCHEMA_REGISTRY_URL');
      expect(message).toContain('REDIS_URL');
    }
  });

  it('keeps abandoned uploads 24 h by default, and between 1 s and 7 days', () => {
    expect(parseConfig(defaults()).UPLOAD_ABANDON_AFTER_MS).toBe(86_400_000);
    expect(parseConfig({ ...defaults(), UPLOAD_ABANDON_AFTER_MS: '3000' }).UPLOAD_ABANDON_AFTER_MS).toBe(3000);
    for (const bad of ['999', '604800001', 'a day']) {
      expect(() => parseConfig({ ...defaults(), UPLOAD_ABANDON_AFTER_MS: bad })).toThrow(`UPLOAD_ABANDON_AFTER_MS=${JSON.stringify(bad)}`);
    }
  });

  it('gives a training job 6 GB by default, and at least 128 MB', () => {
    expect(parseConfig(defaults()).TRAINER_JOB_MEMORY_MB).toBe(6144);
    expect(parseConfig({ ...defaults(), TRAINER_JOB_MEMORY_MB: '512' }).TRAINER_JOB_MEMORY_MB).toBe(512);
    for (const bad of ['64', 'lots']) {
      expect(() => parseConfig({ ...defaults(), TRAINER_JOB_MEMORY_MB: bad })).toThrow(`TRAINER_JOB_MEMORY_MB=${JSON.stringify(bad)}`);
    }
  });
});

describe('access settings', () => {
  it('keep AUTH off by default, metrics public, and take only required|off', () => {
    const config = parseConfig(defaults());
    expect(config.AUTH).toBe('off');
    expect(config.METRICS_PUBLIC).toBe(true);
    expect(parseConfig({ ...defaults(), AUTH: 'required' }).AUTH).toBe('required');
    expect(() => parseConfig({ ...defaults(), AUTH: 'on' })).toThrow('AUTH="on"');
  });

  it('take an ADMIN_API_KEY of 32 to 256 printable characters, or none', () => {
    expect(parseConfig({ ...defaults(), ADMIN_API_KEY: 'k'.repeat(32) }).ADMIN_API_KEY).toBe('k'.repeat(32));
    for (const bad of ['short', `${'k'.repeat(40)} x`, 'k'.repeat(257)]) {
      expect(() => parseConfig({ ...defaults(), ADMIN_API_KEY: bad })).toThrow(
        'ADMIN_API_KEY must be empty or 32–256 printable characters',
      );
    }
  });
});
