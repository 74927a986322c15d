import { App, Button, Card, Form, InputNumber, Switch, Table, Typography } from 'antd';
import { useEffect } from 'react';
import { defaultReminderRules, type ReminderRuleName, type ReminderRules } from '../../../electron/api/settings';
import { useApi, useApiMutation } from '../../api/hooks';
import { applyFieldErrors, validated } from '../../components/form-errors';

const rows: { name: ReminderRuleName; label: string; days: string }[] = [
  { name: 'deadlineProblem', label: '问题清单完成时限', days: '到期前提前提醒天数' },
  { name: 'deadlineRectification', label: '整改通知书整改期限（含待复查）', days: '到期前提前提醒天数' },
  { name: 'quotaActivities', label: '每学期联合交流活动次数', days: '学期结束前提前提醒天数' },
  { name: 'quotaVisits', label: '每学期校级领导互访次数', days: '学期结束前提前提醒天数' },
  { name: 'cooperationProject', label: '年度合作项目', days: '年底前提前提醒天数（30天即从12月1日起）' },
  { name: 'implementationPlan', label: '实施方案备案', days: '联盟成立后应备案的天数' },
  { name: 'annualPlan', label: '年度实施计划备案', days: '备案截止前提前提醒天数' },
  { name: 'evaluationDraft', label: '考核评价未提交', days: '考核截止前提前提醒天数' },
  { name: 'manual', label: '手工提醒', days: '到期前提前提醒天数' },
];

/** 提醒规则 in 设置: each rule on/off with its threshold, and the term quotas. Saved on its own. */
export function ReminderRulesCard() {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const settings = useApi('settings.get', {});
  const save = useApiMutation('settings.update');

  useEffect(() => {
    if (settings.data) {
      const stored = settings.data.reminderRules as Partial<ReminderRules> | undefined;
      form.setFieldsValue({
        reminderRules: { ...defaultReminderRules, ...stored, quotas: { ...defaultReminderRules.quotas, ...stored?.quotas } },
      });
    }
  }, [settings.data, form]);

  async function submit() {
    const v = await validated<{ reminderRules: ReminderRules }>(form);
    if (!v) return;
    try {
      await save.mutateAsync({ reminderRules: v.reminderRules });
      message.success('提醒规则已保存');
    } catch (e) {
      message.error(applyFieldErrors(form, e));
    }
  }

  return (
    <Card
      title="提醒规则"
      size="small"
      style={{ marginTop: 16, maxWidth: 760 }}
      extra={
        <Button size="small" type="primary" onClick={submit} loading={save.isPending}>
          保存提醒规则
        </Button>
      }
    >
      <Form form={form} layout="vertical">
        <Typography.Paragraph type="secondary">
          提醒中心按这些规则每天从台账数据生成提醒：已过期限为“已逾期”，在提前天数以内为“即将到期”。
        </Typography.Paragraph>
        <Table
          size="small"
          rowKey="name"
          pagination={false}
          dataSource={rows}
          columns={[
            {
              title: '规则',
              dataIndex: 'label',
              render: (label: string, r) => (
                <>
                  <div>{label}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    天数：{r.days}
                  </Typography.Text>
                </>
              ),
            },
            {
              title: '启用',
              width: 70,
              render: (_: unknown, r) => (
                <Form.Item name={['reminderRules', r.name, 'enabled']} valuePropName="checked" noStyle>
                  <Switch size="small" />
                </Form.Item>
              ),
            },
            {
              title: '天数',
              width: 160,
              render: (_: unknown, r) => (
                <Form.Item name={['reminderRules', r.name, 'days']} noStyle rules={[{ required: true, message: '请填写天数' }]}>
                  <InputNumber min={0} max={366} precision={0} addonAfter="天" style={{ width: 120 }} />
                </Form.Item>
              ),
            },
          ]}
        />
        <div style={{ display: 'flex', gap: 24, marginTop: 16 }}>
          <Form.Item name={['reminderRules', 'quotas', 'activitiesPerTerm']} label="每学期联合交流活动不少于（次）">
            <InputNumber min={0} max={100} precision={0} />
          </Form.Item>
          <Form.Item name={['reminderRules', 'quotas', 'visitsPerTerm']} label="每学期校级领导互访不少于（次）">
            <InputNumber min={0} max={100} precision={0} />
          </Form.Item>
        </div>
      </Form>
    </Card>
  );
}
