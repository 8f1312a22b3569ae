/**
 * The answer of one prediction: the label with its class probabilities as a bar chart (Chart.js, loaded on
 * first use), or the predicted value of a regressor; and which version answered.
 */
import { lazy, Suspense } from 'react';
import { Loading } from '../../components/Status';
import { formatPercent } from '../../lib/models/format';
import type { PredictResult } from '../../lib/models/types';

const BarChart = lazy(() => import('../../charts/BarChart'));

export function PredictionView({ answer }: { answer: PredictResult }) {
  const prediction = answer.predictions[0];
  if (!prediction) return null;
  return (
    <section className="card prediction" aria-live="polite" aria-labelledby="prediction-heading">
      <h2 id="prediction-heading">Prediction</h2>
      {'label' in prediction ? (
        <ClassAnswer target={answer.target} label={prediction.label} probabilities={prediction.probabilities} classes={answer.classes} />
      ) : (
        <p className="predicted">
          <span className="muted">Predicted {answer.target}: </span>
          <output aria-label={`Predicted ${answer.target}`}>{Number(prediction.value.toPrecision(6))}</output>
        </p>
      )}
      <p className="hint">
        Answered by {answer.modelId} ({answer.modelType}
        {answer.requested !== answer.modelId ? `, asked for ${answer.requested}` : ''}).
      </p>
    </section>
  );
}

function ClassAnswer(props: { target: string; label: string; probabilities: Record<string, number>; classes?: string[] }) {
  const classes = props.classes?.length ? props.classes : Object.keys(props.probabilities);
  const values = classes.map((c) => props.probabilities[c] ?? 0);
  return (
    <>
      <p className="predicted">
        <span className="muted">Predicted {props.target}: </span>
        <output aria-label={`Predicted ${props.target}`}>{props.label}</output>
        {props.probabilities[props.label] !== undefined && (
          <span className="muted"> ({formatPercent(props.probabilities[props.label])})</span>
        )}
      </p>
      <Suspense fallback={<Loading label="Loading the chart…" />}>
        <BarChart labels={classes} values={values} title="Class probabilities" max={1} />
      </Suspense>
    </>
  );
}
