// The roster of one alliance: schools (or counties of a county alliance), their role and
// when they joined and left. Members who left stay listed as history.
import { App, Button, Checkbox, DatePicker, Form, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { Alliance, AllianceMember } from '../../../electron/api/alliances';
import { localities, memberRoles, stages } from '../../../electron/api/enums';
import { useApi, useApiMutation } from '../../api/hooks';
import { showEditConflict, useReloadable } from '../../components/EditConflict';
import { applyFieldErrors } from '../../components/form-errors';
import { CountySelect, SchoolSelect } from '../../components/pickers';
import { fmtDate, fromDayjs, toDayjs } from '../../format';

const pageSize = 50;

export function AllianceMembers({ alliance }: { alliance: Alliance }) {
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [includeLeft, setIncludeLeft] = useState(true);
  const [editing, setEditing] = useState<AllianceMember | 'new' | null>(null);
  const remove = useApiMutation('alliances.removeMember');
  const { data, isFetching } = useApi('alliances.members', { allianceId: alliance.id, page, pageSize, includeLeft });
  const today = dayjs().format('YYYY-MM-DD');
  const isCounty = alliance.kind === 'county_alliance';

  return (
    <>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 8 }}>
        <Typography.Text type="secondary">
          当前成员 {alliance.memberCount} 个{alliance.regionNames.length ? `，分布在 ${alliance.regionNames.join('、')}` : ''}
        </Typography.Text>
        <div style={{ flex: 1 }} />
        <Checkbox
          checked={includeLeft}
          onChange={(e) => {
            setIncludeLeft(e.target.checked);
            setPage(1);
          }}
        >
          显示已退出的成员
        </Checkbox>
        <Button type="primary" onClick={() => setEditing('new')}>
          {isCounty ? '添加成员县区' : '添加成员学校'}
        </Button>
      </div>
      <Table<AllianceMember>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.rows ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          onChange: setPage,
          hideOnSinglePage: true,
          showTotal: (t) => `共 ${t} 个`,
        }}
        columns={[
          {
            key: 'name',
            title: isCounty ? '成员县区' : '成员学校',
            render: (_, m) => (
              <Space size={4}>
                <span>{m.schoolName ?? m.regionName}</span>
                {m.leftOn && m.leftOn <= today ? <Tag>已退出</Tag> : null}
                {m.schoolClosedOn && m.schoolClosedOn <= today ? <Tag>已撤并 {m.schoolClosedOn}</Tag> : null}
              </Space>
            ),
          },
          {
            key: 'role',
            title: '角色',
            render: (_, m) => (m.role === 'lead' ? <Tag color="blue">{isCounty ? '主任县区' : '牵头校'}</Tag> : memberRoles.label(m.role)),
          },
          ...(isCounty
            ? []
            : [
                { key: 'county', title: '所在县区', render: (_: unknown, m: AllianceMember) => m.regionName ?? '—' },
                { key: 'stage', title: '学段', render: (_: unknown, m: AllianceMember) => stages.label(m.stage) || '—' },
                { key: 'locality', title: '城乡', render: (_: unknown, m: AllianceMember) => localities.label(m.locality) || '—' },
              ]),
          { key: 'joinedOn', title: '加入时间', render: (_, m) => fmtDate(m.joinedOn) },
          { key: 'leftOn', title: '退出时间', render: (_, m) => fmtDate(m.leftOn) },
          {
            key: 'actions',
            title: '操作',
            render: (_, m) => (
              <Space>
                <a onClick={() => setEditing(m)}>编辑</a>
                <Popconfirm
                  title={`把“${m.schoolName ?? m.regionName}”移出本联盟？`}
                  description="只是录错了才移除；成员退出请填写退出时间，历史记录会保留"
                  onConfirm={async () => {
                    try {
                      await remove.mutateAsync({ id: m.id });
                      message.success('已移除，可在回收站恢复');
                    } catch (e) {
                      message.error((e as Error).message);
                    }
                  }}
                >
                  <a>移除</a>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <MemberForm alliance={alliance} member={editing} onClose={() => setEditing(null)} />
    </>
  );
}

function MemberForm({ alliance, member: opened, onClose }: { alliance: Alliance; member: AllianceMember | 'new' | null; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message, modal } = App.useApp();
  const [member, reload] = useReloadable<AllianceMember | 'new'>(opened !== null, opened);
  const add = useApiMutation('alliances.addMember');
  const update = useApiMutation('alliances.updateMember');
  const isCounty = alliance.kind === 'county_alliance';
  const isNew = member === 'new';

  useEffect(() => {
    if (!member) return;
    form.resetFields();
    if (member !== 'new') form.setFieldsValue({ role: member.role, joinedOn: toDayjs(member.joinedOn), leftOn: toDayjs(member.leftOn) });
  }, [member, form]);

  async function submit() {
    const v = await form.validateFields();
    const terms = { role: v.role, joinedOn: fromDayjs(v.joinedOn), leftOn: fromDayjs(v.leftOn) };
    try {
      if (member === 'new') {
        await add.mutateAsync({
          allianceId: alliance.id,
          member: { ...terms, ...(isCounty ? { regionId: v.regionId } : { schoolId: v.schoolId }) },
        });
        message.success('已添加成员');
      } else if (member) {
        try {
          await update.mutateAsync({ id: member.id, rowVersion: member.rowVersion, terms });
        } catch (e) {
          if (showEditConflict<AllianceMember>(modal, e, { mine: terms, reload })) return;
          throw e;
        }
        message.success('已保存');
      }
      onClose();
    } catch (e) {
      message.error(applyFieldErrors(form, e, { 'member.schoolId': 'schoolId', 'member.regionId': 'regionId', 'member.leftOn': 'leftOn', 'terms.leftOn': 'leftOn' }));
    }
  }

  const title = isNew ? (isCounty ? '添加成员县区' : '添加成员学校') : `编辑成员：${member ? (member.schoolName ?? member.regionName) : ''}`;
  return (
    <Modal
      title={title}
      open={member !== null}
      onCancel={onClose}
      onOk={submit}
      okText="保存"
      confirmLoading={add.isPending || update.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ role: 'member' }}>
        {isNew ? (
          isCounty ? (
            <Form.Item name="regionId" label="成员县区" rules={[{ required: true, message: '请选择县（市、区）' }]}>
              <CountySelect />
            </Form.Item>
          ) : (
            <Form.Item name="schoolId" label="成员学校" rules={[{ required: true, message: '请选择学校' }]}>
              <SchoolSelect />
            </Form.Item>
          )
        ) : null}
        <Form.Item
          name="role"
          label="角色"
          extra={isCounty ? '设为牵头后，它成为本联盟的主任县区' : '设为牵头后，它成为本联盟的牵头学校，原牵头校改为成员'}
        >
          <Select options={memberRoles.codes.map((c) => ({ value: c, label: memberRoles.labels[c] }))} />
        </Form.Item>
        <Space size={16}>
          <Form.Item name="joinedOn" label="加入时间">
            <DatePicker />
          </Form.Item>
          <Form.Item name="leftOn" label="退出时间" extra="退出后不再计入成员数">
            <DatePicker />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
