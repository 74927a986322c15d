import { Alert, Card } from 'antd';
import type { NavItem } from '../../navigation';
import { PageHeader } from '../../components/PageHeader';

/** An area of the ledger whose screens come in a later version; says what it will hold. */
export function PlannedPage({ item }: { item: NavItem }) {
  return (
    <>
      <PageHeader title={item.label} />
      <Card>
        <Alert type="info" showIcon title="此功能将在后续版本中提供" description={item.planned} />
      </Card>
    </>
  );
}
