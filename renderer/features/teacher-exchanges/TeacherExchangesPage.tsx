import { ExportListButton } from '../../components/ExportListButton';
import type { Args } from '../../../electron/api/contract';
import { Select, Space, Typography } from 'antd';
import type { ExchangeKind, ExchangeStatus } from '../../../electron/api/enums';
import type { TeacherExchange, teacherExchangeSortKeys } from '../../../electron/api/teacher-exchanges';
import { termLabel } from '../../../electron/api/terms';
import { useApi, useApiMutation } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { PeriodSelect, useKnownAlliance, usePeriod } from '../../components/ledger-filters';
import { ListSearch } from '../../components/ListSearch';
import { PageHeader } from '../../components/PageHeader';
import { AllianceSelect, CountySelect } from '../../components/pickers';
import { RowActions } from '../../components/RowActions';
import { useEditor } from '../../components/use-editor';
import { useListParams } from '../../components/use-list-params';
import { fmtDate, fmtNumber } from '../../format';
import { KindTag, StatusTag, kindOptions, statusOptions } from './labels';
import { TeacherExchangeForm } from './TeacherExchangeForm';
import { TeacherExchangeSummaryStrip } from './TeacherExchangeSummaryStrip';

type SortBy = (typeof teacherExchangeSortKeys)[number];

export function TeacherExchangesPage() {
  const { params, update, page, pageSize, sort } = useListParams<SortBy>({ sortBy: 'startOn', sortOrder: 'desc' });
  const editor = useEditor<TeacherExchange>();
  const remove = useApiMutation('teacherExchanges.delete');
  const year = params.year ? Number(params.year) : undefined;
  const period = usePeriod(params.term, year);
  const knownAlliance = useKnownAlliance(params.allianceId);
  const query: Args<'teacherExchanges.list'> = {
    page,
    pageSize,
    search: params.search,
    allianceId: params.allianceId,
    regionId: params.regionId,
    kind: params.kind as ExchangeKind | undefined,
    status: params.status as ExchangeStatus | undefined,
    term: params.term,
    year,
    ...sort,
  };
  const { data, isFetching } = useApi('teacherExchanges.list', query);

  const open = editor.edit;

  const caption = [
    knownAlliance[0] ? `联盟：${knownAlliance[0].name}` : '全部联盟',
    params.term ? termLabel(params.term) : year ? `${year}年` : '全部时段',
  ].join('，');

  return (
    <>
      <PageHeader
        title="教师交流"
        sub="支教、跟岗、轮岗、送教"
        extra={<ExportListButton list="teacherExchanges" query={query} />}
        action={{ label: '登记教师交流', onClick: () => open(null) }}
      />
      <div className="page-toolbar">
        <ListSearch placeholder="教师姓名、学科" params={params} update={update} width={180} />
        <AllianceSelect
          allowClear
          known={knownAlliance}
          value={params.allianceId}
          onChange={(v) => update({ allianceId: v })}
          style={{ width: 230 }}
        />
        <CountySelect allowClear value={params.regionId} onChange={(v) => update({ regionId: v })} style={{ width: 170 }} />
        <Select allowClear placeholder="交流类型" value={params.kind} onChange={(v) => update({ kind: v })} options={kindOptions} style={{ width: 110 }} />
        <Select allowClear placeholder="状态" value={params.status} onChange={(v) => update({ status: v })} options={statusOptions} style={{ width: 100 }} />
        <PeriodSelect term={params.term} year={year} onChange={update} />
      </div>
      <TeacherExchangeSummaryStrip
        scope={{ allianceId: params.allianceId, regionId: params.regionId, from: period.from, to: period.to }}
        caption={`统计范围：${caption}${params.regionId ? '，所选县区' : ''}（不受类型、状态和搜索筛选影响）`}
      />
      <DataTable<TeacherExchange>
        data={data}
        loading={isFetching}
        params={params}
        update={update}
        columns={[
          {
            key: 'teacherName',
            title: '教师（学科）',
            sorter: true,
            render: (_, e) => (
              <Space size={4}>
                <a onClick={() => open(e)}>{e.teacherName}</a>
                {e.subject ? <Typography.Text type="secondary">{e.subject}</Typography.Text> : null}
              </Space>
            ),
          },
          { key: 'alliance', title: '联盟', dataIndex: 'allianceName', sorter: true, width: 200 },
          {
            key: 'schools',
            title: '派出学校 → 接收学校',
            render: (_, e) => (
              <div style={{ lineHeight: 1.5 }}>
                <div>{e.fromSchoolName}</div>
                <Typography.Text type="secondary">→ </Typography.Text>
                {e.toSchoolName}
              </div>
            ),
          },
          {
            key: 'kind',
            title: '类型 / 状态',
            render: (_, e) => (
              <Space orientation="vertical" size={2}>
                <KindTag kind={e.kind} />
                <StatusTag status={e.status} />
              </Space>
            ),
          },
          {
            key: 'startOn',
            title: '起止日期',
            sorter: true,
            // The default sort (newest first): a click turns it to oldest first, another back.
            sortDirections: ['descend', 'ascend'],
            render: (_, e) => (
              <div style={{ lineHeight: 1.5, whiteSpace: 'nowrap' }}>
                <div>{fmtDate(e.startOn)}</div>
                <Typography.Text type="secondary">至 {e.endOn ?? (e.status === 'ongoing' ? '今' : '—')}</Typography.Text>
              </div>
            ),
          },
          { key: 'days', title: '天数', sorter: true, align: 'right', render: (_, e) => fmtNumber(e.days) },
          { key: 'hours', title: '课时/小时', sorter: true, align: 'right', render: (_, e) => fmtNumber(e.hours) },
          {
            key: 'actions',
            title: '操作',
            fixed: 'right',
            render: (_, e) => (
              <RowActions name={`${e.teacherName} 的交流记录`} onEdit={() => open(e)} onDelete={() => remove.mutateAsync({ id: e.id })} />
            ),
          },
        ]}
      />
      <TeacherExchangeForm
        open={editor.open}
        exchange={editor.record}
        defaults={knownAlliance[0] ? { allianceId: knownAlliance[0].id, allianceName: knownAlliance[0].name } : undefined}
        onClose={editor.close}
      />
    </>
  );
}
