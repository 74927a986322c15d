import { App, Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { FormDrawer } from '../../components/FormDrawer';
import { useEffect } from 'react';
import type { Alliance } from '../../../electron/api/alliances';
import { allianceKinds, allianceStatuses, qualityRatings } from '../../../electron/api/enums';
import { useApi, useApiMutation } from '../../api/hooks';
import { applyFieldErrors } from '../../components/form-errors';
import { CountySelect, SchoolSelect } from '../../components/pickers';
import { fromDayjs, toDayjs } from '../../format';
import { modeOptions } from './labels';
import { showEditConflict, useReloadable } from '../../components/EditConflict';

interface Props {
  open: boolean;
  alliance: Alliance | null;
  onClose: () => void;
  onSaved?: (a: Alliance) => void;
}

const dateFields = ['establishedOn', 'agreementSignedOn', 'planFiledOn', 'dissolvedOn'] as const;

export function AllianceForm({ open, alliance: opened, onClose, onSaved }: Props) {
  const [form] = Form.useForm();
  const { message, modal } = App.useApp();
  // After 以当前值为准重新编辑 the form edits the current record (with its new version).
  const [alliance, reload] = useReloadable(open, opened);
  const create = useApiMutation('alliances.create');
  const update = useApiMutation('alliances.update');
  const settings = useApi('settings.get', {});
  const kind = Form.useWatch('kind', form);
  const status = Form.useWatch('status', form);
  const isCounty = kind === 'county_alliance';

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (alliance) {
      form.setFieldsValue({
        ...alliance,
        ...Object.fromEntries(dateFields.map((f) => [f, toDayjs(alliance[f])])),
      });
    }
  }, [open, alliance, form]);

  async function submit() {
    const v = await form.validateFields();
    const county = v.kind === 'county_alliance';
    const memberIds: string[] = (county ? v.memberRegionIds : v.memberSchoolIds) ?? [];
    const draft = {
      name: v.name,
      kind: v.kind,
      modes: v.modes ?? [],
      leadSchoolId: county ? null : (v.leadSchoolId ?? null),
      leadRegionId: county ? (v.leadRegionId ?? null) : null,
      ...Object.fromEntries(dateFields.map((f) => [f, fromDayjs(v[f])])),
      status: v.status,
      dissolvedOn: v.status === 'dissolved' ? fromDayjs(v.dissolvedOn) : null,
      notes: v.notes,
      qualityRatings: (v.qualityRatings ?? []).filter((r: { rating?: string; year?: number }) => r?.rating && r?.year),
      ...(alliance ? {} : { members: memberIds.map((id) => (county ? { regionId: id } : { schoolId: id })) }),
    };
    // Refusals about one initial member ("members.3.schoolId") belong under the members field.
    const memberField = county ? 'memberRegionIds' : 'memberSchoolIds';
    const fieldMap = Object.fromEntries(
      memberIds.flatMap((_, i) => ['schoolId', 'regionId', 'role'].map((k) => [`members.${i}.${k}`, memberField])),
    );
    try {
      const saved = alliance ? await update.mutateAsync({ id: alliance.id, rowVersion: alliance.rowVersion, draft }) : await create.mutateAsync(draft);
      message.success(alliance ? '已保存' : '已添加联盟');
      onSaved?.(saved);
      onClose();
    } catch (e) {
      if (showEditConflict(modal, e, { mine: draft, reload })) return;
      message.error(applyFieldErrors(form, e, fieldMap));
    }
  }

  return (
    <FormDrawer
      title={alliance ? `编辑联盟：${alliance.name}` : '新增联盟'}
      open={open}
      onClose={onClose}
      onSave={submit}
      saving={create.isPending || update.isPending}
      width={720}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'school_alliance', status: 'active', modes: [], qualityRatings: [] }}
        onValuesChange={(changed) => {
          // The lead is a school, or a county for a county alliance: switching kind clears the other.
          if ('kind' in changed) form.setFieldsValue({ leadSchoolId: undefined, leadRegionId: undefined, memberSchoolIds: [], memberRegionIds: [] });
        }}
      >
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item name="name" label="联盟名称" rules={[{ required: true, whitespace: true, message: '请填写联盟名称' }]}>
              <Input maxLength={100} placeholder="如：宝鸡市实验小学教育集团" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="kind" label="联盟类型" rules={[{ required: true, message: '请选择联盟类型' }]}>
              <Select options={allianceKinds.codes.map((c) => ({ value: c, label: allianceKinds.labels[c] }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            {isCounty ? (
              <Form.Item name="leadRegionId" label="主任县区" extra="县区联盟由主任县区牵头，成员是县（市、区）">
                <CountySelect allowClear />
              </Form.Item>
            ) : (
              <Form.Item name="leadSchoolId" label="牵头学校" extra="牵头学校自动成为本联盟成员">
                <SchoolSelect
                  allowClear
                  known={alliance?.leadSchoolId ? [{ id: alliance.leadSchoolId, name: alliance.leadSchoolName ?? '' }] : []}
                />
              </Form.Item>
            )}
          </Col>
          <Col span={12}>
            <Form.Item name="modes" label="办学模式">
              <Select mode="multiple" allowClear options={modeOptions(settings.data?.extraModes ?? [])} placeholder="可多选" />
            </Form.Item>
          </Col>
          {alliance ? null : (
            <Col span={24}>
              {isCounty ? (
                <Form.Item name="memberRegionIds" label="成员县区" extra="主任县区不必重复选择；以后可在联盟详情中增减成员">
                  <CountySelect mode="multiple" allowClear placeholder="选择成员县（市、区）" />
                </Form.Item>
              ) : (
                <Form.Item name="memberSchoolIds" label="成员学校" extra="牵头学校不必重复选择；以后可在联盟详情中增减成员">
                  <SchoolSelect mode="multiple" allowClear placeholder="输入校名搜索，可多选" />
                </Form.Item>
              )}
            </Col>
          )}
          <Col span={8}>
            <Form.Item name="establishedOn" label="成立时间">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="agreementSignedOn" label="协议签订">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="planFiledOn" label="实施方案备案">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="status" label="状态">
              <Select options={allianceStatuses.codes.map((c) => ({ value: c, label: allianceStatuses.labels[c] }))} />
            </Form.Item>
          </Col>
          {status === 'dissolved' ? (
            <Col span={8}>
              <Form.Item name="dissolvedOn" label="撤销日期" rules={[{ required: true, message: '已撤销的联盟请填写撤销日期' }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ) : null}
          <Col span={24}>
            <Form.Item label="优质集团认定">
              <Form.List name="qualityRatings">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((field) => (
                      <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                        <Form.Item name={[field.name, 'rating']} rules={[{ required: true, message: '请选择认定类别' }]}>
                          <Select
                            style={{ width: 180 }}
                            placeholder="认定类别"
                            options={qualityRatings.codes.map((c) => ({ value: c, label: qualityRatings.labels[c] }))}
                          />
                        </Form.Item>
                        <Form.Item name={[field.name, 'year']} rules={[{ required: true, message: '请填写认定年份' }]}>
                          <InputNumber min={2000} max={2100} precision={0} placeholder="年份" style={{ width: 110 }} suffix="年" />
                        </Form.Item>
                        <a onClick={() => remove(field.name)}>删除</a>
                      </Space>
                    ))}
                    <Button type="dashed" onClick={() => add({ year: new Date().getFullYear() })}>
                      添加认定
                    </Button>
                  </>
                )}
              </Form.List>
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label="备注">
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
