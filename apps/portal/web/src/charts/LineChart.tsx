/** Named series of (x, y) points as lines, redrawn in place when the points change (live curves). */
import { useEffect, useRef } from 'react';
import { Chart } from './chart';

export interface Series {
  name: string;
  points: { x: number; y: number }[];
}

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2'];

export default function LineChart({ series, xLabel, yLabel, title }: { series: Series[]; xLabel: string; yLabel?: string; title: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'line', { x: number; y: number }[]> | null>(null);

  useEffect(() => {
    chart.current = new Chart(canvas.current!, {
      type: 'line',
      data: { datasets: [] },
      options: {
        parsing: false,
        scales: {
          x: { type: 'linear', title: { display: true, text: xLabel }, ticks: { precision: 0 }, suggestedMin: 1 }, // epochs: whole numbers
          y: { title: { display: !!yLabel, text: yLabel } },
        },
      },
    });
    return () => chart.current?.destroy();
  }, [xLabel, yLabel]);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.data.datasets = series.map((s, i) => ({
      label: s.name,
      data: s.points,
      borderColor: COLORS[i % COLORS.length],
      backgroundColor: COLORS[i % COLORS.length],
      pointRadius: s.points.length > 60 ? 0 : 2,
    }));
    c.update();
  }, [series]);

  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div className="chart-box">
        <canvas ref={canvas} role="img" aria-label={title} data-points={series.reduce((n, s) => n + s.points.length, 0)} />
      </div>
    </figure>
  );
}
