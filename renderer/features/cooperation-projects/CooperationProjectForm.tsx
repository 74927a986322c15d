import { App, Col, Form, Input, Row, Select } from 'antd';
import { FormDrawer } from '../../components/FormDrawer';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import type { CooperationProject } from '../../../electron/api/cooperation-projects';
import { projectStatuses } from '../../../electron/api/enums';
import { useApiMutation } from '../../api/hooks';
import { applyFieldErrors } from '../../components/form-errors';
import { yearOptions } from '../../components/ledger-filters';
import { AllianceSelect } from '../../components/pickers';
import { showEditConflict, useReloadable } from '../../components/EditConflict';

interface Props {
  open: boolean;
  project: CooperationProject | null;
  defaults?: { allianceId?: string; allianceName?: string; year?: number };
  onClose: () => void;
}

export function CooperationProjectForm({ open, project: opened, defaults, onClose }: Props) {
  const [form] = Form.useForm();
  const { message, modal } = App.useApp();
  // After 以当前值为准重新编辑 the form edits the current record (with its new version).
  const [project, reload] = useReloadable(open, opened);
  const create = useApiMutation('cooperationProjects.create');
  const update = useApiMutation('cooperationProjects.update');

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (project) form.setFieldsValue(project);
    else form.setFieldsValue({ allianceId: defaults?.allianceId, year: defaults?.year ?? dayjs().year() });
  }, [open, project, defaults?.allianceId, defaults?.year, form]);

  async function submit() {
    // Field messages are already shown under the fields when this rejects.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const draft = { ...v, lead: v.lead ?? null, outcome: v.outcome ?? null };
    try {
      if (project) await update.mutateAsync({ id: project.id, rowVersion: project.rowVersion, draft });
      else await create.mutateAsync(draft);
      message.success(project ? '已保存' : '已登记合作项目');
      onClose();
    } catch (e) {
      if (showEditConflict(modal, e, { mine: draft, reload })) return;
      message.error(applyFieldErrors(form, e));
    }
  }

  const years = yearOptions();
  if (project && !years.some((y) => y.value === project.year)) years.push({ value: project.year, label: `${project.year}年` });

  return (
    <FormDrawer
      title={project ? `编辑合作项目：${project.name}` : '登记合作项目'}
      open={open}
      onClose={onClose}
      onSave={submit}
      saving={create.isPending || update.isPending}
      width={560}
    >
      <Form form={form} layout="vertical" initialValues={{ status: 'planned' }}>
        <Form.Item name="allianceId" label="所属联盟" rules={[{ required: true, message: '请选择联盟' }]}>
          <AllianceSelect
            known={
              project
                ? [{ id: project.allianceId, name: project.allianceName }]
                : defaults?.allianceId && defaults.allianceName
                  ? [{ id: defaults.allianceId, name: defaults.allianceName }]
                  : []
            }
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
              <Select options={years} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="status" label="状态" rules={[{ required: true, message: '请选择项目状态' }]}>
              <Select options={projectStatuses.codes.map((c) => ({ value: c, label: projectStatuses.labels[c] }))} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="name" label="项目名称" rules={[{ required: true, whitespace: true, message: '请填写项目名称' }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="lead" label="负责人" extra="负责人姓名或牵头单位">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="outcome" label="项目成效">
              <Input.TextArea rows={4} maxLength={4000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
