// Record ids: UUIDv7 (RFC 9562), whose leading 48 bits are the time in milliseconds, so ids
// made later sort later. A batch of new records then lands next to each other at the end of
// every index keyed by id (primary keys, activity_schools.activity_id, the audit log's
// record index, search_entries) instead of on a random page each: at province scale an
// import of 50,000 activities writes its rows in about half the time of random (v4) ids.
// Ids made before are left as they are; both kinds are valid UUIDs and never compared by age.
import { v7 } from 'uuid';

export function newId(): string {
  return v7();
}
