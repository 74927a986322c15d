// 考核评价: the year and template at the top (kept in the URL), then who is being evaluated
// and how far each has got (评分进度), or the ranked results (评价结果).
import { App, Button, Empty, Select, Space, Tabs, Tooltip, Typography } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { evaluationTargets } from '../../../electron/api/enums';
import type { EvaluationTemplate } from '../../../electron/api/evaluations';
import { useAccess } from '../../api/access';
import { useApi, useApiMutation } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { useListParams } from '../../components/use-list-params';
import { CandidatesTab } from './CandidatesTab';
import { templateLabel } from './labels';
import { ResultsTab } from './ResultsTab';

const thisYear = new Date().getFullYear();

/** What both tabs need of the chosen template. */
export type ChosenTemplate = Pick<EvaluationTemplate, 'id' | 'name' | 'version' | 'targetType' | 'totalScore' | 'gradeBands'>;

export function EvaluationsPage() {
  const { params, update } = useListParams();
  const { message, modal } = App.useApp();
  const year = Number(params.year) || thisYear;
  const tab = params.tab === 'results' ? 'results' : 'progress';
  const templates = useApi('evaluationTemplates.list', { year, pageSize: 100, sortBy: 'name', sortOrder: 'asc' });
  // While another year's list is still shown (kept during the fetch), it has no default to offer.
  const templateId = params.templateId ?? (templates.isPlaceholderData ? undefined : templates.data?.rows[0]?.id);
  const chosen = useApi('evaluationTemplates.get', { id: templateId ?? '' }, { enabled: !!templateId });
  const template: ChosenTemplate | undefined = chosen.data?.id === templateId ? chosen.data : undefined;
  const lockAll = useApiMutation('evaluations.lockAll');
  // 锁定 needs a reviewer or administrator on a shared server (the database enforces it).
  const { canLock } = useAccess();

  // The year and the template shown stay in the address, defaults included, so a reload or
  // a copied link opens the same list.
  useEffect(() => {
    if (!params.year || (!params.templateId && templateId)) update({ year: String(year), templateId }, false);
  }, [params.year, params.templateId, templateId, year, update]);

  const years = [...new Set([...Array.from({ length: 6 }, (_, i) => thisYear - i), year])].sort((a, b) => b - a);
  const options = (templates.data?.rows ?? []).map((t) => ({
    value: t.id,
    label: `${templateLabel(t)}${t.targetType === 'school' ? '（评学校）' : ''}`,
  }));
  // A link may name an earlier version, which the list (latest versions only) leaves out.
  if (template && !options.some((o) => o.value === template.id)) options.push({ value: template.id, label: templateLabel(template) });

  const confirmLockAll = () => {
    if (!template) return;
    modal.confirm({
      title: `锁定 ${year} 年度“${templateLabel(template)}”全部已提交的评价？`,
      content: '锁定后不可再修改，也不能退回修改。草稿不受影响。',
      okText: '全部锁定',
      cancelText: '取消',
      onOk: async () => {
        try {
          const r = await lockAll.mutateAsync({ templateId: template.id, year });
          if (r.locked) message.success(`已锁定 ${r.locked} 份评价`);
          else message.info('没有待锁定的已提交评价');
        } catch (e) {
          message.error((e as Error).message);
        }
      },
    });
  };

  return (
    <>
      <PageHeader
        title="考核评价"
        sub="按年度和评价模板逐一打分，提交后由教育局锁定"
        extra={
          canLock ? (
            <Tooltip title="局里确认结果后锁定，锁定的评价不可再修改">
              <Button disabled={!template} onClick={confirmLockAll}>
                锁定全部已提交
              </Button>
            </Tooltip>
          ) : null
        }
      />
      <div className="page-toolbar">
        <Space size={4}>
          <Typography.Text>年度</Typography.Text>
          <Select
            aria-label="年度"
            value={year}
            onChange={(v) => update({ year: String(v), templateId: undefined, page: undefined })}
            options={years.map((y) => ({ value: y, label: `${y} 年` }))}
            style={{ width: 110 }}
          />
        </Space>
        <Space size={4}>
          <Typography.Text>评价模板</Typography.Text>
          <Select
            aria-label="评价模板"
            value={templateId}
            loading={templates.isLoading}
            placeholder="选择评价模板"
            notFoundContent="本年度没有评价模板"
            onChange={(v) => update({ templateId: v, page: undefined })}
            options={options}
            style={{ width: 360 }}
          />
        </Space>
        {template ? (
          <Typography.Text type="secondary">
            评价{evaluationTargets.label(template.targetType)} · 总分 {template.totalScore} 分 · 等次{' '}
            {template.gradeBands.map((b) => `${b.name}≥${b.min}`).join('，')}
          </Typography.Text>
        ) : null}
      </div>
      {templates.data && !templateId ? (
        <Empty description={`${year} 年度还没有评价模板`}>
          <Link to="/evaluation-templates">去建立评价模板</Link>
        </Empty>
      ) : (
        <Tabs
          activeKey={tab}
          onChange={(k) => update({ tab: k === 'results' ? 'results' : undefined, page: undefined, sortBy: undefined, sortOrder: undefined })}
          items={[
            { key: 'progress', label: '评分进度', children: tab === 'progress' && template ? <CandidatesTab year={year} template={template} /> : null },
            { key: 'results', label: '评价结果', children: tab === 'results' && template ? <ResultsTab year={year} template={template} /> : null },
          ]}
        />
      )}
    </>
  );
}
