import { Alert, App, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import type { Rectification } from '../../../electron/api/supervisions';
import { useApi, useApiMutation } from '../../api/hooks';
import { applyFieldErrors, validated } from '../../components/form-errors';
import { FormDrawer } from '../../components/FormDrawer';
import { fromDayjs, toDayjs } from '../../format';
import { showEditConflict, useReloadable } from '../../components/EditConflict';

interface Props {
  open: boolean;
  supervisionId: string;
  rectification: Rectification | null;
  onClose: () => void;
}

const weekdays = ['日', '一', '二', '三', '四', '五', '六'];
export const withWeekday = (d: string) => `${dayjs(d).format('YYYY年M月D日')}（星期${weekdays[dayjs(d).day()]}）`;

/** 整改通知书: the deadline is a date, or 限期 N 个工作日 counted from the issue date. */
export function RectificationForm({ open, supervisionId, rectification: opened, onClose }: Props) {
  const [form] = Form.useForm();
  const { message, modal } = App.useApp();
  // After 以当前值为准重新编辑 the form edits the current record (with its new version).
  const [rectification, reload] = useReloadable(open, opened);
  const create = useApiMutation('rectifications.create');
  const update = useApiMutation('rectifications.update');
  const mode = (Form.useWatch('deadlineMode', form) as 'date' | 'workingDays' | undefined) ?? 'workingDays';
  const issuedOn = fromDayjs(Form.useWatch('issuedOn', form) as Dayjs | null | undefined);
  const workingDays = Form.useWatch('workingDays', form) as number | null | undefined;
  const valid = mode === 'workingDays' && !!issuedOn && typeof workingDays === 'number' && workingDays >= 1 && workingDays <= 365;
  const computed = useApi(
    'rectifications.deadlineFrom',
    { issuedOn: issuedOn ?? '', workingDays: workingDays ?? 1 },
    { enabled: open && valid },
  );

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (rectification)
      form.setFieldsValue({
        ...rectification,
        deadlineMode: 'date',
        issuedOn: toDayjs(rectification.issuedOn),
        deadline: toDayjs(rectification.deadline),
      });
    else form.setFieldsValue({ deadlineMode: 'workingDays', issuedOn: dayjs(), workingDays: 15 });
  }, [open, rectification, form]);

  async function submit() {
    const v = await validated<Record<string, any>>(form);
    if (!v) return;
    const draft = {
      supervisionId,
      number: v.number,
      issuedOn: fromDayjs(v.issuedOn) ?? '',
      deadline: v.deadlineMode === 'date' ? fromDayjs(v.deadline) : null,
      workingDays: v.deadlineMode === 'workingDays' ? (v.workingDays ?? null) : null,
      items: v.items ?? null,
    };
    try {
      if (rectification) await update.mutateAsync({ id: rectification.id, rowVersion: rectification.rowVersion, draft });
      else await create.mutateAsync(draft);
      message.success(rectification ? '已保存' : '已登记整改通知书');
      onClose();
    } catch (e) {
      if (showEditConflict(modal, e, { mine: draft, reload })) return;
      message.error(applyFieldErrors(form, e, mode === 'workingDays' ? { deadline: 'workingDays' } : {}));
    }
  }

  return (
    <FormDrawer
      title={rectification ? `编辑整改通知书：${rectification.number}` : '登记整改通知书'}
      open={open}
      onClose={onClose}
      onSave={submit}
      saving={create.isPending || update.isPending}
      width={560}
    >
      {rectification && rectification.status !== 'issued' ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="整改状态通过“报告整改”和“复查销号”登记，这里只修改通知书本身。"
        />
      ) : null}
      <Form form={form} layout="vertical">
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item name="number" label="文号" rules={[{ required: true, whitespace: true, message: '请填写文号' }]}>
              <Input maxLength={100} placeholder="如：宝教督改〔2025〕3号" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="issuedOn" label="下发日期" rules={[{ required: true, message: '请填写日期' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="deadlineMode" label="整改期限">
              <Radio.Group
                options={[
                  { value: 'workingDays', label: '限期若干个工作日' },
                  { value: 'date', label: '指定日期' },
                ]}
              />
            </Form.Item>
          </Col>
          {mode === 'date' ? (
            <Col span={24}>
              <Form.Item name="deadline" label="整改期限（日期）" rules={[{ required: true, message: '请填写整改期限' }]}>
                <DatePicker style={{ width: 220 }} />
              </Form.Item>
            </Col>
          ) : (
            <Col span={24}>
              <Form.Item
                label="限期"
                required
                extra="按国家法定节假日和调休计算，不含下发当日；日历可在“设置 → 节假日调整”中更正。"
              >
                <Form.Item
                  name="workingDays"
                  noStyle
                  rules={[{ required: true, message: '请填写工作日数' }]}
                >
                  <InputNumber min={1} max={365} precision={0} addonBefore="限期" addonAfter="个工作日" style={{ width: 220 }} />
                </Form.Item>
                <div style={{ marginTop: 8 }}>
                  {valid && computed.data ? (
                    <Typography.Text>
                      整改期限：<Typography.Text strong>{withWeekday(computed.data.deadline)}</Typography.Text>
                    </Typography.Text>
                  ) : (
                    <Typography.Text type="secondary">填写下发日期和工作日数后显示整改期限</Typography.Text>
                  )}
                </div>
              </Form.Item>
            </Col>
          )}
          <Col span={24}>
            <Form.Item name="items" label="整改事项">
              <Input.TextArea rows={5} maxLength={5000} placeholder="逐条列出整改事项" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
