import { ExportListButton } from '../../components/ExportListButton';
import type { Args } from '../../../electron/api/contract';
import { Space, Tag, Tooltip, Typography } from 'antd';
import type { SharedCourse, sharedCourseSortKeys } from '../../../electron/api/shared-courses';
import { useApi, useApiMutation } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { TermSelect, useKnownAlliance } from '../../components/ledger-filters';
import { ListSearch } from '../../components/ListSearch';
import { PageHeader } from '../../components/PageHeader';
import { AllianceSelect, CountySelect } from '../../components/pickers';
import { RowActions } from '../../components/RowActions';
import { useEditor } from '../../components/use-editor';
import { useListParams } from '../../components/use-list-params';
import { fmtNumber } from '../../format';
import { SharedCourseForm } from './SharedCourseForm';

type SortBy = (typeof sharedCourseSortKeys)[number];

export function SharedCoursesPage() {
  const { params, update, page, pageSize, sort } = useListParams<SortBy>({ sortBy: 'term', sortOrder: 'desc' });
  const editor = useEditor<SharedCourse>();
  const remove = useApiMutation('sharedCourses.delete');
  const knownAlliance = useKnownAlliance(params.allianceId);
  const query: Args<'sharedCourses.list'> = {
    page,
    pageSize,
    search: params.search,
    allianceId: params.allianceId,
    regionId: params.regionId,
    term: params.term,
    ...sort,
  };
  const { data, isFetching } = useApi('sharedCourses.list', query);

  const open = editor.edit;

  return (
    <>
      <PageHeader
        title="课程共享"
        sub="联盟学校间共享的课程、课时和受益学生"
        extra={<ExportListButton list="sharedCourses" query={query} />}
        action={{ label: '登记共享课程', onClick: () => open(null) }}
      />
      <div className="page-toolbar">
        <ListSearch placeholder="课程名称" params={params} update={update} width={200} />
        <AllianceSelect
          allowClear
          known={knownAlliance}
          value={params.allianceId}
          onChange={(v) => update({ allianceId: v })}
          style={{ width: 240 }}
        />
        <CountySelect allowClear value={params.regionId} onChange={(v) => update({ regionId: v })} style={{ width: 180 }} />
        <TermSelect allowClear value={params.term} onChange={(v) => update({ term: v })} />
      </div>
      <DataTable<SharedCourse>
        data={data}
        loading={isFetching}
        params={params}
        update={update}
        columns={[
          { key: 'name', title: '课程名称', sorter: true, render: (_, c) => <a onClick={() => open(c)}>{c.name}</a> },
          { key: 'alliance', title: '联盟', dataIndex: 'allianceName', sorter: true, width: 180 },
          {
            key: 'term',
            title: '学期',
            sorter: true,
            sortDirections: ['descend', 'ascend'],
            // 2024-2025学年第一学期 on two lines keeps the row narrow.
            render: (_, c) => (
              <div style={{ lineHeight: 1.5, whiteSpace: 'nowrap' }}>
                <div>{c.termLabel.slice(0, 11)}</div>
                <Typography.Text type="secondary">{c.termLabel.slice(11)}</Typography.Text>
              </div>
            ),
          },
          { key: 'provider', title: '提供学校', sorter: true, width: 170, render: (_, c) => c.providerSchoolName ?? '—' },
          { key: 'receivers', title: '接收学校', width: 266, render: (_, c) => <SchoolTags schools={c.receivingSchools} /> },
          { key: 'hours', title: '课时', sorter: true, align: 'right', render: (_, c) => fmtNumber(c.hours) },
          { key: 'studentsReached', title: '受益学生', sorter: true, width: 96, align: 'right', render: (_, c) => fmtNumber(c.studentsReached) },
          {
            key: 'actions',
            title: '操作',
            fixed: 'right',
            render: (_, c) => (
              <RowActions name={c.name} onEdit={() => open(c)} onDelete={() => remove.mutateAsync({ id: c.id })} />
            ),
          },
        ]}
      />
      <SharedCourseForm
        open={editor.open}
        course={editor.record}
        defaults={knownAlliance[0] ? { allianceId: knownAlliance[0].id, allianceName: knownAlliance[0].name } : undefined}
        onClose={editor.close}
      />
    </>
  );
}

/** The first few receiving schools as tags; the rest behind a count with a tooltip. */
function SchoolTags({ schools }: { schools: { id: string; name: string }[] }) {
  if (schools.length === 0) return <>—</>;
  const shown = schools.slice(0, 3);
  const rest = schools.slice(3);
  return (
    <Space size={[0, 4]} wrap style={{ maxWidth: 250 }}>
      {shown.map((s) => (
        <Tag key={s.id}>{s.name}</Tag>
      ))}
      {rest.length ? (
        <Tooltip title={rest.map((s) => s.name).join('、')}>
          <Tag>等 {schools.length} 所</Tag>
        </Tooltip>
      ) : null}
    </Space>
  );
}
