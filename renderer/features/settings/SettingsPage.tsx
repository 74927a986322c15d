import { Alert, App, Button, Card, ConfigProvider, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { loginLabel, useAccess } from '../../api/access';
import { useApi, useApiMutation } from '../../api/hooks';
import { applyFieldErrors, validated } from '../../components/form-errors';
import { PageHeader } from '../../components/PageHeader';
import { showEditConflict } from '../../components/EditConflict';
import { WorkdayCorrectionsCard } from './WorkdayCorrectionsCard';
import { BackupCard } from './BackupCard';
import { ConnectionCard } from './ConnectionCard';
import { ReminderRulesCard } from '../reminders/ReminderRulesCard';

const md = { pattern: /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, message: '格式为 MM-DD，例如 09-01' };

export function SettingsPage() {
  const [form] = Form.useForm();
  const { message, modal } = App.useApp();
  const settings = useApi('settings.get', {});
  const home = useApi('regions.get', { id: settings.data?.homeRegionId ?? '' }, { enabled: !!settings.data?.homeRegionId });
  const save = useApiMutation('settings.update');
  const access = useAccess();
  // On a shared server only an administrator changes settings (the database enforces it).
  const readOnly = !access.canEditSettings;

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  async function submit() {
    const v = await validated<Record<string, any>>(form);
    if (!v) return;
    try {
      await save.mutateAsync({
        rowVersion: settings.data?.rowVersion,
        reportingUnit: v.reportingUnit ?? '',
        operatorName: v.operatorName ?? '',
        terms: v.terms,
        coverageTarget: v.coverageTarget,
        annualPlanDue: v.annualPlanDue,
        evaluationDeadline: v.evaluationDeadline,
        extraModes: v.extraModes ?? [],
        extraActivityForms: v.extraActivityForms ?? [],
        workdayCorrections: ((v.workdayCorrections ?? []) as { date: string | null; kind: 'holiday' | 'workday' }[])
          .filter((c): c is { date: string; kind: 'holiday' | 'workday' } => !!c?.date)
          .sort((x, y) => x.date.localeCompare(y.date)),
      });
      message.success('设置已保存');
    } catch (e) {
      // 以当前值为准重新编辑: refetching puts the colleague's settings (and their version) into the form.
      if (showEditConflict(modal, e, { mine: v, reload: () => void settings.refetch() })) return;
      message.error(applyFieldErrors(form, e));
    }
  }

  return (
    <>
      <PageHeader
        title="设置"
        extra={
          readOnly ? null : (
            <Button type="primary" onClick={submit} loading={save.isPending}>
              保存设置
            </Button>
          )
        }
      />
      {readOnly && access.login && (
        <Alert
          type="info"
          showIcon
          style={{ maxWidth: 760, marginBottom: 16 }}
          title={`当前登录：${loginLabel(access)}，只能查看设置`}
          description="修改设置需要管理员权限（ledger_admin）。数据库连接是本机的设置，可以随时修改。"
        />
      )}
      <ConfigProvider componentDisabled={readOnly}>
        <Form form={form} layout="vertical" style={{ maxWidth: 760 }} disabled={readOnly}>
          <Card title="本单位" size="small" style={{ marginBottom: 16 }}>
            <Typography.Paragraph type="secondary">
              本局所在行政区划：{home.data ? `${home.data.name}（${home.data.code ?? '无代码'}）` : '未选择'}
            </Typography.Paragraph>
            <Form.Item name="reportingUnit" label="填报单位" extra="印在每张上报报表上，例如：宝鸡市教育局">
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              name="operatorName"
              label="操作人姓名"
              extra={
                access.engine === 'postgres'
                  ? '印在导出的报表上；连接服务器时，操作日志记录每人自己的登录账号'
                  : '写入操作日志，记录每一次新增、修改和删除是谁做的'
              }
            >
              <Input maxLength={50} />
            </Form.Item>
          </Card>
          <Card title="学期划分" size="small" style={{ marginBottom: 16 }}>
            <Typography.Paragraph type="secondary">
              第一学期跨年（如 09-01 至次年 01-31），第二学期在同一年内；暑假不属于任何学期。活动所属学期按活动日期和这里的划分自动判断。
            </Typography.Paragraph>
            <Space wrap>
              <Form.Item name={['terms', 'firstStart']} label="第一学期开始" rules={[md]}>
                <Input style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name={['terms', 'firstEnd']} label="第一学期结束（次年）" rules={[md]}>
                <Input style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name={['terms', 'secondStart']} label="第二学期开始" rules={[md]}>
                <Input style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name={['terms', 'secondEnd']} label="第二学期结束" rules={[md]}>
                <Input style={{ width: 120 }} />
              </Form.Item>
            </Space>
          </Card>
          <Card title="规则与期限" size="small" style={{ marginBottom: 16 }}>
            <Space wrap>
              <Form.Item name="coverageTarget" label="联盟覆盖率目标（%）">
                <InputNumber min={0} max={100} />
              </Form.Item>
              <Form.Item name="annualPlanDue" label="年度计划备案截止（学年内）" rules={[md]}>
                <Input style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name="evaluationDeadline" label="年度考核截止" rules={[md]}>
                <Input style={{ width: 120 }} />
              </Form.Item>
            </Space>
          </Card>
          <Card title="自定义选项" size="small">
            <Form.Item name="extraModes" label="补充办学模式" extra="内置：紧密型、引领型、项目型、融合型、共建型、托管、一校多区">
              <Select mode="tags" tokenSeparators={['、', ',', '，']} />
            </Form.Item>
            <Form.Item name="extraActivityForms" label="补充活动形式" extra="内置：集体备课、同课异构、听课评课、送教送研、公开课等">
              <Select mode="tags" tokenSeparators={['、', ',', '，']} />
            </Form.Item>
          </Card>
          <WorkdayCorrectionsCard />
        </Form>
        <ReminderRulesCard />
      </ConfigProvider>
      <BackupCard />
      <ConnectionCard />
    </>
  );
}
