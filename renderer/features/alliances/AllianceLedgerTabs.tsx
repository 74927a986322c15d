// The ledgers of one alliance on its detail page: its roster and annual plans, and the
// activity and teacher-exchange ledgers that the activities and teacher-exchanges
// features provide (each takes { allianceId }).
import { Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import type { Alliance } from '../../../electron/api/alliances';
import { AllianceActivities } from '../activities/AllianceActivities';
import { AllianceTeacherExchanges } from '../teacher-exchanges/AllianceTeacherExchanges';
import { AllianceProblems } from '../problems/AllianceProblems';
import { AllianceMembers } from './AllianceMembers';
import { AnnualPlans } from './AnnualPlans';

export function AllianceLedgerTabs({ alliance }: { alliance: Alliance }) {
  // The open tab lives in the URL (?tab=plans), so a link can open the page at a ledger.
  const [search, setSearch] = useSearchParams();
  return (
    <Tabs
      activeKey={search.get('tab') ?? 'members'}
      onChange={(tab) => setSearch({ tab }, { replace: true })}
      items={[
        { key: 'members', label: `成员（${alliance.memberCount}）`, children: <AllianceMembers alliance={alliance} /> },
        { key: 'plans', label: '年度计划', children: <AnnualPlans allianceId={alliance.id} /> },
        { key: 'activities', label: '交流活动', children: <AllianceActivities allianceId={alliance.id} /> },
        { key: 'teacher-exchanges', label: '教师交流', children: <AllianceTeacherExchanges allianceId={alliance.id} /> },
        { key: 'problems', label: '问题清单', children: <AllianceProblems allianceId={alliance.id} /> },
      ]}
    />
  );
}
