// The indicator tree as an editable table: 一级指标 rows with their 二级指标 nested under
// them. A 一级指标 with 二级指标 is worth their sum, shown but not typed.
import { Button, Form, Input, InputNumber, Popconfirm, Space, Typography } from 'antd';
import type { FormListFieldData, FormListOperation } from 'antd/es/form/FormList';
import type { CSSProperties } from 'react';
import { indicatorSum, leafCount, type LeafValues, type TemplateFormValues, type TopValues } from './template-form';

const grid: CSSProperties = {
  display: 'grid',
  gridTemplateColumns: '96px minmax(200px, 1.2fr) 112px minmax(240px, 2fr) 260px',
  gap: 8,
  alignItems: 'start',
  padding: '6px 8px',
  borderBottom: '1px solid #f0f0f0',
};
const cell: CSSProperties = { marginBottom: 0 };
const fmt = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

function Moves({ index, count, move }: { index: number; count: number; move: FormListOperation['move'] }) {
  return (
    <>
      <Button type="link" size="small" disabled={index === 0} onClick={() => move(index, index - 1)}>
        上移
      </Button>
      <Button type="link" size="small" disabled={index === count - 1} onClick={() => move(index, index + 1)}>
        下移
      </Button>
    </>
  );
}

interface BlockProps {
  top: FormListFieldData;
  index: number;
  count: number;
  ops: FormListOperation;
  /** The 二级指标 as typed so far, for the computed 分值. */
  leaves: LeafValues[];
  readOnly: boolean;
}

/** One 一级指标 row and its 二级指标 rows. */
function IndicatorBlock({ top, index, count, ops, leaves, readOnly }: BlockProps) {
  const form = Form.useFormInstance<TemplateFormValues>();
  // The row sits outside its 二级指标's Form.List (names inside a list are relative to it),
  // so the list is extended through the form; Form.List keys the new row itself.
  const addLeaf = () => form.setFieldValue(['indicators', top.name, 'children'], [...leaves, { name: '' }]);
  return (
    <div style={{ minWidth: 960 }}>
      <div style={{ ...grid, background: '#f6f9ff' }} data-row="top">
        <Form.Item name={[top.name, 'code']} style={cell}>
          <Input aria-label="一级指标编号" maxLength={30} />
        </Form.Item>
        <Form.Item name={[top.name, 'name']} style={cell}>
          <Input aria-label="一级指标名称" placeholder="一级指标名称" maxLength={200} style={{ fontWeight: 500 }} />
        </Form.Item>
        {leaves.length ? (
          <Typography.Text strong style={{ display: 'block', paddingTop: 5 }} title="二级指标分值之和">
            {fmt(indicatorSum([{ children: leaves }]))}
          </Typography.Text>
        ) : (
          <Form.Item name={[top.name, 'maxScore']} style={cell}>
            <InputNumber aria-label="一级指标分值" min={0} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name={[top.name, 'scoringRule']} style={cell}>
          <Input.TextArea aria-label="评分标准" autoSize={{ minRows: 1, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        {readOnly ? (
          <span />
        ) : (
          <Space size={0} wrap>
            <Moves index={index} count={count} move={ops.move} />
            <Button type="link" size="small" onClick={addLeaf}>
              添加二级指标
            </Button>
            <Popconfirm
              title="删除这个一级指标？"
              description={leaves.length ? `它的 ${leaves.length} 个二级指标也一并删除` : undefined}
              onConfirm={() => ops.remove(index)}
            >
              <Button type="link" size="small" danger>
                删除
              </Button>
            </Popconfirm>
          </Space>
        )}
      </div>
      <Form.List name={[top.name, 'children']}>
        {(fields, leafOps) =>
          fields.map((f, j) => (
            <div key={f.key} style={grid} data-row="leaf">
              <Form.Item name={[f.name, 'code']} style={cell}>
                <Input aria-label="二级指标编号" maxLength={30} />
              </Form.Item>
              <div style={{ display: 'flex', gap: 6 }}>
                <Typography.Text type="secondary" style={{ paddingTop: 5, paddingLeft: 12 }}>
                  └
                </Typography.Text>
                <Form.Item name={[f.name, 'name']} style={{ ...cell, flex: 1 }}>
                  <Input aria-label="二级指标名称" placeholder="二级指标名称" maxLength={200} />
                </Form.Item>
              </div>
              <Form.Item name={[f.name, 'maxScore']} style={cell}>
                <InputNumber aria-label="二级指标分值" min={0} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name={[f.name, 'scoringRule']} style={cell}>
                <Input.TextArea aria-label="评分标准" autoSize={{ minRows: 1, maxRows: 6 }} maxLength={2000} />
              </Form.Item>
              {readOnly ? (
                <span />
              ) : (
                <Space size={0} wrap>
                  <Moves index={j} count={fields.length} move={leafOps.move} />
                  <Button type="link" size="small" danger onClick={() => leafOps.remove(j)}>
                    删除
                  </Button>
                </Space>
              )}
            </div>
          ))
        }
      </Form.List>
    </div>
  );
}

export function IndicatorTreeEditor({ readOnly }: { readOnly: boolean }) {
  const form = Form.useFormInstance<TemplateFormValues>();
  const indicators = Form.useWatch('indicators', form) as TopValues[] | undefined;
  const total = Form.useWatch('totalScore', form) as number | null | undefined;
  const sum = indicatorSum(indicators);
  const differs = typeof total === 'number' && Math.round(sum * 100) !== Math.round(total * 100);

  return (
    <Form.List name="indicators">
      {(fields, ops, { errors }) => (
        <div style={{ border: '1px solid #f0f0f0', borderRadius: 6, overflowX: 'auto' }}>
          <div style={{ ...grid, background: '#fafafa', fontWeight: 500, minWidth: 960 }}>
            <span>编号</span>
            <span>指标名称</span>
            <span>分值</span>
            <span>评分标准</span>
            <span>操作</span>
          </div>
          {fields.map((f, i) => (
            <IndicatorBlock
              key={f.key}
              top={f}
              index={i}
              count={fields.length}
              ops={ops}
              leaves={indicators?.[i]?.children ?? []}
              readOnly={readOnly}
            />
          ))}
          <div style={{ display: 'flex', alignItems: 'center', gap: 16, padding: '10px 8px', minWidth: 960 }}>
            {readOnly ? null : (
              <Button onClick={() => ops.add({ name: '', children: [] })}>添加一级指标</Button>
            )}
            {errors.length ? <Typography.Text type="danger">{errors}</Typography.Text> : null}
            <div style={{ flex: 1 }} />
            <Typography.Text type="secondary">
              {fields.length} 个一级指标，{leafCount(indicators)} 个评分项
            </Typography.Text>
            <Typography.Text type={differs ? 'danger' : undefined} strong data-testid="indicator-sum">
              各指标分值合计 {fmt(sum)} / 总分 {typeof total === 'number' ? fmt(total) : '—'}
              {differs ? `（相差 ${fmt(Math.abs(total - sum))} 分）` : ''}
            </Typography.Text>
          </div>
        </div>
      )}
    </Form.List>
  );
}
