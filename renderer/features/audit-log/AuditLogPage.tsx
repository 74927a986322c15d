import { Select, Tag, Typography } from 'antd';
import type { AuditEntry } from '../../../electron/api/system';
import { recyclableEntities } from '../../../electron/api/system';
import { useApi } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { useListParams } from '../../components/use-list-params';
import { fmtTime } from '../../format';

const actions: Record<AuditEntry['action'], { label: string; color: string }> = {
  create: { label: '新增', color: 'green' },
  update: { label: '修改', color: 'blue' },
  delete: { label: '删除', color: 'red' },
  restore: { label: '恢复', color: 'purple' },
  bulk: { label: '批量载入', color: 'default' },
};

const entityNames: Record<string, string> = { ...recyclableEntities, settings: '设置', attachments: '附件' };

/** Chinese names of the columns clerks see changing most often. */
const fieldNames: Record<string, string> = {
  reportingUnit: '填报单位',
  operatorName: '操作人',
  homeRegionId: '本局区划',
  terms: '学期划分',
  coverageTarget: '覆盖率目标',
  annualPlanDue: '年度计划备案截止',
  evaluationDeadline: '年度考核截止',
  extraModes: '补充办学模式',
  extraActivityForms: '补充活动形式',
  name: '名称',
  code: '代码',
  stage: '学段',
  locality: '城乡属性',
  students: '学生数',
  teachers: '教师数',
  principal: '校长',
  phone: '联系电话',
  address: '地址',
  notes: '备注',
  title: '主题',
  date: '日期',
  status: '状态',
  closed_on: '撤并日期',
  deleted_at: '删除时间',
};

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '（空）' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Fields that changed between before and after, for a one-line summary. */
function changes(e: AuditEntry): string {
  if (e.action !== 'update' || !e.before || !e.after) return '';
  const before = e.before as Record<string, unknown>;
  const after = e.after as Record<string, unknown>;
  return Object.keys(after)
    .filter((k) => k !== 'updated_at' && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => `${fieldNames[k] ?? k}：${show(before[k])} → ${show(after[k])}`)
    .join('；');
}

export function AuditLogPage() {
  const { params, update, page, pageSize } = useListParams();
  const { data, isFetching } = useApi('auditLog.list', { page, pageSize, entity: params.entity });
  return (
    <>
      <PageHeader title="操作日志" sub="每一次新增、修改、删除和恢复都记录在此，不能修改" />
      <div className="page-toolbar">
        <Select
          allowClear
          placeholder="记录类型"
          value={params.entity}
          onChange={(v) => update({ entity: v })}
          style={{ width: 160 }}
          options={Object.entries(entityNames).map(([value, label]) => ({ value, label }))}
        />
      </div>
      <DataTable<AuditEntry>
        data={data}
        loading={isFetching}
        params={params}
        update={update}
        columns={[
          { key: 'at', title: '时间', render: (_, e) => fmtTime(e.at), width: 150 },
          { key: 'operator', title: '操作人', dataIndex: 'operator', width: 100 },
          { key: 'action', title: '操作', width: 90, render: (_, e) => <Tag color={actions[e.action].color}>{actions[e.action].label}</Tag> },
          { key: 'entity', title: '类型', width: 100, render: (_, e) => entityNames[e.entity] ?? e.entity },
          {
            key: 'what',
            title: '内容',
            render: (_, e) => {
              const row = (e.after ?? e.before) as Record<string, unknown> | null;
              const name = row ? String(row.name ?? row.title ?? row.teacher_name ?? row.number ?? row.description ?? '') : '';
              return (
                <Typography.Text ellipsis style={{ maxWidth: 560 }}>
                  {name} {changes(e)}
                </Typography.Text>
              );
            },
          },
        ]}
      />
    </>
  );
}
