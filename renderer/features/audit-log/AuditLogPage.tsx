import { Alert, App, Button, DatePicker, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ChainCheck } from '../../../electron/api/backups';
import type { AuditEntry } from '../../../electron/api/system';
import { auditActions, auditEntityLabels } from '../../../electron/api/system';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { ExportListButton } from '../../components/ExportListButton';
import { ListSearch } from '../../components/ListSearch';
import { useLongTask } from '../../components/LongTask';
import { PageHeader } from '../../components/PageHeader';
import { useListParams } from '../../components/use-list-params';
import { fmtTime, fromDayjs, toDayjs } from '../../format';

const actionColors: Record<AuditEntry['action'], string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  restore: 'purple',
  bulk: 'default',
  import: 'cyan',
  export: 'geekblue',
  backup: 'gold',
  restoreBackup: 'magenta',
  merge: 'cyan',
};

const entityNames = auditEntityLabels;

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

/** What a row is about, in a line: the record's name, or the file of an import, export or backup. */
function summary(e: AuditEntry): string {
  const row = (e.after ?? e.before) as Record<string, unknown> | null;
  if (!row) return '';
  if (e.action === 'import') return `文件“${String(row.fileName)}”，写入 ${String(row.written)} 条（SHA-256 ${String(row.sha256).slice(0, 12)}…）`;
  if (e.action === 'export') return `${String(row.report ?? row.list ?? '备份文件')}：${String(row.fileName ?? row.file ?? '')}${row.rows !== undefined ? `，${String(row.rows)} 行` : ''}`;
  if (e.action === 'backup') return `${String(row.kind ?? '')} ${String(row.file ?? '')}${row.error ? `：${String(row.error)}` : ''}`;
  if (e.action === 'restoreBackup') return `从“${String(row.from)}”恢复${row.savedCurrentAs ? `，恢复前的数据另存为 ${String(row.savedCurrentAs)}` : ''}${row.error ? `：${String(row.error)}` : ''}`;
  if (e.action === 'bulk') return `${String(row.count ?? '')} 条`;
  const name = String(row.name ?? row.title ?? row.teacher_name ?? row.number ?? row.description ?? row.file ?? '');
  return `${name} ${changes(e)}`.trim();
}

export function AuditLogPage() {
  const { message } = App.useApp();
  const { params, update, page, pageSize } = useListParams();
  const query = {
    entity: params.entity,
    action: params.action as AuditEntry['action'] | undefined,
    operator: params.operator,
    search: params.search,
    from: params.from,
    to: params.to,
  };
  const { data, isFetching } = useApi('auditLog.list', { page, pageSize, ...query });
  const verify = useLongTask('auditLog.verify');
  const [verdict, setVerdict] = useState<ChainCheck | null>(null);

  async function check() {
    try {
      setVerdict(await verify.run({}));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'cancelled') message.info('已取消校验');
      else message.error((e as Error).message);
    }
  }

  return (
    <>
      <PageHeader
        title="操作日志"
        sub="每一次新增、修改、删除、导入、导出、备份和恢复都记录在此；日志只能追加，不能修改，每条都与上一条环环相扣"
        extra={
          <>
            <Button onClick={check} disabled={verify.running}>
              校验日志
            </Button>
            <ExportListButton list="auditLog" query={query} />
          </>
        }
      />
      {verdict ? (
        verdict.ok ? (
          <Alert
            type="success"
            showIcon
            closable={{ onClose: () => setVerdict(null) }}
            style={{ marginBottom: 12 }}
            title={`校验通过：${verdict.checked.toLocaleString('zh-CN')} 条日志完整，没有被修改或删除的记录`}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            closable={{ onClose: () => setVerdict(null) }}
            style={{ marginBottom: 12 }}
            title={`校验未通过：第 ${verdict.firstBroken?.seq ?? '?'} 条日志有问题`}
            description={
              verdict.firstBroken
                ? `${verdict.firstBroken.reason}。该条时间 ${fmtTime(verdict.firstBroken.at) || '—'}，类型 ${entityNames[verdict.firstBroken.entity] ?? verdict.firstBroken.entity}。此前的 ${verdict.checked.toLocaleString('zh-CN')} 条完好。`
                : undefined
            }
          />
        )
      ) : null}
      <div className="page-toolbar">
        <ListSearch placeholder="操作人或记录编号" params={params} update={update} />
        <Select
          allowClear
          placeholder="记录类型"
          value={params.entity}
          onChange={(v) => update({ entity: v })}
          style={{ width: 150 }}
          options={Object.entries(entityNames).map(([value, label]) => ({ value, label }))}
        />
        <Select
          allowClear
          placeholder="操作"
          value={params.action}
          onChange={(v) => update({ action: v })}
          style={{ width: 120 }}
          options={Object.entries(auditActions).map(([value, label]) => ({ value, label }))}
        />
        <DatePicker.RangePicker
          value={[toDayjs(params.from), toDayjs(params.to)]}
          onChange={(v) => update({ from: fromDayjs(v?.[0]) ?? undefined, to: fromDayjs(v?.[1]) ?? undefined })}
          allowEmpty={[true, true]}
          placeholder={['开始日期', '结束日期']}
        />
        {params.operator ? (
          <Tag closable onClose={() => update({ operator: undefined })} style={{ alignSelf: 'center' }}>
            操作人：{params.operator}
          </Tag>
        ) : null}
      </div>
      <DataTable<AuditEntry>
        data={data}
        loading={isFetching}
        params={params}
        update={update}
        columns={[
          { key: 'seq', title: '序号', dataIndex: 'seq', width: 80 },
          { key: 'at', title: '时间', render: (_, e) => fmtTime(e.at), width: 150 },
          {
            key: 'operator',
            title: '操作人',
            width: 100,
            render: (_, e) => (
              <Typography.Link onClick={() => update({ operator: params.operator === e.operator ? undefined : e.operator })}>{e.operator}</Typography.Link>
            ),
          },
          {
            key: 'action',
            title: '操作',
            width: 100,
            render: (_, e) => <Tag color={actionColors[e.action] ?? 'default'}>{auditActions[e.action] ?? e.action}</Tag>,
          },
          { key: 'entity', title: '类型', width: 100, render: (_, e) => entityNames[e.entity] ?? e.entity },
          {
            key: 'what',
            title: '内容',
            render: (_, e) => (
              <Typography.Text ellipsis={{ tooltip: summary(e) }} style={{ maxWidth: 520 }}>
                {summary(e)}
              </Typography.Text>
            ),
          },
          {
            key: 'outcome',
            title: '结果',
            width: 70,
            render: (_, e) => (e.outcome === 'failed' ? <Tag color="red">失败</Tag> : <Typography.Text type="secondary">成功</Typography.Text>),
          },
        ]}
      />
      {verify.dialog}
    </>
  );
}
