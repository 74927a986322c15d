// 首页: the dashboard for a chosen year (and county or city) — headline numbers and charts
// whose bars and slices open the matching filtered lists — and 导出图表. An empty ledger
// offers sample data first.
import { App, Button, Col, Dropdown, Empty, Row, Select, Space, Spin } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import type { Chart as ChartJS } from 'chart.js';
import dayjs from 'dayjs';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { DashboardSummary } from '../../../electron/api/dashboard';
import { defaultSettings } from '../../../electron/api/settings';
import { useApi } from '../../api/hooks';
import { call } from '../../api/client';
import { downloadBase64 } from '../../components/download';
import { PageHeader } from '../../components/PageHeader';
import { RegionSelect } from '../../components/pickers';
import { useListParams } from '../../components/use-list-params';
import { allSpecs, type ChartSpec } from './chart-specs';
import { DashboardChart, pngOf } from './charts/DashboardChart';
import { Headline } from './Headline';
import { SampleOffer } from './SampleOffer';
import { summaryQuery } from './summary-query';

const thisYear = dayjs().year();
const years = Array.from({ length: 8 }, (_, i) => thisYear + 1 - i);

/** Where each chart sits: wide ones take a full row on narrow screens and half on wide ones. */
const spans: Record<string, { xs: number; xl: number }> = {
  coverage: { xs: 24, xl: 24 },
  activities: { xs: 24, xl: 14 },
  quotas: { xs: 24, xl: 10 },
  exchanges: { xs: 24, xl: 12 },
  rectifications: { xs: 24, xl: 12 },
  scores: { xs: 24, xl: 14 },
  grades: { xs: 24, xl: 10 },
};

