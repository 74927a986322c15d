// 复制: a new template (第1版) with the tree and bands of an existing one, e.g. this year's
// from a sample or from last year's.
import { App, Form, Input, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import type { EvaluationTemplateSummary } from '../../../electron/api/evaluations';
import { useApiMutation } from '../../api/hooks';
import { applyFieldErrors, validated } from '../../components/form-errors';
import { yearOptions } from '../../components/ledger-filters';

type Source = Pick<EvaluationTemplateSummary, 'id' | 'name'>;

export function TemplateCopyDialog({ source, onClose }: { source: Source | null; onClose: () => void }) {
  const [form] = Form.useForm<{ name: string; year?: number | null }>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const copy = useApiMutation('evaluationTemplates.copy');

  useEffect(() => {
    if (!source) return;
    const year = dayjs().year();
    form.resetFields();
    form.setFieldsValue({ name: `${year}年度${source.name.replace(/^\d{4}年度?|（示例）|\(示例\)/g, '')}`, year });
  }, [source, form]);

  async function submit() {
    if (!source) return;
    const v = await validated<{ name: string; year?: number | null }>(form);
    if (!v) return;
    try {
      const made = await copy.mutateAsync({ id: source.id, name: v.name, year: v.year ?? null });
      message.success('已复制为新模板，可以修改后使用');
      onClose();
      navigate(`/evaluation-templates/${made.id}`);
    } catch (e) {
      message.error(applyFieldErrors(form, e));
    }
  }

  return (
    <Modal
      title={source ? `复制“${source.name}”` : '复制模板'}
      open={!!source}
      onCancel={onClose}
      onOk={submit}
      okText="复制"
      confirmLoading={copy.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="name" label="新模板名称" rules={[{ required: true, whitespace: true, message: '请填写模板名称' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="year" label="年度" extra="不限年度可不选">
          <Select allowClear options={yearOptions()} placeholder="不限" style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
