// 销号: the problem is done on a date (not later than today) with the verification note.
import { App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import type { Problem } from '../../../electron/api/problems';
import { useApiMutation } from '../../api/hooks';
import { applyFieldErrors, validated } from '../../components/form-errors';
import { fromDayjs } from '../../format';
import { showEditConflict, useReloadable } from '../../components/EditConflict';

export function ProblemClose({ problem: opened, onClose }: { problem: Problem | null; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message, modal } = App.useApp();
  const [problem, reload] = useReloadable(opened !== null, opened);
  const close = useApiMutation('problems.close');

  useEffect(() => {
    if (!problem) return;
    form.resetFields();
    form.setFieldsValue({ doneOn: dayjs(), verificationNote: problem.verificationNote ?? undefined });
  }, [problem, form]);

  async function submit() {
    if (!problem) return;
    const v = await validated<{ doneOn: dayjs.Dayjs; verificationNote?: string }>(form);
    if (!v) return;
    try {
      const input = { id: problem.id, rowVersion: problem.rowVersion, doneOn: fromDayjs(v.doneOn) ?? '', verificationNote: v.verificationNote ?? null };
      try {
        await close.mutateAsync(input);
      } catch (e) {
        if (showEditConflict(modal, e, { mine: input, reload })) return;
        throw e;
      }
      message.success('已销号');
      onClose();
    } catch (e) {
      message.error(applyFieldErrors(form, e));
    }
  }

  return (
    <Modal
      title="销号（标记为已完成）"
      open={!!problem}
      onCancel={onClose}
      onOk={submit}
      okText="确认销号"
      confirmLoading={close.isPending}
      destroyOnHidden
    >
      {problem ? (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>
          {problem.allianceName}：{problem.description}
        </Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical">
        <Form.Item name="doneOn" label="完成日期" rules={[{ required: true, message: '请填写完成日期' }]}>
          <DatePicker style={{ width: 200 }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="verificationNote" label="复查意见" extra="复查人、复查方式和结论，例如：经现场复查，已整改到位，同意销号">
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