export function HomePage() {
  const status = useApi('system.status', {});
  const { params, update } = useListParams();
  const query = summaryQuery(params);
  const { year, regionId } = query;
  const summary = useApi('dashboard.summary', query, { enabled: !status.data?.empty });
  const settings = useApi('settings.get', {});
  // Asked for after the summary: on a province's ledger the two would otherwise share the
  // one connection and the charts would wait for the reminder count.
  const reminders = useApi('reminders.counts', {}, { enabled: !!summary.data });
  const region = useApi('regions.get', { id: regionId ?? '' }, { enabled: !!regionId });
  const charts = useRef(new Map<string, ChartJS>());
  const register = useCallback((key: string, chart: ChartJS | null) => {
    if (chart) charts.current.set(key, chart);
    else charts.current.delete(key);
  }, []);

  const data = summary.data;
  const specs = useMemo(
    () => (data ? allSpecs({ summary: data, regionId, terms: settings.data?.terms ?? defaultSettings.terms }) : []),
    [data, regionId, settings.data?.terms],
  );
  const scope = `${year}年${regionId && region.data ? region.data.name : ''}`;

  if (status.data?.empty) {
    return (
      <>
        <PageHeader title="首页" />
        <SampleOffer />
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="首页"
        sub={data ? `统计截至 ${data.asOf}` : undefined}
        extra={
          <Space wrap>
            <Select
              aria-label="统计年度"
              value={year}
              onChange={(v) => update({ year: String(v), templateId: undefined })}
              options={years.map((y) => ({ value: y, label: `${y}年` }))}
              style={{ width: 100 }}
            />
            <RegionSelect allowClear placeholder="全部地区" value={regionId} onChange={(v) => update({ regionId: v })} style={{ width: 200 }} />
            <ExportCharts title={`${scope}教育联盟工作概览`} specs={specs} charts={charts.current} />
          </Space>
        }
      />
      {!data ? (
        <Spin description="正在统计…" style={{ display: 'block', margin: '80px auto' }} />
      ) : (
        <>
          <Headline summary={data} regionId={regionId} overdueReminders={reminders.data?.overdue} />
          <Row gutter={[12, 12]}>
            {specs.map((spec) => (
              <Col key={spec.key} xs={spans[spec.key]?.xs ?? 24} xl={spans[spec.key]?.xl ?? 12}>
                <DashboardChart
                  spec={spec}
                  register={register}
                  extra={spec.key === 'scores' && data.evaluation ? <TemplatePicker summary={data} onChange={(id) => update({ templateId: id })} /> : null}
                  note={notes(spec, data, data.evaluation ? `${data.evaluation.templateName}${data.evaluation.version > 1 ? `（第${data.evaluation.version}版）` : ''}：已提交 ${data.evaluation.evaluated.toLocaleString('zh-CN')} 份${data.evaluation.drafts ? `，草稿 ${data.evaluation.drafts.toLocaleString('zh-CN')} 份未计入` : ''}；点击查看考核结果。` : undefined)}
                />
              </Col>
            ))}
            {!data.evaluation ? (
              <Col xs={24} xl={12}>
                <Empty description={`${year}年还没有考核评价`} style={{ padding: 24, background: '#fff' }} />
              </Col>
            ) : null}
          </Row>
        </>
      )}
    </>
  );
}

function notes(spec: ChartSpec, summary: DashboardSummary, evaluationNote?: string): string | undefined {
  const quotas = summary.quotas;
  if (spec.key === 'coverage')
    return summary.coverageLevel === 'city'
      ? '义务教育阶段（小学、初中、九年一贯制）学校；浅色柱为未达目标的市，点击柱形查看该市各县区。'
      : '义务教育阶段（小学、初中、九年一贯制）学校；浅色柱为未达目标的县区，点击柱形查看该县区的学校。';
  if (spec.key === 'quotas')
    return `每学期联合开展交流活动不少于 ${quotas.activitiesPerTerm} 次、校级领导互访不少于 ${quotas.visitsPerTerm} 次（设置 → 提醒规则）；点击查看该学期的活动。`;
  if (spec.key === 'rectifications') return '“已逾期”为已过整改期限仍未复查的通知书，与其所在状态重复计数。';
  if (spec.key === 'activities') return '点击色块查看该类别在该月所属学期的活动。';
  if (spec.key === 'scores' || spec.key === 'grades') return evaluationNote;
  return undefined;
}

function TemplatePicker({ summary, onChange }: { summary: DashboardSummary; onChange: (id: string) => void }) {
  const e = summary.evaluation!;
  if (e.templates.length < 2) return null;
  return (
    <Select
      size="small"
      value={e.templateId}
      onChange={onChange}
      options={e.templates.map((t) => ({ value: t.templateId, label: `${t.name}${t.version > 1 ? `（第${t.version}版）` : ''}` }))}
      style={{ width: 200, marginRight: 8 }}
    />
  );
}

/** 导出图表: the charts as drawn, as PNG files or as one 图表 workbook with their numbers. */
function ExportCharts({ title, specs, charts }: { title: string; specs: ChartSpec[]; charts: Map<string, ChartJS> }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const drawn = () => specs.flatMap((s) => (charts.get(s.key) ? [{ spec: s, chart: charts.get(s.key)! }] : []));
  async function workbook() {
    setBusy(true);
    try {
      const file = await call('dashboard.exportCharts', {
        title,
        charts: drawn().map(({ spec, chart }) => ({ title: spec.title, pngBase64: pngOf(chart), table: spec.table })),
      });
      downloadBase64(file.fileName, file.dataBase64, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      message.success(`已导出：${file.fileName}`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  function images() {
    for (const { spec, chart } of drawn()) downloadBase64(`${spec.title}.png`, pngOf(chart), 'image/png');
  }
  return (
    <Space.Compact>
      <Button loading={busy} disabled={specs.length === 0} onClick={workbook}>
        导出图表
      </Button>
      <Dropdown disabled={specs.length === 0} menu={{ items: [{ key: 'png', label: '全部图表存为 PNG 图片' }], onClick: images }}>
        <Button aria-label="更多导出方式" icon={<DownOutlined />} />
      </Dropdown>
    </Space.Compact>
  );
}
