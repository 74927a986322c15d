// One evaluation: the scoring form on the left, the ledger's evidence on the right.
import { Alert, App, Button, Card, Descriptions, Form, Input, Popconfirm, Result, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useBlocker, useNavigate, useParams } from 'react-router';
import { gradeOf, type Evaluation, type EvaluationTemplate, type ScoreSheet } from '../../../electron/api/evaluations';
import { useAccess } from '../../api/access';
import { useApi, useApiMutation } from '../../api/hooks';
import { applyFieldErrors, validated } from '../../components/form-errors';
import { showEditConflict } from '../../components/EditConflict';
import { PageHeader } from '../../components/PageHeader';
import { fmtTime } from '../../format';
import { EvidenceCard } from './EvidenceCard';
import { fmtScore, GradeTag, StatusTag, templateLabel } from './labels';
import { leavesOf, liveTotals, toFormScores, toSheet, type FormScores, type SheetValues } from './score-input';
import { ScoreTable } from './ScoreTable';

export function ScoringPage() {
  const { id = '' } = useParams();
  const evaluation = useApi('evaluations.get', { id });
  const e = evaluation.data?.id === id ? evaluation.data : undefined;
  const template = useApi('evaluationTemplates.get', { id: e?.templateId ?? '' }, { enabled: !!e });
  if (evaluation.error || template.error)
    return (
      <Result status="404" title={(evaluation.error ?? template.error)?.message} extra={<Link to="/evaluations">返回考核评价</Link>} />
    );
  if (!e || !template.data || template.data.id !== e.templateId) return <Spin />;
  return <ScoringForm key={e.id} evaluation={e} template={template.data} />;
}

