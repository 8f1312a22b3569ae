import type { QueryRunner } from 'typeorm';
import { StatementBatch } from './statement-batch';

/** A runner that records each query and answers one result per statement, as mysql2 does for several. */
function recordingRunner() {
  const queries: Array<{ sql: string; params: unknown[] }> = [];
  const runner = {
    query: (sql: string, params: unknown[]) => {
      queries.push({ sql, params });
      const count = sql.split(';\n').length;
      return Promise.resolve(count === 1 ? { affectedRows: 1 } : Array.from({ length: count }, (_, i) => ({ statement: i })));
    },
  };
  return { queries, runner: runner as unknown as QueryRunner };
}

describe('StatementBatch', () => {
  it('sends the queued statements and the last ones as one query, their parameters in order', async () => {
    const { queries, runner } = recordingRunner();
    const batch = new StatementBatch(runner);
    await batch.add('INSERT INTO a VALUES (?)', [[1, 'x']]);
    await batch.add('DELETE FROM b WHERE id IN (?)', [['p', 'q']]);
    expect(queries).toHaveLength(0);
    const results = await batch.send('COMMIT');
    expect(queries).toEqual([
      {
        sql: 'INSERT INTO a VALUES (?);\nDELETE FROM b WHERE id IN (?);\nCOMMIT',
        params: [
          [1, 'x'],
          ['p', 'q'],
        ],
      },
    ]);
    expect(results).toHaveLength(3);
  });

  it('answers a single statement as a list of one result, and nothing queued with no query at all', async () => {
    const { queries, runner } = recordingRunner();
    const batch = new StatementBatch(runner);
    expect(await batch.send()).toEqual([]);
    expect(await batch.send('COMMIT')).toEqual([{ affectedRows: 1 }]);
    expect(queries.map((q) => q.sql)).toEqual(['COMMIT']);
  });

  it('sends the queue first when the next statement would take the query over its size bound', async () => {
    const { queries, runner } = recordingRunner();
    const batch = new StatementBatch(runner, 200);
    const long = 'y'.repeat(60); // bound: twice its bytes, plus quotes
    await batch.add('INSERT INTO a VALUES (?)', [long]);
    await batch.add('INSERT INTO b VALUES (?)', [long]);
    expect(queries).toHaveLength(1);
    expect(queries[0]).toEqual({ sql: 'INSERT INTO a VALUES (?)', params: [long] });
    await batch.send('COMMIT');
    expect(queries[1]).toEqual({ sql: 'INSERT INTO b VALUES (?);\nCOMMIT', params: [long] });
  });

  it('sends a statement larger than the bound alone rather than refusing it', async () => {
    const { queries, runner } = recordingRunner();
    const batch = new StatementBatch(runner, 50);
    await batch.add('INSERT INTO a VALUES (?)', ['z'.repeat(100)]);
    await batch.send('COMMIT');
    expect(queries).toHaveLength(1);
    expect(queries[0].params).toEqual(['z'.repeat(100)]);
  });
});
