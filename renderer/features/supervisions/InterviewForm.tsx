import { App, DatePicker, Form, Input } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import type { Interview } from '../../../electron/api/supervisions';
import { useApiMutation } from '../../api/hooks';
import { applyFieldErrors, validated } from '../../components/form-errors';
import { FormDrawer } from '../../components/FormDrawer';
import { fromDayjs, toDayjs } from '../../format';
import { showEditConflict, useReloadable } from '../../components/EditConflict';

interface Props {
  open: boolean;
  supervisionId: string;
  interview: Interview | null;
  onClose: () => void;
}

export function InterviewForm({ open, supervisionId, interview: opened, onClose }: Props) {
  const [form] = Form.useForm();
  const { message, modal } = App.useApp();
  // After 以当前值为准重新编辑 the form edits the current record (with its new version).
  const [interview, reload] = useReloadable(open, opened);
  const create = useApiMutation('interviews.create');
  const update = useApiMutation('interviews.update');

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (interview) form.setFieldsValue({ ...interview, date: toDayjs(interview.date) });
    else form.setFieldsValue({ date: dayjs() });
  }, [open, interview, form]);

  async function submit() {
    const v = await validated<Record<string, any>>(form);
    if (!v) return;
    const draft = {
      supervisionId,
      date: fromDayjs(v.date) ?? '',
      interviewees: v.interviewees,
      content: v.content ?? null,
      followUp: v.followUp ?? null,
    };
    try {
      if (interview) await update.mutateAsync({ id: interview.id, rowVersion: interview.rowVersion, draft });
      else await create.mutateAsync(draft);
      message.success(interview ? '已保存' : '已登记约谈');
      onClose();
    } catch (e) {
      if (showEditConflict(modal, e, { mine: draft, reload })) return;
      message.error(applyFieldErrors(form, e));
    }
  }

  return (
    <FormDrawer
      title={interview ? '编辑约谈' : '登记约谈'}
      open={open}
      onClose={onClose}
      onSave={submit}
      saving={create.isPending || update.isPending}
      width={520}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="date" label="约谈日期" rules={[{ required: true, message: '请填写日期' }]}>
          <DatePicker style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          name="interviewees"
          label="约谈对象"
          rules={[{ required: true, whitespace: true, message: '请填写约谈对象' }]}
          extra="如：清姜路小学校长 刘明"
        >
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="content" label="约谈内容">
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
        <Form.Item name="followUp" label="后续跟进">
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
