// 报告整改 and 复查销号: the two steps of a notice, each a small dialog with a date.
import { App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import type { Rectification } from '../../../electron/api/supervisions';
import { useApiMutation } from '../../api/hooks';
import { applyFieldErrors, validated } from '../../components/form-errors';
import { fromDayjs } from '../../format';

export type Step = { kind: 'report' | 'verify'; rectification: Rectification } | null;

export function RectificationStepDialog({ step, onClose }: { step: Step; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const report = useApiMutation('rectifications.report');
  const verify = useApiMutation('rectifications.verify');
  const r = step?.rectification;

  useEffect(() => {
    if (!step) return;
    form.resetFields();
    form.setFieldsValue(step.kind === 'report' ? { reportedOn: dayjs() } : { verifiedOn: dayjs() });
  }, [step, form]);

  async function submit() {
    if (!step || !r) return;
    const v = await validated<Record<string, any>>(form);
    if (!v) return;
    try {
      if (step.kind === 'report') {
        await report.mutateAsync({ id: r.id, reportedOn: fromDayjs(v.reportedOn) ?? '' });
        message.success('已登记报告整改');
      } else {
        await verify.mutateAsync({ id: r.id, verifiedOn: fromDayjs(v.verifiedOn) ?? '', verifier: v.verifier ?? '' });
        message.success('已复查销号');
      }
      onClose();
    } catch (e) {
      message.error(applyFieldErrors(form, e));
    }
  }

  return (
    <Modal
      open={!!step}
      title={step?.kind === 'report' ? '报告整改' : '复查销号'}
      okText={step?.kind === 'report' ? '登记报告' : '复查销号'}
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      confirmLoading={report.isPending || verify.isPending}
      destroyOnHidden
    >
      {r ? (
        <Typography.Paragraph type="secondary">
          {r.number}：{r.issuedOn} 下发，整改期限 {r.deadline}
          {r.reportedOn ? `，${r.reportedOn} 报告整改` : ''}
        </Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical">
        {step?.kind === 'report' ? (
          <Form.Item name="reportedOn" label="报告日期" rules={[{ required: true, message: '请填写报告日期' }]}>
            <DatePicker style={{ width: 200 }} />
          </Form.Item>
        ) : (
          <>
            {r?.status === 'issued' ? (
              <Typography.Paragraph>尚未登记报告整改；复查确认已整改到位的，可直接销号。</Typography.Paragraph>
            ) : null}
            <Form.Item name="verifiedOn" label="复查日期" rules={[{ required: true, message: '请填写复查日期' }]}>
              <DatePicker style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="verifier" label="复查人" rules={[{ required: true, whitespace: true, message: '请填写复查人' }]}>
              <Input maxLength={50} style={{ width: 200 }} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
