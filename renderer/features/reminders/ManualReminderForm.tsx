import { App, DatePicker, Form, Input } from 'antd';
import { useApiMutation } from '../../api/hooks';
import { applyFieldErrors, validated } from '../../components/form-errors';
import { FormDrawer } from '../../components/FormDrawer';
import { fromDayjs } from '../../format';

/** 新建提醒: a reminder the clerk writes by hand, shown with the derived ones. */
export function ManualReminderForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const add = useApiMutation('reminders.addManual');

  async function save() {
    const v = await validated<{ title: string; dueOn: Parameters<typeof fromDayjs>[0]; note?: string }>(form);
    if (!v) return;
    try {
      await add.mutateAsync({ title: v.title, dueOn: fromDayjs(v.dueOn) ?? '', note: v.note ?? null });
      message.success('提醒已添加');
      form.resetFields();
      onClose();
    } catch (e) {
      message.error(applyFieldErrors(form, e));
    }
  }

  return (
    <FormDrawer title="新建提醒" open={open} onClose={onClose} onSave={save} saving={add.isPending} width={480}>
      <Form form={form} layout="vertical">
        <Form.Item name="title" label="提醒内容" rules={[{ required: true, message: '请填写提醒内容' }]}>
          <Input maxLength={200} placeholder="例如：收齐各联盟年度工作总结" />
        </Form.Item>
        <Form.Item name="dueOn" label="到期日期" rules={[{ required: true, message: '请填写日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
