import { App, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import { FormDrawer } from '../../components/FormDrawer';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import type { Args } from '../../../electron/api/contract';
import type { School } from '../../../electron/api/schools';
import { localities, stages } from '../../../electron/api/enums';
import { useApiMutation } from '../../api/hooks';
import { applyFieldErrors, validated } from '../../components/form-errors';
import { CountySelect } from '../../components/pickers';
import { fromDayjs, toDayjs } from '../../format';
import { showEditConflict, useReloadable } from '../../components/EditConflict';

/** The form holds dates as dayjs and former names as one 、-separated string. */
type SchoolFormValues = Omit<Args<'schools.create'>, 'openedOn' | 'closedOn' | 'formerNames'> & {
  openedOn?: Dayjs | null;
  closedOn?: Dayjs | null;
  formerNames?: string;
};

interface Props {
  open: boolean;
  school: School | null;
  onClose: () => void;
}

export function SchoolForm({ open, school: opened, onClose }: Props) {
  const [form] = Form.useForm();
  const { message, modal } = App.useApp();
  // After 以当前值为准重新编辑 the form edits the current record (with its new version).
  const [school, reload] = useReloadable(open, opened);
  const create = useApiMutation('schools.create');
  const update = useApiMutation('schools.update');

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (school) {
      form.setFieldsValue({
        ...school,
        openedOn: toDayjs(school.openedOn),
        closedOn: toDayjs(school.closedOn),
        formerNames: school.formerNames.join('、'),
      });
    }
  }, [open, school, form]);

  async function submit() {
    const v = await validated<SchoolFormValues>(form);
    if (!v) return;
    const draft = {
      ...v,
      openedOn: fromDayjs(v.openedOn),
      closedOn: fromDayjs(v.closedOn),
      formerNames: String(v.formerNames ?? '')
        .split(/[、,，;；/]/)
        .map((s) => s.trim())
        .filter(Boolean),
    };
    try {
      if (school) await update.mutateAsync({ id: school.id, rowVersion: school.rowVersion, draft });
      else await create.mutateAsync(draft);
      message.success(school ? '已保存' : '已添加学校');
      onClose();
    } catch (e) {
      if (showEditConflict(modal, e, { mine: draft, reload })) return;
      message.error(applyFieldErrors(form, e));
    }
  }

  return (
    <FormDrawer
      title={school ? `编辑学校：${school.name}` : '新增学校'}
      open={open}
      onClose={onClose}
      onSave={submit}
      saving={create.isPending || update.isPending}
      width={640}
    >
      <Form form={form} layout="vertical" initialValues={{ isWeak: false, isNew: false }}>
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item name="name" label="学校名称" rules={[{ required: true, message: '请填写学校名称' }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="code" label="学校标识码" rules={[{ pattern: /^\d{10}$/, message: '学校标识码应为 10 位数字' }]}>
              <Input maxLength={10} placeholder="10 位数字，可不填" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="regionId" label="所在县（市、区）" rules={[{ required: true, message: '请选择所在县区' }]}>
              <CountySelect />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="stage" label="学段" rules={[{ required: true, message: '请选择学段' }]}>
              <Select options={stages.codes.map((c) => ({ value: c, label: stages.labels[c] }))} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="locality" label="城乡属性">
              <Select allowClear options={localities.codes.map((c) => ({ value: c, label: localities.labels[c] }))} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="students" label="学生数">
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="teachers" label="教师数">
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="isWeak" label=" " valuePropName="checked">
              <Checkbox>薄弱校</Checkbox>
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="isNew" label=" " valuePropName="checked">
              <Checkbox>新建校</Checkbox>
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="principal" label="校长">
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="phone" label="联系电话">
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label="地址">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="openedOn" label="建校日期">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="closedOn" label="撤并日期" extra="撤并后学校保留历史记录，自撤并日起不再计入统计">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="formerNames" label="曾用名" extra="多个曾用名用顿号分隔">
              <Input />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label="备注">
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
