/**
 * Chart.js with only the parts the portal draws (lines and bars), registered once. Pages import the chart
 * components lazily, so none of this is in the first page's bundle.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
Chart.defaults.animation = false; // live curves redraw on every epoch: no animation to wait for
Chart.defaults.maintainAspectRatio = false;

export { Chart };
