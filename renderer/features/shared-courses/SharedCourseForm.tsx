import { App, Col, Form, Input, InputNumber, Row } from 'antd';
import { FormDrawer } from '../../components/FormDrawer';
import { useEffect } from 'react';
import type { SharedCourse } from '../../../electron/api/shared-courses';
import { useApi, useApiMutation } from '../../api/hooks';
import { applyFieldErrors } from '../../components/form-errors';
import { TermSelect } from '../../components/ledger-filters';
import { AllianceSelect, SchoolSelect } from '../../components/pickers';
import { showEditConflict, useReloadable } from '../../components/EditConflict';

interface Props {
  open: boolean;
  course: SharedCourse | null;
  defaults?: { allianceId?: string; allianceName?: string };
  onClose: () => void;
}

export function SharedCourseForm({ open, course: opened, defaults, onClose }: Props) {
  const [form] = Form.useForm();
  const { message, modal } = App.useApp();
  // After 以当前值为准重新编辑 the form edits the current record (with its new version).
  const [course, reload] = useReloadable(open, opened);
  const create = useApiMutation('sharedCourses.create');
  const update = useApiMutation('sharedCourses.update');
  const allianceId = Form.useWatch('allianceId', form) as string | undefined;
  // A county alliance's members are counties: its schools are not listed as members.
  const alliance = useApi('alliances.get', { id: allianceId ?? '' }, { enabled: open && !!allianceId });
  const memberFilter = alliance.data?.kind === 'county_alliance' ? undefined : allianceId;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (course) {
      form.setFieldsValue({ ...course, receivingSchoolIds: course.receivingSchools.map((s) => s.id) });
    } else if (defaults?.allianceId) {
      form.setFieldsValue({ allianceId: defaults.allianceId });
    }
  }, [open, course, defaults?.allianceId, form]);

  async function submit() {
    // Field messages are already shown under the fields when this rejects.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const draft = {
      ...v,
      providerSchoolId: v.providerSchoolId ?? null,
      receivingSchoolIds: v.receivingSchoolIds ?? [],
      hours: v.hours ?? null,
      studentsReached: v.studentsReached ?? null,
    };
    try {
      if (course) await update.mutateAsync({ id: course.id, rowVersion: course.rowVersion, draft });
      else await create.mutateAsync(draft);
      message.success(course ? '已保存' : '已登记共享课程');
      onClose();
    } catch (e) {
      if (showEditConflict(modal, e, { mine: draft, reload })) return;
      message.error(applyFieldErrors(form, e));
    }
  }

  const knownSchools = course
    ? [
        ...(course.providerSchoolId ? [{ id: course.providerSchoolId, name: course.providerSchoolName ?? '' }] : []),
        ...course.receivingSchools,
      ]
    : [];

  return (
    <FormDrawer
      title={course ? `编辑共享课程：${course.name}` : '登记共享课程'}
      open={open}
      onClose={onClose}
      onSave={submit}
      saving={create.isPending || update.isPending}
      width={640}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="allianceId" label="所属联盟" rules={[{ required: true, message: '请选择联盟' }]}>
          <AllianceSelect
            known={
              course
                ? [{ id: course.allianceId, name: course.allianceName }]
                : defaults?.allianceId && defaults.allianceName
                  ? [{ id: defaults.allianceId, name: defaults.allianceName }]
                  : []
            }
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item name="name" label="课程名称" rules={[{ required: true, whitespace: true, message: '请填写课程名称' }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="term" label="学期" rules={[{ required: true, message: '请选择学期' }]}>
              <TermSelect extra={course?.term} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="providerSchoolId" label="提供学校" extra="名师工作室、教研室等开设的课程可不填">
              <SchoolSelect allowClear allianceId={memberFilter} known={knownSchools} disabled={!allianceId} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="receivingSchoolIds"
              label="接收学校"
              dependencies={['providerSchoolId']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, value: string[] | undefined) =>
                    value?.includes(getFieldValue('providerSchoolId'))
                      ? Promise.reject(new Error('提供课程的学校不能同时是接收学校'))
                      : Promise.resolve(),
                }),
              ]}
            >
              <SchoolSelect mode="multiple" allianceId={memberFilter} known={knownSchools} disabled={!allianceId} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="hours" label="课时">
              <InputNumber min={0} step={1} precision={1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="studentsReached" label="受益学生数">
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
