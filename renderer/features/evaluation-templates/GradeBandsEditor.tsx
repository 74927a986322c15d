// 等次: a name and the lowest total that earns it. Defaults are 优秀/良好/合格/不合格 at
// 90/80/60 of 100, scaled to the template's total; a template may name its own (一等奖…).
import { Button, Form, Input, InputNumber, Space, Typography } from 'antd';
import { defaultGradeBands, type GradeBand } from '../../../electron/api/evaluations';
import type { TemplateFormValues } from './template-form';

const fmt = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/** 优秀 ≥ 90 分，良好 ≥ 80 分… highest first, as evaluations apply them. */
export function bandsText(bands: Partial<GradeBand>[] | undefined): string {
  const complete = (bands ?? []).filter((b): b is GradeBand => !!b?.name && typeof b.min === 'number');
  const sorted = [...complete].sort((a, b) => b.min - a.min);
  return sorted
    .map((b, i) => {
      const above = sorted[i - 1];
      return b.min === 0 && above ? `${b.name} < ${fmt(above.min)} 分` : `${b.name} ≥ ${fmt(b.min)} 分`;
    })
    .join('，');
}

export function GradeBandsEditor({ readOnly }: { readOnly: boolean }) {
  const form = Form.useFormInstance<TemplateFormValues>();
  const bands = Form.useWatch('gradeBands', form) as Partial<GradeBand>[] | undefined;
  const total = Form.useWatch('totalScore', form) as number | null | undefined;
  const hasTotal = typeof total === 'number' && total > 0;

  return (
    <Form.List name="gradeBands">
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((f, i) => (
            <Space key={f.key} align="start" style={{ display: 'flex', marginBottom: 4 }}>
              <Form.Item name={[f.name, 'name']} style={{ marginBottom: 8 }}>
                <Input aria-label="等次名称" placeholder="等次名称" maxLength={20} style={{ width: 140 }} />
              </Form.Item>
              <Typography.Text style={{ lineHeight: '32px' }}>≥</Typography.Text>
              <Form.Item name={[f.name, 'min']} style={{ marginBottom: 8 }}>
                <InputNumber aria-label="最低分" min={0} step={1} style={{ width: 120 }} />
              </Form.Item>
              <Typography.Text style={{ lineHeight: '32px' }}>分</Typography.Text>
              {readOnly ? null : (
                <Button type="link" danger disabled={fields.length === 1} onClick={() => remove(i)}>
                  删除
                </Button>
              )}
            </Space>
          ))}
          {errors.length ? <Typography.Text type="danger">{errors}</Typography.Text> : null}
          {readOnly ? null : (
            <Space style={{ marginTop: 4 }}>
              <Button onClick={() => add({ name: '', min: undefined })} disabled={fields.length >= 10}>
                添加等次
              </Button>
              <Button disabled={!hasTotal} onClick={() => hasTotal && form.setFieldValue('gradeBands', defaultGradeBands(total))}>
                按总分恢复默认等次
              </Button>
            </Space>
          )}
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {bandsText(bands) ? `评定时按总分从高到低套用：${bandsText(bands)}。` : '评定时按总分从高到低套用各等次的最低分。'}
          </Typography.Paragraph>
        </>
      )}
    </Form.List>
  );
}
