// One dashboard chart in a card: drawn by chart.js at the card's width (it redraws when
// the window resizes), a click on a bar or slice opens the matching filtered list, and
// the card's PNG button saves the chart exactly as drawn.
import { Button, Card, Tooltip } from 'antd';
import type { Chart as ChartJS, ChartOptions } from 'chart.js';
import { useMemo, type ReactNode } from 'react';
import { Chart } from 'react-chartjs-2';
import { useNavigate } from 'react-router';
import { downloadBase64 } from '../../../components/download';
import type { ChartSpec } from '../chart-specs';
import '../chart-setup';

export function pngOf(chart: ChartJS): string {
  return chart.toBase64Image('image/png', 1).replace(/^data:image\/png;base64,/, '');
}

export function DashboardChart({
  spec,
  register,
  extra,
  note,
}: {
  spec: ChartSpec;
  /** Keeps the drawn chart for 导出图表. */
  register: (key: string, chart: ChartJS | null) => void;
  extra?: ReactNode;
  note?: ReactNode;
}) {
  const navigate = useNavigate();
  const options = useMemo(
    (): ChartOptions => ({
      ...spec.options,
      responsive: true,
      maintainAspectRatio: false,
      onClick: (_event, elements) => {
        const hit = elements[0];
        const to = hit ? spec.link(hit.datasetIndex, hit.index) : null;
        if (to) navigate(to);
      },
      onHover: (event, elements) => {
        const target = event.native?.target as HTMLElement | undefined;
        if (target) target.style.cursor = elements.length ? 'pointer' : 'default';
      },
    }),
    [spec, navigate],
  );
  return (
    <Card
      size="small"
      title={spec.title}
      data-chart={spec.key}
      extra={
        <>
          {extra}
          <Tooltip title="保存为 PNG 图片">
            <Button
              size="small"
              type="text"
              onClick={(e) => {
                const chart = (e.currentTarget.closest('.ant-card')?.querySelector('canvas') ?? null) as HTMLCanvasElement | null;
                if (chart) downloadBase64(`${spec.title}.png`, chart.toDataURL('image/png').split(',')[1]!, 'image/png');
              }}
            >
              PNG
            </Button>
          </Tooltip>
        </>
      }
    >
      <div style={{ position: 'relative', height: spec.height, width: '100%' }}>
        <Chart
          ref={(c) => register(spec.key, (c as ChartJS | null | undefined) ?? null)}
          type={spec.type}
          data={spec.data}
          options={options}
          aria-label={spec.title}
          role="img"
        />
      </div>
      {note ? <div style={{ marginTop: 8, color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{note}</div> : null}
    </Card>
  );
}
