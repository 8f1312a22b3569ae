/**
 * Runs test/support/pyfunc_predict.py in the MLflow venv that scripts/stack.sh installs
 * ($STACK_OPT_DIR/mlflow-$MLFLOW_VERSION: mlflow, numpy, pandas): plain `mlflow.pyfunc.load_model` on
 * `models:/` URIs, resolved against the stack's MLflow (artifacts come through its proxy).
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot } from '@modelstream/config';

export interface PyfuncRequest {
  uri: string;
  rows: Record<string, unknown>[];
}

export interface PyfuncAnswer {
  uri: string;
  flavors: string[];
  params_schema: { name: string; type: string; default: unknown }[] | null;
  predictions: (string | number)[];
  /** Classifiers: predict(df, params={"probabilities": True}). */
  probabilities?: { columns: string[]; data: (string | number)[][] };
}

/** The python of the stack's MLflow venv (MLFLOW_VERSION's, else the only one installed). */
export function mlflowPython(): string {
  const root = findProjectRoot(__dirname);
  const opt = process.env.STACK_OPT_DIR ?? join(root, '.stack/opt');
  const venvs = existsSync(opt) ? readdirSync(opt).filter((d) => d.startsWith('mlflow-')) : [];
  const venv = process.env.MLFLOW_VERSION ? `mlflow-${process.env.MLFLOW_VERSION}` : venvs.sort().at(-1);
  const python = venv ? join(opt, venv, 'bin/python') : '';
  if (!python || !existsSync(python)) throw new Error(`no MLflow venv in ${opt}: run \`bash scripts/stack.sh up\` first`);
  return python;
}

export function pyfuncPredict(trackingUri: string, requests: PyfuncRequest[], timeoutMs = 180_000): Promise<PyfuncAnswer[]> {
  const script = join(findProjectRoot(__dirname), 'test/support/pyfunc_predict.py');
  return new Promise((resolve, reject) => {
    const child = execFile(
      mlflowPython(),
      [script],
      { env: { ...process.env, MLFLOW_TRACKING_URI: trackingUri }, timeout: timeoutMs, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`pyfunc_predict.py failed: ${error.message}\n${stderr.slice(-4000)}`));
        else resolve(JSON.parse(stdout) as PyfuncAnswer[]);
      },
    );
    child.stdin!.end(JSON.stringify(requests));
  });
}
