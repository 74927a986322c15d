import { App, AutoComplete, Col, DatePicker, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { FormDrawer } from '../../components/FormDrawer';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import type { Activity } from '../../../electron/api/activities';
import { defaultSettings } from '../../../electron/api/settings';
import type { Attachment } from '../../../electron/api/system';
import { termLabel, termOf } from '../../../electron/api/terms';
import { useApi, useApiMutation } from '../../api/hooks';
import { applyFieldErrors } from '../../components/form-errors';
import { AllianceSelect, SchoolSelect } from '../../components/pickers';
import { fromDayjs, toDayjs } from '../../format';
import { AttachmentField } from './AttachmentField';
import { categoryOptions, useFormOptions } from './labels';
import { showEditConflict, useReloadable } from '../../components/EditConflict';

interface Props {
  open: boolean;
  activity: Activity | null;
  /** Pre-fills a new activity, e.g. from an alliance's page. */
  defaults?: { allianceId?: string; allianceName?: string };
  onClose: () => void;
}

export function ActivityForm({ open, activity: opened, defaults, onClose }: Props) {
  const [form] = Form.useForm();
  const { message, modal } = App.useApp();
  // After 以当前值为准重新编辑 the form edits the current record (with its new version).
  const [activity, reload] = useReloadable(open, opened);
  const create = useApiMutation('activities.create');
  const update = useApiMutation('activities.update');
  const settings = useApi('settings.get', {});
  const formOptions = useFormOptions();
  const allianceId = Form.useWatch('allianceId', form) as string | undefined;
  const date = Form.useWatch('date', form) as Dayjs | null | undefined;
  // A county alliance's members are counties: its schools are not listed as members.
  const alliance = useApi('alliances.get', { id: allianceId ?? '' }, { enabled: open && !!allianceId });
  const memberFilter = alliance.data?.kind === 'county_alliance' ? undefined : allianceId;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (activity) {
      form.setFieldsValue({
        ...activity,
        date: toDayjs(activity.date),
        participatingSchoolIds: activity.participatingSchools.map((s) => s.id),
      });
    } else if (defaults?.allianceId) {
      form.setFieldsValue({ allianceId: defaults.allianceId });
    }
  }, [open, activity, defaults?.allianceId, form]);

  async function submit() {
    // Field messages are already shown under the fields when this rejects.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const draft = {
      allianceId: v.allianceId,
      date: fromDayjs(v.date) ?? '',
      category: v.category,
      form: v.form?.trim() || null,
      title: v.title,
      hostSchoolId: v.hostSchoolId ?? null,
      participatingSchoolIds: v.participatingSchoolIds ?? [],
      participants: v.participants ?? null,
      isLeadershipVisit: !!v.isLeadershipVisit,
      isOnline: !!v.isOnline,
      summary: v.summary ?? null,
      outcome: v.outcome ?? null,
      notes: v.notes ?? null,
      attachmentIds: ((v.attachments ?? []) as Attachment[]).map((a) => a.id),
    };
    try {
      if (activity) await update.mutateAsync({ id: activity.id, rowVersion: activity.rowVersion, draft });
      else await create.mutateAsync(draft);
      message.success(activity ? '已保存' : '已登记活动');
      onClose();
    } catch (e) {
      if (showEditConflict(modal, e, { mine: draft, reload })) return;
      message.error(applyFieldErrors(form, e, { attachmentIds: 'attachments', 'draft.attachmentIds': 'attachments' }));
    }
  }

  const terms = settings.data?.terms ?? defaultSettings.terms;
  const term = date ? termOf(date.format('YYYY-MM-DD'), terms) : null;
  const knownSchools = activity
    ? [
        ...(activity.hostSchoolId ? [{ id: activity.hostSchoolId, name: activity.hostSchoolName ?? '' }] : []),
        ...activity.participatingSchools,
      ]
    : [];
  const knownAlliance = activity
    ? [{ id: activity.allianceId, name: activity.allianceName }]
    : defaults?.allianceId && defaults.allianceName
      ? [{ id: defaults.allianceId, name: defaults.allianceName }]
      : [];

  return (
    <FormDrawer
      title={activity ? `编辑活动：${activity.title}` : '登记交流活动'}
      open={open}
      onClose={onClose}
      onSave={submit}
      saving={create.isPending || update.isPending}
      width={720}
    >
      <Form form={form} layout="vertical" initialValues={{ isLeadershipVisit: false, isOnline: false, participatingSchoolIds: [], attachments: [] }}>
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item
              name="allianceId"
              label="所属联盟"
              rules={[{ required: true, message: '请选择联盟' }]}
              extra={memberFilter ? '承办学校和参与学校只列出本联盟的成员校（含已退出的）' : undefined}
            >
              <AllianceSelect known={knownAlliance} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="date"
              label="活动日期"
              rules={[{ required: true, message: '请填写活动日期' }]}
              extra={date ? (term ? `属于 ${termLabel(term)}` : '假期中，不属于任何学期') : '学期由日期按设置中的学期起止自动确定'}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs().add(1, 'year'), 'day')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="title" label="活动主题" rules={[{ required: true, whitespace: true, message: '请填写活动主题' }]}>
              <Input maxLength={200} placeholder="如：初中数学“大单元教学”同课异构" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="category" label="活动类别" rules={[{ required: true, message: '请选择活动类别' }]}>
              <Select options={categoryOptions} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="form" label="活动形式" extra="可从列表选择，也可直接输入">
              <AutoComplete
                options={formOptions}
                allowClear
                maxLength={50}
                placeholder="如：同课异构"
                showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="participants" label="参与人数">
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="hostSchoolId" label="承办学校">
              <SchoolSelect allowClear allianceId={memberFilter} known={knownSchools} disabled={!allianceId} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="participatingSchoolIds" label="参与学校">
              <SchoolSelect mode="multiple" allianceId={memberFilter} known={knownSchools} disabled={!allianceId} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="isLeadershipVisit" label="校级领导互访" valuePropName="checked" extra="计入每学期领导互访次数">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="isOnline" label="活动方式" valuePropName="checked">
              <Switch checkedChildren="线上" unCheckedChildren="线下" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="summary" label="活动内容">
              <Input.TextArea rows={3} maxLength={2000} showCount />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="outcome" label="活动成效">
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label="备注">
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="attachments" label="附件">
              <AttachmentField />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
