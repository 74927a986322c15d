import { App, Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { supervisionConclusions, supervisionKinds } from '../../../electron/api/enums';
import type { Supervision, SupervisionTargetKind } from '../../../electron/api/supervisions';
import { supervisionTargetKinds } from '../../../electron/api/supervisions';
import { useApiMutation } from '../../api/hooks';
import { applyFieldErrors, validated } from '../../components/form-errors';
import { FormDrawer } from '../../components/FormDrawer';
import { AllianceSelect, CountySelect, SchoolSelect } from '../../components/pickers';
import { fromDayjs, toDayjs } from '../../format';
import { optionsOf } from './labels';
import { showEditConflict, useReloadable } from '../../components/EditConflict';

const targetFields: Record<SupervisionTargetKind, 'targetAllianceId' | 'targetSchoolId' | 'targetRegionId'> = {
  alliance: 'targetAllianceId',
  school: 'targetSchoolId',
  region: 'targetRegionId',
};

interface Props {
  open: boolean;
  supervision: Supervision | null;
  onClose: () => void;
  onSaved?: (s: Supervision) => void;
}

export function SupervisionForm({ open, supervision: opened, onClose, onSaved }: Props) {
  const [form] = Form.useForm();
  const { message, modal } = App.useApp();
  // After 以当前值为准重新编辑 the form edits the current record (with its new version).
  const [supervision, reload] = useReloadable(open, opened);
  const create = useApiMutation('supervisions.create');
  const update = useApiMutation('supervisions.update');
  const targetKind = (Form.useWatch('targetKind', form) as SupervisionTargetKind | undefined) ?? 'alliance';
  const targetField = targetFields[targetKind];

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (supervision) form.setFieldsValue({ ...supervision, date: toDayjs(supervision.date) });
    else form.setFieldsValue({ targetKind: 'alliance', kind: 'special', date: dayjs() });
  }, [open, supervision, form]);

  async function submit() {
    const v = await validated<Record<string, any>>(form);
    if (!v) return;
    const kind = v.targetKind as SupervisionTargetKind;
    const draft = {
      kind: v.kind,
      date: fromDayjs(v.date) ?? '',
      targetAllianceId: kind === 'alliance' ? v.targetAllianceId : null,
      targetSchoolId: kind === 'school' ? v.targetSchoolId : null,
      targetRegionId: kind === 'region' ? v.targetRegionId : null,
      inspectors: v.inspectors ?? null,
      findings: v.findings ?? null,
      rating: v.rating ?? null,
      conclusion: v.conclusion ?? null,
    };
    try {
      const saved = supervision
        ? await update.mutateAsync({ id: supervision.id, rowVersion: supervision.rowVersion, draft })
        : await create.mutateAsync(draft);
      message.success(supervision ? '已保存' : '已登记督导');
      onClose();
      onSaved?.(saved);
    } catch (e) {
      if (showEditConflict(modal, e, { mine: draft, reload })) return;
      message.error(applyFieldErrors(form, e, { target: targetField }));
    }
  }

  return (
    <FormDrawer
      title={supervision ? `编辑督导：${supervision.date} ${supervision.targetLabel}` : '登记督导'}
      open={open}
      onClose={onClose}
      onSave={submit}
      saving={create.isPending || update.isPending}
      width={600}
    >
      <Form form={form} layout="vertical">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="kind" label="督导类型" rules={[{ required: true, message: '请选择督导类型' }]}>
              <Select options={optionsOf(supervisionKinds)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="date" label="督导日期" rules={[{ required: true, message: '请填写日期' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="targetKind" label="督导对象">
              <Radio.Group
                optionType="button"
                options={(Object.keys(supervisionTargetKinds) as SupervisionTargetKind[]).map((k) => ({
                  value: k,
                  label: supervisionTargetKinds[k],
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name={targetField}
              label={`督导的${supervisionTargetKinds[targetKind]}`}
              rules={[{ required: true, message: `请选择${supervisionTargetKinds[targetKind]}` }]}
            >
              {targetKind === 'alliance' ? (
                <AllianceSelect
                  known={
                    supervision?.targetAllianceId
                      ? [{ id: supervision.targetAllianceId, name: supervision.targetAllianceName ?? '' }]
                      : []
                  }
                />
              ) : targetKind === 'school' ? (
                <SchoolSelect
                  known={
                    supervision?.targetSchoolId ? [{ id: supervision.targetSchoolId, name: supervision.targetSchoolName ?? '' }] : []
                  }
                />
              ) : (
                <CountySelect />
              )}
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="inspectors" label="督导组成员" extra="多人用顿号分隔，例如：张督学、李督学">
              <Input maxLength={500} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="findings" label="主要问题">
              <Input.TextArea rows={4} maxLength={5000} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="rating" label="评定等级" extra="如：优秀、良好、合格">
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="conclusion" label="督导结论">
              <Select allowClear options={optionsOf(supervisionConclusions)} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
