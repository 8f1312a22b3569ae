/** Labelled values as horizontal bars (e.g. class probabilities). */
import { useEffect, useRef } from 'react';
import { Chart } from './chart';

export default function BarChart({ labels, values, title, max }: { labels: string[]; values: number[]; title: string; max?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar'> | null>(null);

  useEffect(() => {
    chart.current = new Chart(canvas.current!, {
      type: 'bar',
      data: { labels: [], datasets: [{ label: title, data: [], backgroundColor: '#2563eb' }] },
      options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { min: 0, max } } },
    });
    return () => chart.current?.destroy();
  }, [title, max]);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.data.labels = labels;
    c.data.datasets[0].data = values;
    c.update();
  }, [labels, values]);

  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div className="chart-box" style={{ height: Math.max(120, labels.length * 28 + 40) }}>
        <canvas ref={canvas} role="img" aria-label={`${title}: ${labels.map((l, i) => `${l} ${values[i]}`).join(', ')}`} />
      </div>
    </figure>
  );
}
