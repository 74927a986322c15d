// 报表导出: choose a report, its period (year, term or from–to), a county and an alliance
// kind; 预览 shows the first rows as the workbook will hold them, 导出 writes the whole
// workbook (progress and cancel), 导出年度报送包 puts every report of a year in one file.
import { Alert, App, Button, Card, DatePicker, Empty, Form, Segmented, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import type { Args } from '../../../electron/api/contract';
import { allianceKinds, type AllianceKind } from '../../../electron/api/enums';
import { reportLabels, type ReportCell, type ReportKind, type ReportPeriod } from '../../../electron/api/reports';
import { termLabel, termOf, termsBetween } from '../../../electron/api/terms';
import { useApi } from '../../api/hooks';
import type { ApiError } from '../../api/client';
import { downloadBase64 } from '../../components/download';
import { useLongTask } from '../../components/LongTask';
import { PageHeader } from '../../components/PageHeader';
import { RegionSelect } from '../../components/pickers';

type PeriodType = ReportPeriod['type'];
type Request = Args<'reports.export'>;

const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const singleReports = (Object.keys(reportLabels) as ReportKind[]).filter((k) => k !== 'annual-package');
const byYear = (r: ReportKind) => r === 'evaluation' || r === 'annual-package';

export function ReportsPage() {
  const { message } = App.useApp();
  const settings = useApi('settings.get', {});
  const thisYear = dayjs().year();
  const [report, setReport] = useState<ReportKind>('coverage');
  const [periodType, setPeriodType] = useState<PeriodType>('year');
  const [year, setYear] = useState(thisYear);
  const [term, setTerm] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [regionId, setRegionId] = useState<string | undefined>();
  const [allianceKind, setAllianceKind] = useState<AllianceKind | undefined>();
  const [templateId, setTemplateId] = useState<string | undefined>();
  const [previewing, setPreviewing] = useState<Request | null>(null);
  const exportTask = useLongTask('reports.export');

  const terms = useMemo(() => {
    const b = settings.data?.terms;
    if (!b) return [];
    const today = dayjs().format('YYYY-MM-DD');
    return termsBetween(`${thisYear - 5}-01-01`, today, b);
  }, [settings.data, thisYear]);
  const currentTerm = settings.data ? termOf(dayjs().format('YYYY-MM-DD'), settings.data.terms) : null;
  const chosenTerm = term ?? currentTerm ?? terms[0];

  const effectiveType: PeriodType = byYear(report) ? 'year' : periodType;
  const period: ReportPeriod | null =
    effectiveType === 'year'
      ? { type: 'year', year }
      : effectiveType === 'term'
        ? chosenTerm
          ? { type: 'term', term: chosenTerm }
          : null
        : range
          ? { type: 'range', from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') }
          : null;

  const templates = useApi('evaluations.yearTemplates', { year }, { enabled: report === 'evaluation' });
  const request = (kind: ReportKind): Request | null => {
    // The 年度报送包 is always the chosen year's, whatever period the single report uses.
    const p: ReportPeriod | null = kind === 'annual-package' ? { type: 'year', year } : period;
    return p
      ? {
          report: kind,
          period: p,
          ...(regionId ? { regionId } : {}),
          ...(allianceKind ? { allianceKind } : {}),
          ...(kind === 'evaluation' && templateId ? { templateId } : {}),
        }
      : null;
  };

  const preview = useApi('reports.preview', previewing ?? { report: 'coverage', period: { type: 'year', year } }, { enabled: previewing !== null });

  async function runExport(kind: ReportKind) {
    const args = request(kind);
    if (!args) {
      message.warning('请先选择统计时段');
      return;
    }
    try {
      const file = await exportTask.run(args);
      downloadBase64(file.fileName, file.dataBase64, xlsxMime);
      message.success(`已导出：${file.fileName}`);
    } catch (e) {
      const err = e as ApiError;
      if (err.code === 'cancelled') message.info('已取消导出，没有生成文件');
      else message.error(err.message);
    }
  }

  const years = Array.from({ length: 11 }, (_, i) => thisYear - i);
  const previewData = previewing ? preview.data : undefined;
  const columns = (previewData?.columns ?? []).map((title, i) => ({
    key: String(i),
    title,
    dataIndex: i,
    align: i === 0 ? ('center' as const) : undefined,
    width: i === 0 ? 60 : undefined,
    render: (v: ReportCell) => (v === null ? '' : String(v)),
  }));

  return (
    <>
      <PageHeader title="报表导出" sub="上报上级的 Excel 报表：A4 横向、表头每页重复、数字与日期为真实数值" />
      <Card style={{ marginBottom: 16 }}>
        <Form layout="vertical">
          <Space wrap size={16} align="start">
            <Form.Item label="报表" style={{ marginBottom: 8 }}>
              <Select
                style={{ width: 200 }}
                value={report}
                onChange={(v) => {
                  setReport(v);
                  setPreviewing(null);
                }}
                options={singleReports.map((k) => ({ value: k, label: reportLabels[k] }))}
                aria-label="报表"
              />
            </Form.Item>
            <Form.Item label="统计时段" style={{ marginBottom: 8 }}>
              <Space>
                <Segmented<PeriodType>
                  value={effectiveType}
                  disabled={byYear(report)}
                  onChange={setPeriodType}
                  options={[
                    { value: 'year', label: '年度' },
                    { value: 'term', label: '学期' },
                    { value: 'range', label: '起止日期' },
                  ]}
                />
                {effectiveType === 'year' ? (
                  <Select style={{ width: 110 }} value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: `${y}年` }))} aria-label="统计年度" />
                ) : effectiveType === 'term' ? (
                  <Select style={{ width: 230 }} value={chosenTerm} onChange={setTerm} options={terms.map((t) => ({ value: t, label: termLabel(t) }))} aria-label="统计学期" />
                ) : (
                  <DatePicker.RangePicker value={range} onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)} />
                )}
              </Space>
            </Form.Item>
            <Form.Item label="县（市、区）" style={{ marginBottom: 8 }}>
              <RegionSelect allowClear placeholder="全部" value={regionId} onChange={(v) => setRegionId(v)} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item label="联盟类型" style={{ marginBottom: 8 }}>
              <Select
                allowClear
                placeholder="全部"
                style={{ width: 150 }}
                value={allianceKind}
                onChange={setAllianceKind}
                options={allianceKinds.codes.map((k) => ({ value: k, label: allianceKinds.label(k) }))}
              />
            </Form.Item>
            {report === 'evaluation' ? (
              <Form.Item label="评价模板" style={{ marginBottom: 8 }}>
                <Select
                  allowClear
                  placeholder={templates.data?.length ? '请选择' : '该年度没有考核评价'}
                  style={{ width: 260 }}
                  value={templateId}
                  onChange={setTemplateId}
                  options={(templates.data ?? []).map((t) => ({
                    value: t.templateId,
                    label: `${t.name}${t.version > 1 ? `（第${t.version}版）` : ''}（${t.evaluations} 份）`,
                  }))}
                />
              </Form.Item>
            ) : null}
          </Space>
          <Space wrap>
            <Button onClick={() => setPreviewing(request(report))} disabled={!period}>
              预览
            </Button>
            <Button type="primary" onClick={() => void runExport(report)} disabled={!period}>
              导出 Excel
            </Button>
            <Button onClick={() => void runExport('annual-package')} title={`${year}年全部报表，每张报表一个工作表`}>
              导出{year}年度报送包
            </Button>
          </Space>
        </Form>
      </Card>
      {previewing && preview.error ? <Alert type="error" showIcon title={preview.error.message} style={{ marginBottom: 16 }} /> : null}
      {previewing && !preview.error ? (
        <Card
          title={previewData?.title ?? '预览'}
          loading={preview.isFetching && !previewData}
          extra={previewData ? <Typography.Text type="secondary">共 {previewData.total} 行，预览前 {previewData.rows.length} 行</Typography.Text> : null}
        >
          {previewData ? (
            <>
              <Typography.Paragraph type="secondary">{previewData.subtitle}</Typography.Paragraph>
              {previewData.sheets.length > 1 ? (
                <Typography.Paragraph type="secondary">
                  工作表：{previewData.sheets.map((s) => `${s.name}（${s.rows} 行）`).join('、')}
                </Typography.Paragraph>
              ) : null}
              <Table<ReportCell[]>
                size="small"
                bordered
                rowKey={(_, i) => String(i)}
                columns={columns}
                dataSource={previewData.rows}
                pagination={false}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: <Empty description="该时段没有数据" /> }}
              />
            </>
          ) : null}
        </Card>
      ) : null}
      {exportTask.dialog}
    </>
  );
}

