// 年度实施计划备案: one filing per school year; filing a year again corrects its date.
import { App, Button, DatePicker, Form, Select, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import type { AnnualPlan } from '../../../electron/api/alliances';
import { useApi, useApiMutation } from '../../api/hooks';
import { applyFieldErrors } from '../../components/form-errors';
import { fmtDate, fmtTime, fromDayjs } from '../../format';

/** The school year a date falls in: from the first term's start month-day (default 09-01). */
function schoolYearOf(date: dayjs.Dayjs, firstStart: string): number {
  return date.format('MM-DD') >= firstStart ? date.year() : date.year() - 1;
}

export function AnnualPlans({ allianceId }: { allianceId: string }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const plans = useApi('alliances.annualPlans', { allianceId });
  const settings = useApi('settings.get', {});
  const file = useApiMutation('alliances.fileAnnualPlan');
  const current = schoolYearOf(dayjs(), settings.data?.terms.firstStart ?? '09-01');
  const years = Array.from({ length: 8 }, (_, i) => current + 1 - i).map((y) => `${y}-${y + 1}`);
  const due = settings.data?.annualPlanDue;

  async function submit() {
    const v = await form.validateFields();
    try {
      await file.mutateAsync({ allianceId, schoolYear: v.schoolYear, filedOn: fromDayjs(v.filedOn) ?? '' });
      message.success(`已登记 ${v.schoolYear}学年年度计划备案`);
      form.resetFields(['filedOn']);
    } catch (e) {
      message.error(applyFieldErrors(form, e));
    }
  }

  return (
    <>
      <Form form={form} layout="inline" initialValues={{ schoolYear: `${current}-${current + 1}` }} style={{ marginBottom: 12 }}>
        <Form.Item name="schoolYear" label="学年" rules={[{ required: true, message: '请选择学年' }]}>
          <Select style={{ width: 150 }} options={years.map((y) => ({ value: y, label: `${y}学年` }))} />
        </Form.Item>
        <Form.Item name="filedOn" label="备案日期" rules={[{ required: true, message: '请选择备案日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item>
          <Button type="primary" onClick={submit} loading={file.isPending}>
            登记备案
          </Button>
        </Form.Item>
        {due ? (
          <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
            年度计划应于每学年 {Number(due.slice(0, 2))}月{Number(due.slice(3))}日前备案
          </Typography.Text>
        ) : null}
      </Form>
      <Table<AnnualPlan>
        rowKey="id"
        size="middle"
        loading={plans.isFetching}
        dataSource={plans.data ?? []}
        pagination={false}
        locale={{ emptyText: '尚未登记年度计划备案' }}
        columns={[
          { key: 'schoolYear', title: '学年', render: (_, p) => `${p.schoolYear}学年` },
          { key: 'filedOn', title: '备案日期', render: (_, p) => fmtDate(p.filedOn) },
          { key: 'updatedAt', title: '登记时间', render: (_, p) => fmtTime(p.updatedAt) },
        ]}
      />
    </>
  );
}
