// 节假日调整: days the built-in holiday calendar gets wrong or does not know yet (it holds
// the State Council's arrangements only up to 2026). Used for 限期 N 个工作日 deadlines.
import { Button, Card, DatePicker, Form, Select, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

const weekdays = ['日', '一', '二', '三', '四', '五', '六'];

export const workdayKindOptions = [
  { value: 'holiday', label: '放假' },
  { value: 'workday', label: '调休上班' },
];

/** Lives inside the settings form: its rows are the form's `workdayCorrections`. */
export function WorkdayCorrectionsCard() {
  const form = Form.useFormInstance();
  return (
    <Card title="节假日调整" size="small" style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">
        “限期 N 个工作日”的整改期限按国家法定节假日和调休计算。内置日历收录到 2026 年；国务院公布新一年的放假安排后，
        或内置日历与通知不一致时，在这里逐日登记：工作日放假选“放假”，周末上班选“调休上班”。这里的登记优先于内置日历。
      </Typography.Paragraph>
      <Form.List name="workdayCorrections">
        {(fields, { add, remove }) => (
          <>
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={fields}
              locale={{ emptyText: '没有调整，全部按内置日历' }}
              style={{ maxWidth: 520, marginBottom: 8 }}
              columns={[
                {
                  key: 'date',
                  title: '日期',
                  render: (_, field) => (
                    <Form.Item
                      name={[field.name, 'date']}
                      noStyle
                      rules={[{ required: true, message: '请选择日期' }]}
                      getValueProps={(v: string | null) => ({ value: v ? dayjs(v) : null })}
                      normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null)}
                    >
                      <DatePicker style={{ width: 150 }} />
                    </Form.Item>
                  ),
                },
                {
                  key: 'weekday',
                  title: '星期',
                  render: (_, field) => (
                    <Form.Item noStyle shouldUpdate>
                      {() => {
                        const d = form.getFieldValue(['workdayCorrections', field.name, 'date']) as string | null;
                        return d ? `星期${weekdays[dayjs(d).day()]}` : '—';
                      }}
                    </Form.Item>
                  ),
                },
                {
                  key: 'kind',
                  title: '安排',
                  render: (_, field) => (
                    <Form.Item name={[field.name, 'kind']} noStyle>
                      <Select options={workdayKindOptions} style={{ width: 120 }} />
                    </Form.Item>
                  ),
                },
                {
                  key: 'remove',
                  title: '',
                  render: (_, field) => <a onClick={() => remove(field.name)}>删除</a>,
                },
              ]}
            />
            <Button size="small" onClick={() => add({ date: null, kind: 'holiday' })}>
              添加一天
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}