function ScoringForm({ evaluation: e, template: t }: { evaluation: Evaluation; template: EvaluationTemplate }) {
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<SheetValues>();
  const [dirty, setDirtyState] = useState(false);
  // The blocker reads a ref, so a save or delete followed at once by navigation is not held up.
  const dirtyRef = useRef(false);
  const setDirty = (d: boolean) => {
    dirtyRef.current = d;
    setDirtyState(d);
  };
  const leaves = useMemo(() => leavesOf(t.indicators), [t]);
  // Taken once, when the page opens: later refetches must not overwrite what is being typed.
  const [initial] = useState<SheetValues>(() => ({
    evaluators: e.evaluators ?? '',
    comments: e.comments ?? '',
    scores: toFormScores(e.scores, leaves),
  }));
  const scores = Form.useWatch('scores', form) as FormScores | undefined;
  const totals = liveTotals(t.indicators, scores ?? initial.scores);
  const save = useApiMutation('evaluations.save');
  const submit = useApiMutation('evaluations.submit');
  const reopen = useApiMutation('evaluations.reopen');
  const lock = useApiMutation('evaluations.lock');
  const { canLock } = useAccess();
  const remove = useApiMutation('evaluations.delete');
  const editable = e.status === 'draft';
  // The version this form's values rest on: the one it opened with, then each own save's.
  // A refetch must not move it, or a colleague's save would be silently taken as the base.
  const baseVersion = useRef(e.rowVersion);
  const backTo = `/evaluations?year=${e.year}&templateId=${e.templateId}`;

  // Leaving with unsaved scores asks first.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirtyRef.current && currentLocation.pathname !== nextLocation.pathname);
  const asking = useRef(false);
  useEffect(() => {
    if (blocker.state !== 'blocked' || asking.current) return;
    asking.current = true;
    modal.confirm({
      title: '评分还没有保存，确定离开？',
      content: '离开后本次修改的得分不会保留。',
      okText: '离开',
      cancelText: '留下',
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
      afterClose: () => (asking.current = false),
    });
  }, [blocker, modal]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (ev: BeforeUnloadEvent) => ev.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const send = async (kind: 'save' | 'submit') => {
    const values = await validated<SheetValues>(form);
    if (!values) {
      message.error('有得分填写不正确，请按提示修改');
      return;
    }
    let sheet: ScoreSheet | null = null;
    try {
      sheet = toSheet(e.id, baseVersion.current, leaves, { ...form.getFieldsValue(true), ...values });
      const saved = await (kind === 'save' ? save : submit).mutateAsync(sheet);
      baseVersion.current = saved.rowVersion;
      setDirty(false);
      message.success(kind === 'save' ? `草稿已保存，当前得分 ${fmtScore(saved.total)}` : `已提交，总分 ${fmtScore(saved.total)}${saved.grade ? `，${saved.grade}` : ''}`);
    } catch (err) {
      if (sheet && showEditConflict<Evaluation>(modal, err, { mine: flatSheet(sheet), compareWith: flatSheet, labels: sheetLabels, reload })) return;
      message.error(applyFieldErrors(form, err));
    }
  };

  // 此记录已被他人修改: compare score by score, and edit again from the colleague's sheet.
  const sheetLabels = useMemo(
    () => ({ evaluators: '评价人', comments: '评价意见', ...Object.fromEntries(leaves.map((l) => [`score:${l.id}`, `${l.name}（得分）`])) }),
    [leaves],
  );
  function flatSheet(s: Pick<ScoreSheet, 'evaluators' | 'comments' | 'scores'>): Record<string, unknown> {
    return {
      evaluators: s.evaluators ?? null,
      comments: s.comments ?? null,
      ...Object.fromEntries(leaves.map((l) => [`score:${l.id}`, s.scores[l.id]?.score ?? null])),
    };
  }
  function reload(current: Evaluation) {
    baseVersion.current = current.rowVersion;
    form.setFieldsValue({ evaluators: current.evaluators ?? '', comments: current.comments ?? '', scores: toFormScores(current.scores, leaves) });
    setDirty(false);
  }

  const confirmSubmit = () => {
    // With leaves still blank the server refuses and marks each one; no need to ask first.
    if (totals.scored < leaves.length) return void send('submit');
    modal.confirm({
      title: `提交对“${e.targetName}”的评价？`,
      content: `总分 ${fmtScore(totals.total)} 分。提交后不能再修改，需要改动时由局里退回修改。`,
      okText: '提交',
      cancelText: '取消',
      onOk: () => send('submit'),
    });
  };

  const act = async (what: Promise<unknown>, done: string) => {
    try {
      await what;
      message.success(done);
    } catch (err) {
      message.error((err as Error).message);
    }
  };

  // A grade from half the scores would mislead: it shows once every indicator is scored.
  const complete = totals.scored === leaves.length;
  const grade = editable ? (complete ? gradeOf(totals.total, t.gradeBands) : null) : e.grade;
  const actions = editable ? (
    <Space>
      {dirty ? <Typography.Text type="warning">有未保存的修改</Typography.Text> : null}
      <Popconfirm
        title="删除这份评价草稿？"
        description="已打的分一并删除"
        onConfirm={() =>
          act(
            remove.mutateAsync({ id: e.id }).then(() => {
              setDirty(false);
              navigate(backTo);
            }),
            '草稿已删除',
          )
        }
      >
        <Button danger>删除草稿</Button>
      </Popconfirm>
      <Button loading={save.isPending} onClick={() => void send('save')}>
        保存草稿
      </Button>
      <Button type="primary" loading={submit.isPending} onClick={confirmSubmit}>
        提交
      </Button>
    </Space>
  ) : e.status === 'submitted' ? (
    <Space>
      <Popconfirm title="退回修改？" description="评价回到草稿，可以再改分后重新提交" onConfirm={() => act(reopen.mutateAsync({ id: e.id }), '已退回修改')}>
        <Button>退回修改</Button>
      </Popconfirm>
      {canLock && (
        <Popconfirm title="锁定这份评价？" description="锁定后不可再修改" okText="锁定" onConfirm={() => act(lock.mutateAsync({ id: e.id }), '已锁定')}>
          <Button type="primary">锁定</Button>
        </Popconfirm>
      )}
    </Space>
  ) : null;

  return (
    <>
      <PageHeader
        title={
          <Space size={8}>
            {e.targetName}
            <StatusTag status={e.status} />
          </Space>
        }
        sub={<Link to={backTo}>← 考核评价</Link>}
        extra={actions}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={4}>
          <Descriptions.Item label="年度">{e.year} 年</Descriptions.Item>
          <Descriptions.Item label="评价模板" span={3}>
            {templateLabel(t)}
          </Descriptions.Item>
          <Descriptions.Item label="得分">
            <Typography.Text strong style={{ fontSize: 16 }}>
              {fmtScore(totals.total)}
            </Typography.Text>
            <Typography.Text type="secondary">　/ {fmtScore(t.totalScore)} 分</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="等次">
            {grade ? <GradeTag grade={grade} bands={t.gradeBands} /> : <Typography.Text type="secondary">评完全部指标后显示</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label="排名">{e.rank === null ? (editable ? '提交后排名' : '—') : `第 ${e.rank} 名`}</Descriptions.Item>
          <Descriptions.Item label="已评">
            {totals.scored} / {leaves.length} 项
          </Descriptions.Item>
          {e.submittedAt ? <Descriptions.Item label="提交时间">{fmtTime(e.submittedAt)}</Descriptions.Item> : null}
          {e.lockedAt ? <Descriptions.Item label="锁定时间">{fmtTime(e.lockedAt)}</Descriptions.Item> : null}
        </Descriptions>
      </Card>
      {e.status === 'locked' ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title="这份评价已由局里锁定，不可再修改。" /> : null}
      {e.status === 'submitted' ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="已提交的评价只能查看；需要改分时先“退回修改”。" />
      ) : null}
      {/* The form takes what the evidence (a fixed, readable width) leaves. */}
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Form form={form} layout="vertical" initialValues={initial} onValuesChange={() => setDirty(true)}>
            <Card size="small" title="评分表" style={{ marginBottom: 16 }}>
              <ScoreTable indicators={t.indicators} readOnly={!editable} totals={totals} />
            </Card>
            <Card size="small">
              <Form.Item name="evaluators" label="评价人">
                <Input readOnly={!editable} maxLength={200} placeholder="评价组成员，多人用、分隔" />
              </Form.Item>
              <Form.Item name="comments" label="评价意见" style={{ marginBottom: 0 }}>
                <Input.TextArea readOnly={!editable} autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} />
              </Form.Item>
            </Card>
          </Form>
        </div>
        <div style={{ width: 340, flex: 'none', position: 'sticky', top: 16 }}>
          <EvidenceCard year={e.year} targetType={e.targetType} targetId={e.targetId} />
        </div>
      </div>
    </>
  );
}
