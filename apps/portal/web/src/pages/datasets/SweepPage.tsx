export default function SweepPage() {
  return <h1>Sweep</h1>;
}
