export default function PredictPage() {
  return <h1>Predict</h1>;
}
