import { App, Button, Card, Cascader, Form, Input, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { Division } from '../../../electron/api/regions';
import { useApi, useApiMutation } from '../../api/hooks';
import { applyFieldErrors, validated } from '../../components/form-errors';

interface Option {
  value: string;
  label: string;
  children?: Option[];
}

const toOptions = (ds: Division[]): Option[] =>
  ds.map((d) => ({ value: d.code, label: d.name, ...(d.children?.length ? { children: toOptions(d.children) } : {}) }));

/** First run: the bureau's own region, which creates its counties with their codes. */
export function SetupPage() {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const divisions = useApi('regions.divisions', {});
  const setHome = useApiMutation('regions.setHome');
  const saveSettings = useApiMutation('settings.update');

  async function submit() {
    const v = await validated<Record<string, any>>(form);
    if (!v) return;
    const path = v.region as string[];
    try {
      // The operator's name first, so the audit log shows who created the regions.
      await saveSettings.mutateAsync({ reportingUnit: v.reportingUnit ?? '', operatorName: v.operatorName ?? '' });
      const result = await setHome.mutateAsync({ code: path[path.length - 1]! });
      message.success(`已设置本局区划：${result.home.name}，新建区划 ${result.created} 个`);
      navigate('/');
    } catch (e) {
      message.error(applyFieldErrors(form, e, { code: 'region' }));
    }
  }

  return (
    <div style={{ maxWidth: 640, margin: '40px auto' }}>
      <Card title="欢迎使用教育联盟台账">
        <Typography.Paragraph>
          请先选择本局所在的行政区划。程序会按国家行政区划代码（GB/T 2260）建立本辖区的县（市、区），之后录入的学校都挂在这些县区下。市级教育局请选到“市”，县级教育局请选到“县（区）”。
        </Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item name="region" label="本局所在行政区划" rules={[{ required: true, message: '请选择本局所在的行政区划' }]}>
            <Cascader
              options={toOptions(divisions.data ?? [])}
              changeOnSelect
              showSearch
              placeholder="例如：陕西省 / 宝鸡市"
              loading={divisions.isLoading}
            />
          </Form.Item>
          <Form.Item name="reportingUnit" label="填报单位" extra="印在上报报表上，例如：宝鸡市教育局">
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="operatorName" label="操作人姓名" extra="记入操作日志">
            <Input maxLength={50} />
          </Form.Item>
          <Button type="primary" onClick={submit} loading={setHome.isPending}>
            开始使用
          </Button>
        </Form>
      </Card>
    </div>
  );
}
