import { App, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Typography } from 'antd';
import { FormDrawer } from '../../components/FormDrawer';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import type { TeacherExchange } from '../../../electron/api/teacher-exchanges';
import { useApi, useApiMutation } from '../../api/hooks';
import { applyFieldErrors } from '../../components/form-errors';
import { AllianceSelect, SchoolSelect } from '../../components/pickers';
import { fromDayjs, toDayjs } from '../../format';
import { kindOptions, statusOptions } from './labels';
import { showEditConflict, useReloadable } from '../../components/EditConflict';

interface Props {
  open: boolean;
  exchange: TeacherExchange | null;
  /** Pre-fills a new exchange, e.g. from an alliance's page. */
  defaults?: { allianceId?: string; allianceName?: string };
  onClose: () => void;
}

export function TeacherExchangeForm({ open, exchange: opened, defaults, onClose }: Props) {
  const [form] = Form.useForm();
  const { message, modal } = App.useApp();
  // After 以当前值为准重新编辑 the form edits the current record (with its new version).
  const [exchange, reload] = useReloadable(open, opened);
  const create = useApiMutation('teacherExchanges.create');
  const update = useApiMutation('teacherExchanges.update');
  const allianceId = Form.useWatch('allianceId', form) as string | undefined;
  const startOn = Form.useWatch('startOn', form) as Dayjs | null | undefined;
  const endOn = Form.useWatch('endOn', form) as Dayjs | null | undefined;
  const status = Form.useWatch('status', form) as string | undefined;
  // A county alliance's members are counties: its schools are not listed as members.
  const alliance = useApi('alliances.get', { id: allianceId ?? '' }, { enabled: open && !!allianceId });
  const memberFilter = alliance.data?.kind === 'county_alliance' ? undefined : allianceId;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (exchange) {
      form.setFieldsValue({ ...exchange, startOn: toDayjs(exchange.startOn), endOn: toDayjs(exchange.endOn) });
    } else if (defaults?.allianceId) {
      form.setFieldsValue({ allianceId: defaults.allianceId });
    }
  }, [open, exchange, defaults?.allianceId, form]);

  async function submit() {
    // Field messages are already shown under the fields when this rejects.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const draft = {
      ...v,
      subject: v.subject ?? null,
      hours: v.hours ?? null,
      startOn: fromDayjs(v.startOn),
      endOn: fromDayjs(v.endOn),
    };
    try {
      if (exchange) await update.mutateAsync({ id: exchange.id, rowVersion: exchange.rowVersion, draft });
      else await create.mutateAsync(draft);
      message.success(exchange ? '已保存' : '已登记教师交流');
      onClose();
    } catch (e) {
      if (showEditConflict(modal, e, { mine: draft, reload })) return;
      message.error(applyFieldErrors(form, e));
    }
  }

  const days = derivedDays(startOn, endOn, status);
  const knownSchools = exchange
    ? [
        { id: exchange.fromSchoolId, name: exchange.fromSchoolName },
        { id: exchange.toSchoolId, name: exchange.toSchoolName },
      ]
    : [];

  return (
    <FormDrawer
      title={exchange ? `编辑教师交流：${exchange.teacherName}` : '登记教师交流'}
      open={open}
      onClose={onClose}
      onSave={submit}
      saving={create.isPending || update.isPending}
      width={640}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'support_teaching', status: 'planned' }}>
        <Form.Item
          name="allianceId"
          label="所属联盟"
          rules={[{ required: true, message: '请选择联盟' }]}
          extra={memberFilter ? '派出学校和接收学校只列出本联盟的成员校' : undefined}
        >
          <AllianceSelect
            known={
              exchange
                ? [{ id: exchange.allianceId, name: exchange.allianceName }]
                : defaults?.allianceId && defaults.allianceName
                  ? [{ id: defaults.allianceId, name: defaults.allianceName }]
                  : []
            }
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="teacherName" label="教师姓名" rules={[{ required: true, whitespace: true, message: '请填写教师姓名' }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="subject" label="学科">
              <Input maxLength={50} placeholder="如：数学" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="fromSchoolId"
              label="派出学校"
              rules={[{ required: true, message: '请选择派出学校' }]}
            >
              <SchoolSelect allianceId={memberFilter} known={knownSchools} disabled={!allianceId} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="toSchoolId"
              label="接收学校"
              dependencies={['fromSchoolId']}
              rules={[
                { required: true, message: '请选择接收学校' },
                ({ getFieldValue }) => ({
                  validator: (_, value) =>
                    value && value === getFieldValue('fromSchoolId')
                      ? Promise.reject(new Error('派出学校和接收学校不能是同一所学校'))
                      : Promise.resolve(),
                }),
              ]}
            >
              <SchoolSelect allianceId={memberFilter} known={knownSchools} disabled={!allianceId} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="kind" label="交流类型" rules={[{ required: true, message: '请选择交流类型' }]}>
              <Radio.Group optionType="button" options={kindOptions} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="startOn" label="开始日期" rules={[{ required: true, message: '请填写开始日期' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="endOn"
              label="结束日期"
              dependencies={['startOn']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, value: Dayjs | null) => {
                    const start = getFieldValue('startOn') as Dayjs | null;
                    return value && start && value.isBefore(start, 'day')
                      ? Promise.reject(new Error('结束日期不能早于开始日期'))
                      : Promise.resolve();
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="hours" label="课时/小时">
              <InputNumber min={0} step={0.5} precision={1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="status" label="状态" rules={[{ required: true, message: '请选择交流状态' }]}>
              <Select options={statusOptions} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="天数">
              <Typography.Text type="secondary">
                {days === null ? '填写起止日期后自动计算' : `${days} 天${endOn ? '' : '（进行中，计至今天）'}`}
              </Typography.Text>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}

/** The same rule as the ledger: end − start + 1, or up to today while ongoing without an end. */
function derivedDays(start: Dayjs | null | undefined, end: Dayjs | null | undefined, status: string | undefined): number | null {
  if (!start) return null;
  const last = end ?? (status === 'ongoing' && !start.isAfter(dayjs(), 'day') ? dayjs() : null);
  if (!last || last.isBefore(start, 'day')) return null;
  return last.startOf('day').diff(start.startOf('day'), 'day') + 1;
}
