// chart.js set up once for the dashboard: the pieces it draws with, the app's Chinese
// font, numbers in zh-CN, a white background (so exported PNGs are not transparent) and
// fills that stay apart when printed in grey: the palette steps through lightness
// (viridis runs monotonically from dark to light) and alternate fills add a hatch.
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type Plugin,
} from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, DoughnutController, ArcElement, CategoryScale, LinearScale, Tooltip, Legend);

Chart.defaults.font.family = "-apple-system, 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif";
Chart.defaults.font.size = 12;
Chart.defaults.color = '#333';
Chart.defaults.locale = 'zh-CN';
Chart.defaults.maintainAspectRatio = false;
// Drawn at once: the clerk reads (and exports) the numbers, not an animation, and on a
// two-core laptop a second of animation frames would hold up the rest of the page.
Chart.defaults.animation = false;
Chart.defaults.plugins.legend.labels.boxWidth = 14;

const whiteBackground: Plugin = {
  id: 'whiteBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};
Chart.register(whiteBackground);

/** Dark to light: each step differs in grey as well as in hue. */
export const palette = ['#3b0f70', '#2c4f8c', '#21779b', '#1f9a8a', '#3fb46b', '#87c94a', '#c6d93a', '#f3e55c', '#fff3b0'];

/** Picks n colours spread over the whole lightness range. */
export function spread(n: number): string[] {
  if (n <= 1) return [palette[2]!];
  return Array.from({ length: n }, (_, i) => palette[Math.round((i * (palette.length - 1)) / (n - 1))]!);
}

type Hatch = 'none' | 'diagonal' | 'dots' | 'cross';
const hatches: Hatch[] = ['none', 'diagonal', 'none', 'dots', 'none', 'cross'];

/** A fill of the colour with a light or dark hatch over it (chosen by the colour's lightness). */
export function hatched(color: string, hatch: Hatch): CanvasPattern | string {
  if (hatch === 'none' || typeof document === 'undefined') return color;
  const size = 8;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx) return color;
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, size, size);
  ctx.strokeStyle = ctx.fillStyle = lightness(color) > 0.55 ? 'rgba(0,0,0,0.55)' : 'rgba(255,255,255,0.7)';
  ctx.lineWidth = 1.2;
  if (hatch === 'dots') {
    ctx.beginPath();
    ctx.arc(size / 2, size / 2, 1.3, 0, Math.PI * 2);
    ctx.fill();
  } else {
    ctx.beginPath();
    ctx.moveTo(0, size);
    ctx.lineTo(size, 0);
    if (hatch === 'cross') {
      ctx.moveTo(0, 0);
      ctx.lineTo(size, size);
    }
    ctx.stroke();
  }
  return ctx.createPattern(canvas, 'repeat') ?? color;
}

/** Colours for n series: lightness steps, with every other one hatched. */
export function seriesFills(n: number): (CanvasPattern | string)[] {
  return spread(n).map((c, i) => hatched(c, hatches[i % hatches.length]!));
}

function lightness(hex: string): number {
  const v = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(v >> 16) & 255, (v >> 8) & 255, v & 255];
  return (0.299 * r + 0.587 * g + 0.114 * b) / 255;
}

export const num = (n: number) => n.toLocaleString('zh-CN');
export const pct = (n: number | null) => (n === null ? '—' : `${n.toLocaleString('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`);
/** A percent to one decimal, as a number for a chart's value. */
export const pct1 = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : 0);
