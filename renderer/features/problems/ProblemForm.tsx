import { App, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import type { Problem } from '../../../electron/api/problems';
import { useApi, useApiMutation } from '../../api/hooks';
import { FormDrawer } from '../../components/FormDrawer';
import { applyFieldErrors, validated } from '../../components/form-errors';
import { AllianceSelect, SchoolSelect } from '../../components/pickers';
import { fromDayjs, toDayjs } from '../../format';
import { statusOptions } from './labels';
import { showEditConflict, useReloadable } from '../../components/EditConflict';

interface Props {
  open: boolean;
  problem: Problem | null;
  /** Pre-fills a new problem, e.g. from an alliance's page. */
  defaults?: { allianceId?: string; allianceName?: string };
  onClose: () => void;
}

export function ProblemForm({ open, problem: opened, defaults, onClose }: Props) {
  const [form] = Form.useForm();
  const { message, modal } = App.useApp();
  // After 以当前值为准重新编辑 the form edits the current record (with its new version).
  const [problem, reload] = useReloadable(open, opened);
  const create = useApiMutation('problems.create');
  const update = useApiMutation('problems.update');
  const allianceId = Form.useWatch('allianceId', form) as string | undefined;
  const status = Form.useWatch('status', form) as string | undefined;
  // A county alliance's members are counties: its schools are not listed as members.
  const alliance = useApi('alliances.get', { id: allianceId ?? '' }, { enabled: open && !!allianceId });
  const memberFilter = alliance.data?.kind === 'county_alliance' ? undefined : allianceId;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (problem) form.setFieldsValue({ ...problem, dueOn: toDayjs(problem.dueOn), doneOn: toDayjs(problem.doneOn) });
    else if (defaults?.allianceId) form.setFieldsValue({ allianceId: defaults.allianceId });
  }, [open, problem, defaults?.allianceId, form]);

  async function submit() {
    const v = await validated(form);
    if (!v) return;
    const draft = {
      allianceId: v.allianceId as string,
      schoolId: (v.schoolId as string | undefined) ?? null,
      description: v.description as string,
      goal: (v.goal as string | undefined) ?? null,
      measures: (v.measures as string | undefined) ?? null,
      stageTasks: (v.stageTasks as string | undefined) ?? null,
      dueOn: fromDayjs(v.dueOn as dayjs.Dayjs) ?? '',
      owner: v.owner as string,
      status: v.status as Problem['status'],
      doneOn: fromDayjs(v.doneOn as dayjs.Dayjs | null | undefined),
      verificationNote: (v.verificationNote as string | undefined) ?? null,
    };
    try {
      if (problem) await update.mutateAsync({ id: problem.id, rowVersion: problem.rowVersion, draft });
      else await create.mutateAsync(draft);
      message.success(problem ? '已保存' : '已登记问题');
      onClose();
    } catch (e) {
      if (showEditConflict(modal, e, { mine: draft, reload })) return;
      message.error(applyFieldErrors(form, e));
    }
  }

  const knownAlliance = problem
    ? [{ id: problem.allianceId, name: problem.allianceName }]
    : defaults?.allianceId && defaults.allianceName
      ? [{ id: defaults.allianceId, name: defaults.allianceName }]
      : [];

  return (
    <FormDrawer
      title={problem ? '编辑问题' : '登记问题'}
      open={open}
      onClose={onClose}
      onSave={submit}
      saving={create.isPending || update.isPending}
      width={620}
    >
      <Form form={form} layout="vertical" initialValues={{ status: 'open' }}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="allianceId" label="所属联盟" rules={[{ required: true, message: '请选择联盟' }]}>
              <AllianceSelect known={knownAlliance} onChange={() => form.setFieldValue('schoolId', undefined)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="schoolId" label="涉及学校" extra="问题涉及联盟整体时不选">
              <SchoolSelect
                allowClear
                allianceId={memberFilter}
                known={problem?.schoolId ? [{ id: problem.schoolId, name: problem.schoolName ?? '' }] : []}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="description" label="问题" rules={[{ required: true, whitespace: true, message: '请填写问题' }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="goal" label="工作目标">
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="measures" label="工作措施">
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="stageTasks" label="阶段任务">
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="dueOn" label="完成时限" rules={[{ required: true, message: '请填写完成时限' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="owner" label="责任人" rules={[{ required: true, whitespace: true, message: '请填写责任人' }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="status" label="状态" rules={[{ required: true, message: '请选择问题状态' }]}>
              <Select options={statusOptions} />
            </Form.Item>
          </Col>
          {status === 'done' ? (
            <>
              <Col span={8}>
                <Form.Item name="doneOn" label="完成日期" rules={[{ required: true, message: '已完成的问题请填写完成日期' }]}>
                  <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name="verificationNote" label="复查意见">
                  <Input.TextArea rows={3} maxLength={2000} />
                </Form.Item>
              </Col>
            </>
          ) : null}
        </Row>
      </Form>
    </FormDrawer>
  );
}
