import { App, AutoComplete, Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import type { Args } from '../../../electron/api/contract';
import { commonAwardTitles, type Award, type AwardTarget } from '../../../electron/api/evaluations';
import { useApiMutation } from '../../api/hooks';
import { FormDrawer } from '../../components/FormDrawer';
import { applyFieldErrors, validated } from '../../components/form-errors';
import { yearOptions } from '../../components/ledger-filters';
import { AllianceSelect, SchoolSelect } from '../../components/pickers';
import { fromDayjs, toDayjs } from '../../format';
import { targetOptions } from './labels';
import { showEditConflict, useReloadable } from '../../components/EditConflict';

type AwardFormValues = Omit<Args<'awards.create'>, 'awardedOn'> & { awardedOn?: Dayjs | null };

interface Props {
  open: boolean;
  award: Award | null;
  defaults?: { year?: number; targetType?: AwardTarget };
  onClose: () => void;
}

export function AwardForm({ open, award: opened, defaults, onClose }: Props) {
  const [form] = Form.useForm<AwardFormValues>();
  const { message, modal } = App.useApp();
  // After 以当前值为准重新编辑 the form edits the current record (with its new version).
  const [award, reload] = useReloadable(open, opened);
  const create = useApiMutation('awards.create');
  const update = useApiMutation('awards.update');
  const targetType = Form.useWatch('targetType', form) as AwardTarget | undefined;
  const title = Form.useWatch('title', form) as string | undefined;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (award) form.setFieldsValue({ ...award, awardedOn: toDayjs(award.awardedOn) });
    else form.setFieldsValue({ year: defaults?.year ?? dayjs().year(), targetType: defaults?.targetType ?? 'alliance' });
  }, [open, award, defaults?.year, defaults?.targetType, form]);

  async function submit() {
    const v = await validated<AwardFormValues>(form);
    if (!v) return;
    const draft: Args<'awards.create'> = {
      year: v.year,
      title: v.title,
      targetType: v.targetType,
      allianceId: v.allianceId ?? null,
      schoolId: v.schoolId ?? null,
      personName: v.personName ?? null,
      issuingBody: v.issuingBody ?? null,
      documentNumber: v.documentNumber ?? null,
      awardedOn: fromDayjs(v.awardedOn),
      notes: v.notes ?? null,
    };
    try {
      if (award) await update.mutateAsync({ id: award.id, rowVersion: award.rowVersion, draft });
      else await create.mutateAsync(draft);
      message.success(award ? '已保存' : '已登记表彰');
      onClose();
    } catch (e) {
      if (showEditConflict(modal, e, { mine: draft, reload })) return;
      message.error(applyFieldErrors(form, e));
    }
  }

  const years = yearOptions();
  if (award && !years.some((y) => y.value === award.year)) years.push({ value: award.year, label: `${award.year}年` });
  const titles = commonAwardTitles.filter((t) => !title || t.includes(title)).map((t) => ({ value: t }));

  return (
    <FormDrawer
      title={award ? `编辑表彰：${award.title}` : '登记表彰'}
      open={open}
      onClose={onClose}
      onSave={submit}
      saving={create.isPending || update.isPending}
      width={560}
    >
      <Form form={form} layout="vertical">
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="year" label="年度" rules={[{ required: true, message: '请选择年度' }]}>
              <Select options={years} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="title" label="表彰名称" rules={[{ required: true, whitespace: true, message: '请填写表彰名称' }]}>
              <AutoComplete options={titles} placeholder="如：优秀城乡教育联盟" maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="targetType" label="表彰对象" rules={[{ required: true, message: '请选择表彰对象类型' }]}>
          <Radio.Group options={targetOptions} optionType="button" />
        </Form.Item>
        {targetType === 'alliance' ? (
          <Form.Item name="allianceId" label="受表彰的联盟" rules={[{ required: true, message: '请选择受表彰的联盟' }]}>
            <AllianceSelect known={award?.allianceId ? [{ id: award.allianceId, name: award.allianceName ?? '' }] : []} />
          </Form.Item>
        ) : null}
        {targetType === 'school' ? (
          <Form.Item name="schoolId" label="受表彰的学校" rules={[{ required: true, message: '请选择受表彰的学校' }]}>
            <SchoolSelect known={award?.schoolId ? [{ id: award.schoolId, name: award.schoolName ?? '' }] : []} />
          </Form.Item>
        ) : null}
        {targetType === 'person' ? (
          <Row gutter={16}>
            <Col span={10}>
              <Form.Item name="personName" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写受表彰人的姓名' }]}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col span={14}>
              <Form.Item name="schoolId" label="工作单位">
                <SchoolSelect allowClear known={award?.schoolId ? [{ id: award.schoolId, name: award.schoolName ?? '' }] : []} />
              </Form.Item>
            </Col>
          </Row>
        ) : null}
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="issuingBody" label="发文单位">
              <Input maxLength={200} placeholder="如：市教育局" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="documentNumber" label="文号">
              <Input maxLength={100} placeholder="如：宝教发〔2026〕12号" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="awardedOn" label="表彰日期">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="notes" label="备注">
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
