// Sample data modeled on the seeds — see README of this folder. (Being written.)
import type { Db } from '../../../db/connection';
import type { Clock } from '../../api/context';
import type { Progress } from '../../api/common';

export interface SampleOptions {
  clock: Clock;
  progress?: (p: Progress) => void;
  signal?: AbortSignal;
}

export async function loadSampleData(
  _db: Db,
  _input: { scale: 'county' | 'city' | 'province'; seed: number },
  _options: SampleOptions,
): Promise<void> {
  throw new Error('sample data: not written yet');
}
