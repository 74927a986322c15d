import { ExportListButton } from '../../components/ExportListButton';
import type { Args } from '../../../electron/api/contract';
import { App, Form, Input, Select } from 'antd';
import { FormDrawer } from '../../components/FormDrawer';
import { useEffect, useState } from 'react';
import type { Region } from '../../../electron/api/regions';
import { regionLevels, type RegionLevel } from '../../../electron/api/enums';
import { useApi, useApiMutation } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { applyFieldErrors, validated } from '../../components/form-errors';
import { ListSearch } from '../../components/ListSearch';
import { PageHeader } from '../../components/PageHeader';
import { RegionSelect } from '../../components/pickers';
import { RowActions } from '../../components/RowActions';
import { useListParams } from '../../components/use-list-params';
import { showEditConflict, useReloadable } from '../../components/EditConflict';

type SortBy = 'name' | 'code' | 'level';

export function RegionsPage() {
  const { params, update, page, pageSize, sort } = useListParams<SortBy>({ sortBy: 'code', sortOrder: 'asc' });
  const [editing, setEditing] = useState<Region | null>(null);
  const [open, setOpen] = useState(false);
  const remove = useApiMutation('regions.delete');
  const query: Args<'regions.list'> = {
    page,
    pageSize,
    search: params.search,
    level: params.level as RegionLevel | undefined,
    ...sort,
  };
  const { data, isFetching } = useApi('regions.list', query);
  return (
    <>
      <PageHeader
        title="行政区划"
        sub="首次使用时按国家行政区划代码（GB/T 2260）创建，可补充高新区、港务区等功能区"
        extra={<ExportListButton list="regions" query={query} />}
        action={{ label: '新增区划', onClick: () => (setEditing(null), setOpen(true)) }}
      />
      <div className="page-toolbar">
        <ListSearch placeholder="名称或代码" params={params} update={update} width={240} />
        <Select
          allowClear
          placeholder="级别"
          value={params.level}
          onChange={(v) => update({ level: v })}
          options={regionLevels.codes.map((c) => ({ value: c, label: regionLevels.labels[c] }))}
          style={{ width: 120 }}
        />
      </div>
      <DataTable<Region>
        data={data}
        loading={isFetching}
        params={params}
        update={update}
        columns={[
          { key: 'name', title: '名称', dataIndex: 'name', sorter: true },
          { key: 'code', title: '区划代码', dataIndex: 'code', sorter: true },
          { key: 'level', title: '级别', sorter: true, render: (_, r) => regionLevels.label(r.level) },
          { key: 'parent', title: '上级', render: (_, r) => r.parentName ?? '—' },
          { key: 'schools', title: '学校数', dataIndex: 'schoolCount', align: 'right' },
          {
            key: 'actions',
            title: '操作',
            render: (_, r) => (
              <RowActions name={r.name} onEdit={() => (setEditing(r), setOpen(true))} onDelete={() => remove.mutateAsync({ id: r.id })} />
            ),
          },
        ]}
      />
      <RegionForm open={open} region={editing} onClose={() => setOpen(false)} />
    </>
  );
}

function RegionForm({ open, region: opened, onClose }: { open: boolean; region: Region | null; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message, modal } = App.useApp();
  const [region, reload] = useReloadable(open, opened);
  const create = useApiMutation('regions.create');
  const update = useApiMutation('regions.update');
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (region) form.setFieldsValue(region);
  }, [open, region, form]);
  async function submit() {
    const v = await validated<Record<string, any>>(form);
    if (!v) return;
    const draft = { name: v.name, code: v.code || null, level: v.level, parentId: v.parentId ?? null };
    try {
      if (region) await update.mutateAsync({ id: region.id, rowVersion: region.rowVersion, draft });
      else await create.mutateAsync(draft);
      message.success('已保存');
      onClose();
    } catch (e) {
      if (showEditConflict(modal, e, { mine: draft, reload })) return;
      message.error(applyFieldErrors(form, e));
    }
  }
  return (
    <FormDrawer
      title={region ? `编辑区划：${region.name}` : '新增区划'}
      open={open}
      onClose={onClose}
      onSave={submit}
      saving={create.isPending || update.isPending}
      width={480}
    >
      <Form form={form} layout="vertical" initialValues={{ level: 'county' }}>
        <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="code" label="区划代码" rules={[{ pattern: /^\d{6}$/, message: '区划代码应为 6 位数字' }]} extra="功能区（如高新区）没有国家代码，可不填">
          <Input maxLength={6} />
        </Form.Item>
        <Form.Item name="level" label="级别" rules={[{ required: true, message: '请选择级别' }]}>
          <Select options={regionLevels.codes.map((c) => ({ value: c, label: regionLevels.labels[c] }))} />
        </Form.Item>
        <Form.Item name="parentId" label="上级区划">
          <RegionSelect allowClear />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
