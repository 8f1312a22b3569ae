/**
 * Behind the trust boundary (docs/security.md) every service asks for the credentials the apps hold: a process
 * that only reaches the port gets nowhere, and the apps' own credentials work.
 */
import Redis from 'ioredis';
import { createConnection } from 'mysql2/promise';
import { loadConfig } from '@modelstream/config';
import { MlflowClient } from '@modelstream/mlflow';

const config = loadConfig();

describe('the internal services ask for credentials', () => {
  it('Redis: NOAUTH without the password, PONG with it', async () => {
    const url = new URL(config.REDIS_URL);
    expect(url.password).not.toBe('');
    const anonymous = new Redis({ host: url.hostname, port: Number(url.port), lazyConnect: true, maxRetriesPerRequest: 0 });
    const app = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0 });
    try {
      await anonymous.connect().catch(() => undefined);
      await expect(anonymous.ping()).rejects.toThrow(/NOAUTH/);
      await app.connect();
      await expect(app.ping()).resolves.toBe('PONG');
    } finally {
      anonymous.disconnect();
      app.disconnect();
    }
  });

  it('MLflow: 401 without credentials, 401 with a wrong password, 200 as the apps sign in', async () => {
    const search = `${config.MLFLOW_TRACKING_URI}/api/2.0/mlflow/experiments/search?max_results=1`;
    expect((await fetch(search)).status).toBe(401);
    const wrong = Buffer.from(`${config.MLFLOW_TRACKING_USERNAME}:not-the-password`).toString('base64');
    expect((await fetch(search, { headers: { authorization: `Basic ${wrong}` } })).status).toBe(401);
    await expect(new MlflowClient(config).getExperimentByName('Default')).resolves.toMatchObject({ name: 'Default' });
  });

  it('the object store: 403 for an unsigned request', async () => {
    const res = await fetch(`${config.S3_ENDPOINT}/${config.S3_BUCKET_UPLOADS}?list-type=2`);
    expect(res.status).toBe(403);
  });

  it('MariaDB: a wrong password is refused', async () => {
    const attempt = createConnection({
      host: config.MARIADB_HOST,
      port: config.MARIADB_PORT,
      user: config.MARIADB_USER,
      password: `${config.MARIADB_PASSWORD}-wrong`,
    });
    await expect(attempt).rejects.toThrow(/Access denied/);
  });
});
