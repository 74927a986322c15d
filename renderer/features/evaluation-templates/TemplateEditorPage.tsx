// A template on its own page (the tree is too big for a drawer): basic fields, the
// indicator tree and the grade bands. Saving a frozen template makes its next version.
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Radio, Result, Row, Select, Space, Spin } from 'antd';
import { useRef, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { evaluationTargets } from '../../../electron/api/enums';
import { defaultGradeBands, type EvaluationTemplate } from '../../../electron/api/evaluations';
import { ApiError } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { applyFieldErrors } from '../../components/form-errors';
import { yearOptions } from '../../components/ledger-filters';
import { PageHeader } from '../../components/PageHeader';
import { GradeBandsEditor } from './GradeBandsEditor';
import { IndicatorTreeEditor } from './IndicatorTreeEditor';
import { TemplateTags } from './labels';
import { TemplateCopyDialog } from './TemplateCopyDialog';
import {
  draftOf,
  emptyTemplate,
  placeOf,
  valuesOfPrefill,
  valuesOfTemplate,
  type TemplateFormValues,
  type TemplatePrefill,
} from './template-form';
import { showEditConflict } from '../../components/EditConflict';
import { useQueryClient } from '@tanstack/react-query';

export function TemplateEditorPage() {
  const { id } = useParams();
  const location = useLocation();
  const prefill = (location.state as { prefill?: TemplatePrefill } | null)?.prefill;
  const template = useApi('evaluationTemplates.get', { id: id ?? '' }, { enabled: !!id });
  if (!id) return <TemplateEditor template={null} initial={prefill ? valuesOfPrefill(prefill) : emptyTemplate()} />;
  if (template.error) return <Result status="warning" title="打不开这个模板" subTitle={template.error.message} />;
  // The previous template's data lingers while a new version loads.
  if (template.data?.id !== id) return <Spin description="正在打开模板…" style={{ display: 'block', marginTop: 80 }} />;
  return (
    <TemplateEditor
      key={`${template.data.id}:${template.data.updatedAt}`}
      template={template.data}
      initial={valuesOfTemplate(template.data)}
    />
  );
}

interface Problem {
  place: string | null;
  message: string;
}

const sameBands = (a: TemplateFormValues['gradeBands'], b: TemplateFormValues['gradeBands']) =>
  JSON.stringify((a ?? []).map((x) => [x.name, x.min])) === JSON.stringify((b ?? []).map((x) => [x.name, x.min]));

function TemplateEditor({ template, initial }: { template: EvaluationTemplate | null; initial: TemplateFormValues }) {
  const [form] = Form.useForm<TemplateFormValues>();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const create = useApiMutation('evaluationTemplates.create');
  const update = useApiMutation('evaluationTemplates.update');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [copying, setCopying] = useState(false);
  const lastTotal = useRef(initial.totalScore);
  const readOnly = !!template && !template.latest;

  /** Bands still at the defaults of the old total follow the total as it is typed. */
  function followTotal(changed: TemplateFormValues, all: TemplateFormValues) {
    if (!('totalScore' in changed) || typeof changed.totalScore !== 'number' || changed.totalScore <= 0) return;
    const before = lastTotal.current;
    lastTotal.current = changed.totalScore;
    if (typeof before === 'number' && sameBands(all.gradeBands, defaultGradeBands(before))) {
      form.setFieldValue('gradeBands', defaultGradeBands(changed.totalScore));
    }
  }

  async function save() {
    const values = form.getFieldsValue(true) as TemplateFormValues;
    const draft = draftOf(values);
    setProblems([]);
    try {
      const saved = template
        ? await update.mutateAsync({ id: template.id, rowVersion: template.rowVersion, draft })
        : await create.mutateAsync(draft);
      if (template && saved.id !== template.id) {
        message.success(`该模板已被提交的考核评价使用，已保存为第${saved.version}版；已提交的评价仍使用原版本`, 6);
      } else message.success(template ? '已保存' : '已创建评价模板');
      if (saved.id !== template?.id) navigate(`/evaluation-templates/${saved.id}`, { replace: true });
    } catch (e) {
      // 以当前值为准重新编辑: refetching the template reopens the editor on the current one.
      const reload = () => void queryClient.invalidateQueries({ queryKey: ['evaluationTemplates.get'] });
      if (showEditConflict<EvaluationTemplate>(modal, e, { mine: draft, reload })) return;
      const summary = applyFieldErrors(form, e);
      const fields = e instanceof ApiError ? Object.entries(e.fieldErrors) : [];
      setProblems(fields.length ? fields.map(([path, msg]) => ({ place: placeOf(path, values), message: msg })) : [{ place: null, message: summary }]);
      message.error(fields[0]?.[1] ?? summary);
    }
  }

  const years = yearOptions();
  if (template?.year && !years.some((y) => y.value === template.year)) years.push({ value: template.year, label: `${template.year}年` });
  const saving = create.isPending || update.isPending;
  const saveButton = readOnly ? null : (
    <Button type="primary" onClick={save} loading={saving}>
      保存模板
    </Button>
  );

  return (
    <>
      <PageHeader
        title={template ? template.name : '新建评价模板'}
        sub={template ? <TemplateTags template={template} withVersion /> : undefined}
        extra={
          <Space>
            <Button onClick={() => navigate('/evaluation-templates')}>返回列表</Button>
            {template ? <Button onClick={() => setCopying(true)}>复制为新模板</Button> : null}
            {saveButton}
          </Space>
        }
      />
      <Space orientation="vertical" size={12} style={{ display: 'flex', marginBottom: 16 }}>
        {template?.isSample ? (
          <Alert type="warning" showIcon title="这是随软件提供的示例模板，仅供参考。正式考核请在列表中“复制”为本年度的模板后再修改。" />
        ) : null}
        {readOnly ? (
          <Alert
            type="info"
            showIcon
            title={`这是历史版本（第${template.version}版），只能查看`}
            description="该模板已有更新的版本；使用本版提交的考核评价仍按本版计分。要修改请在列表中打开最新版本。"
          />
        ) : null}
        {template?.frozen && !readOnly ? (
          <Alert
            type="warning"
            showIcon
            title={`已有 ${template.evaluationCount} 份考核评价使用本模板，其中有已提交的评价`}
            description={`保存修改将生成第${template.version + 1}版，已提交的评价仍使用第${template.version}版。`}
          />
        ) : null}
        {problems.length ? (
          <Alert
            type="error"
            showIcon
            title="模板未保存，请修改以下内容："
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {problems.map((p, i) => (
                  <li key={i}>{p.place ? `${p.place}：${p.message}` : p.message}</li>
                ))}
              </ul>
            }
          />
        ) : null}
      </Space>
      <Form form={form} layout="vertical" initialValues={initial} disabled={readOnly} onValuesChange={followTotal}>
        <Card title="基本信息" size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col span={10}>
              <Form.Item name="name" label="模板名称" required>
                <Input maxLength={200} placeholder="如：2026年度城乡教育联盟考核评价指标" />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item name="year" label="年度" extra="不限年度可不选">
                <Select allowClear options={years} placeholder="不限" />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item
                name="targetType"
                label="评价对象"
                required
                extra={template && template.evaluationCount > 0 ? '已有考核评价使用，不能更改' : undefined}
              >
                <Radio.Group
                  optionType="button"
                  disabled={readOnly || (!!template && template.evaluationCount > 0)}
                  options={evaluationTargets.codes.map((c) => ({ value: c, label: evaluationTargets.labels[c] }))}
                />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item name="totalScore" label="总分" required>
                <InputNumber min={0} step={1} style={{ width: '100%' }} suffix="分" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title="评价指标" size="small" style={{ marginBottom: 16 }}>
          <IndicatorTreeEditor readOnly={readOnly} />
        </Card>
        <Card title="等次" size="small" style={{ marginBottom: 16 }}>
          <GradeBandsEditor readOnly={readOnly} />
        </Card>
      </Form>
      <div style={{ textAlign: 'right' }}>{saveButton}</div>
      <TemplateCopyDialog source={copying ? template : null} onClose={() => setCopying(false)} />
    </>
  );
}
