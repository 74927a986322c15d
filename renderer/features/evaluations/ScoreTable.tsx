// The indicator tree as a scoring table: a 一级指标 row with its subtotal, then its 二级指标
// with the scoring rule in full, the max, and boxes for 得分 and 扣分说明.
import { Form, Input, Table, Typography, type TableColumnsType } from 'antd';
import type { Indicator } from '../../../electron/api/evaluations';
import { fmtScore } from './labels';
import { parseScore, type liveTotals } from './score-input';

type Line =
  | { key: string; kind: 'group'; top: Indicator }
  | { key: string; kind: 'leaf'; leaf: Indicator; direct: boolean };

function linesOf(indicators: readonly Indicator[]): Line[] {
  return indicators.flatMap((top): Line[] =>
    top.children.length
      ? [{ key: `g-${top.id}`, kind: 'group', top }, ...top.children.map((leaf): Line => ({ key: leaf.id, kind: 'leaf', leaf, direct: false }))]
      : [{ key: top.id, kind: 'leaf', leaf: top, direct: true }],
  );
}

/** A read-only score: the form's text as it stands. */
function Shown({ value }: { value?: string | null }) {
  return <span>{value ? value : '—'}</span>;
}

export function ScoreTable({
  indicators,
  readOnly,
  totals,
}: {
  indicators: readonly Indicator[];
  readOnly: boolean;
  totals: ReturnType<typeof liveTotals>;
}) {
  // A 一级指标 row is shaded and its name runs over the 评分标准 column.
  const groupCell = (l: Line, span?: number) =>
    l.kind === 'group' ? { colSpan: span, style: { background: '#f3f6fa' } } : {};
  const columns: TableColumnsType<Line> = [
    { key: 'code', title: '编号', width: 56, onCell: (l) => groupCell(l), render: (_, l) => (l.kind === 'group' ? l.top.code : l.leaf.code) ?? '' },
    {
      key: 'name',
      title: '指标',
      width: 130,
      onCell: (l) => groupCell(l, 2),
      render: (_, l) =>
        l.kind === 'group' ? (
          <span>
            <strong>{l.top.name}</strong>
            {l.top.scoringRule ? <Typography.Text type="secondary">　{l.top.scoringRule}</Typography.Text> : null}
          </span>
        ) : l.direct ? (
          <strong>{l.leaf.name}</strong>
        ) : (
          l.leaf.name
        ),
    },
    {
      key: 'rule',
      title: '评分标准',
      onCell: (l) => groupCell(l, 0),
      render: (_, l) =>
        l.kind === 'leaf' ? <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.6 }}>{l.leaf.scoringRule ?? '—'}</div> : null,
    },
    {
      key: 'max',
      title: '满分',
      width: 56,
      align: 'right',
      onCell: (l) => groupCell(l),
      render: (_, l) => fmtScore(l.kind === 'group' ? l.top.maxScore : l.leaf.maxScore),
    },
    {
      key: 'score',
      title: '得分',
      width: 104,
      onCell: (l) => groupCell(l),
      render: (_, l) => {
        if (l.kind === 'group') {
          const t = totals.byTop.get(l.top.id);
          return (
            <strong title="本一级指标已评得分 / 满分">
              {fmtScore(t?.total ?? 0)} / {fmtScore(l.top.maxScore)}
            </strong>
          );
        }
        const max = l.leaf.maxScore;
        return (
          <Form.Item
            name={['scores', l.leaf.id, 'score']}
            style={{ margin: 0 }}
            validateFirst
            rules={[
              {
                validator: async (_r, v: string | undefined) => {
                  const p = parseScore(v, max);
                  if (!p.ok) throw new Error(p.message);
                },
              },
            ]}
          >
            {readOnly ? <Shown /> : <Input aria-label={`得分：${l.leaf.name}`} inputMode="decimal" placeholder={`0–${fmtScore(max)}`} autoComplete="off" />}
          </Form.Item>
        );
      },
    },
    {
      key: 'note',
      title: '扣分说明',
      width: 170,
      onCell: (l) => groupCell(l),
      render: (_, l) => {
        if (l.kind === 'group') {
          const t = totals.byTop.get(l.top.id);
          return <Typography.Text type="secondary">已评 {t?.scored ?? 0}/{t?.leaves ?? 0}</Typography.Text>;
        }
        return (
          <Form.Item name={['scores', l.leaf.id, 'note']} style={{ margin: 0 }}>
            {readOnly ? <Shown /> : <Input.TextArea aria-label={`扣分说明：${l.leaf.name}`} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />}
          </Form.Item>
        );
      },
    },
  ];
  return (
    <Table<Line>
      rowKey="key"
      size="small"
      bordered
      pagination={false}
      columns={columns}
      dataSource={linesOf(indicators)}
    />
  );
}
