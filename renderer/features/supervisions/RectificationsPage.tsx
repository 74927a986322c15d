// 整改通知书台账: every notice across supervisions, by deadline, with days left or overdue.
import { ExportListButton } from '../../components/ExportListButton';
import type { Args } from '../../../electron/api/contract';
import { Select } from 'antd';
import { Link } from 'react-router';
import { rectificationStatuses } from '../../../electron/api/enums';
import type { Rectification, RectificationStatus } from '../../../electron/api/supervisions';
import { useApi, useApiMutation } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { ListSearch } from '../../components/ListSearch';
import { PageHeader } from '../../components/PageHeader';
import { useEditor } from '../../components/use-editor';
import { useListParams } from '../../components/use-list-params';
import { useState } from 'react';
import { optionsOf } from './labels';
import { RectificationStepDialog, type Step } from './RectificationDialogs';
import { RectificationForm } from './RectificationForm';
import { rectificationColumns } from './rectification-columns';

type SortBy = 'deadline' | 'issuedOn' | 'number';

export function RectificationsPage() {
  const { params, update, page, pageSize, sort } = useListParams<SortBy>({ sortBy: 'deadline', sortOrder: 'asc' });
  const editor = useEditor<Rectification>();
  const [step, setStep] = useState<Step>(null);
  const remove = useApiMutation('rectifications.delete');
  const due = params.due;
  const query: Args<'rectifications.list'> = {
    page,
    pageSize,
    search: params.search,
    status: params.status as RectificationStatus | undefined,
    overdue: due === 'overdue' ? true : undefined,
    dueWithinDays: due && due !== 'overdue' ? Number(due) : undefined,
    ...sort,
  };
  const { data, isFetching } = useApi('rectifications.list', query);

  return (
    <>
      <PageHeader title="整改通知书台账" sub={<Link to="/supervisions">← 督导列表</Link>} extra={<ExportListButton list="rectifications" query={query} />} />
      <div className="page-toolbar">
        <ListSearch placeholder="文号、整改事项" params={params} update={update} width={220} />
        <Select
          allowClear
          placeholder="整改状态"
          value={params.status}
          onChange={(v) => update({ status: v })}
          options={optionsOf(rectificationStatuses)}
          style={{ width: 120 }}
        />
        <Select
          allowClear
          placeholder="期限"
          value={due}
          onChange={(v) => update({ due: v })}
          options={[
            { value: 'overdue', label: '已逾期' },
            { value: '7', label: '7 天内到期（含逾期）' },
            { value: '30', label: '30 天内到期（含逾期）' },
          ]}
          style={{ width: 200 }}
        />
      </div>
      <DataTable<Rectification>
        data={data}
        loading={isFetching}
        params={params}
        update={update}
        columns={rectificationColumns({
          withSupervision: true,
          sortable: true,
          onStep: setStep,
          onEdit: editor.edit,
          onDelete: (r) => remove.mutateAsync({ id: r.id }),
        })}
      />
      <RectificationForm
        open={editor.open}
        supervisionId={editor.record?.supervisionId ?? ''}
        rectification={editor.record}
        onClose={editor.close}
      />
      <RectificationStepDialog step={step} onClose={() => setStep(null)} />
    </>
  );
}
