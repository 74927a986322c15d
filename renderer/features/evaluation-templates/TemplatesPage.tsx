import { ExportListButton } from '../../components/ExportListButton';
import type { Args } from '../../../electron/api/contract';
import { Alert, App, Checkbox, Select, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { evaluationTargets } from '../../../electron/api/enums';
import type { EvaluationTarget, EvaluationTemplateSummary, TemplateListQuery } from '../../../electron/api/evaluations';
import { call } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { downloadBase64 } from '../../components/download';
import { yearOptions } from '../../components/ledger-filters';
import { PageHeader } from '../../components/PageHeader';
import { RowActions } from '../../components/RowActions';
import { useListParams } from '../../components/use-list-params';
import { fmtNumber, fmtTime } from '../../format';
import { TemplateTags } from './labels';
import { TemplateCopyDialog } from './TemplateCopyDialog';
import { TemplateImportButton } from './TemplateImport';

type SortBy = TemplateListQuery['sortBy'];

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function TemplatesPage() {
  const { params, update, page, pageSize, sort } = useListParams<SortBy>({ sortBy: 'year', sortOrder: 'desc' });
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [copying, setCopying] = useState<EvaluationTemplateSummary | null>(null);
  const remove = useApiMutation('evaluationTemplates.delete');
  const year = params.year ? Number(params.year) : undefined;
  const query: Args<'evaluationTemplates.list'> = {
    page,
    pageSize,
    year,
    targetType: params.targetType as EvaluationTarget | undefined,
    includeOldVersions: params.old === '1',
    ...sort,
  };
  const { data, isFetching } = useApi('evaluationTemplates.list', query);

  const open = (t: EvaluationTemplateSummary) => navigate(`/evaluation-templates/${t.id}`);

  async function exportExcel(t: EvaluationTemplateSummary) {
    try {
      const file = await call('evaluationTemplates.exportExcel', { id: t.id });
      downloadBase64(file.fileName, file.dataBase64, xlsx);
    } catch (e) {
      message.error(`导出失败：${(e as Error).message}`);
    }
  }

  return (
    <>
      <PageHeader
        title="评价模板"
        sub="考核评价所用的指标体系、分值和等次"
        extra={
          <>
            <ExportListButton list="evaluationTemplates" query={query} />
            <TemplateImportButton />
          </>
        }
        action={{ label: '新建模板', onClick: () => navigate('/evaluation-templates/new') }}
      />
      {data?.rows.some((t) => t.isSample) ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="标有“示例模板”的是随软件提供的参考样例，指标和分值仅供参考。正式考核请先“复制”为本年度的模板，再按本地文件修改。"
        />
      ) : null}
      <div className="page-toolbar">
        <Select<number>
          allowClear
          placeholder="年度"
          value={year}
          onChange={(v) => update({ year: v ? String(v) : undefined })}
          options={yearOptions()}
          style={{ width: 100 }}
        />
        <Select<EvaluationTarget>
          allowClear
          placeholder="评价对象"
          value={params.targetType as EvaluationTarget | undefined}
          onChange={(v) => update({ targetType: v })}
          options={evaluationTargets.codes.map((c) => ({ value: c, label: evaluationTargets.labels[c] }))}
          style={{ width: 110 }}
        />
        <Checkbox checked={params.old === '1'} onChange={(e) => update({ old: e.target.checked ? '1' : undefined })}>
          显示历史版本
        </Checkbox>
      </div>
      <DataTable<EvaluationTemplateSummary>
        data={data}
        loading={isFetching}
        params={params}
        update={update}
        columns={[
          {
            key: 'name',
            title: '模板名称',
            sorter: true,
            render: (_, t) => (
              <Space size={8} wrap>
                <a onClick={() => open(t)}>{t.name}</a>
                <TemplateTags template={t} />
              </Space>
            ),
          },
          { key: 'year', title: '年度', sorter: true, sortDirections: ['descend', 'ascend'], render: (_, t) => t.year ?? '不限' },
          { key: 'targetType', title: '评价对象', render: (_, t) => evaluationTargets.label(t.targetType) },
          { key: 'totalScore', title: '总分', align: 'right', render: (_, t) => fmtNumber(t.totalScore) },
          { key: 'leafCount', title: '指标数', align: 'right', render: (_, t) => fmtNumber(t.leafCount) },
          { key: 'version', title: '版本', render: (_, t) => `第${t.version}版` },
          { key: 'evaluationCount', title: '考核评价', align: 'right', render: (_, t) => fmtNumber(t.evaluationCount) },
          { key: 'updatedAt', title: '更新时间', sorter: true, render: (_, t) => fmtTime(t.updatedAt) },
          {
            key: 'actions',
            title: '操作',
            fixed: 'right',
            render: (_, t) => (
              <RowActions
                name={t.name}
                extra={
                  <>
                    {t.latest ? null : <a onClick={() => open(t)}>查看</a>}
                    <a onClick={() => setCopying(t)}>复制</a>
                    <a onClick={() => exportExcel(t)}>导出Excel</a>
                  </>
                }
                onEdit={t.latest ? () => open(t) : undefined}
                onDelete={() => remove.mutateAsync({ id: t.id })}
              />
            ),
          },
        ]}
      />
      <TemplateCopyDialog source={copying} onClose={() => setCopying(null)} />
    </>
  );
}
