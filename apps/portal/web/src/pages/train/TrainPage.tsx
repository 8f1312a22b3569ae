export default function TrainPage() {
  return <h1>Train</h1>;
}
