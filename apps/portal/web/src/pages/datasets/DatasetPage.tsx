export default function DatasetPage() {
  return <h1>Dataset</h1>;
}
