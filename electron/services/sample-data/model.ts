// The in-memory picture of the sample ledger while it is being generated.
import type { AllianceKind, Locality, RegionLevel, Stage } from '../../api/enums';
import type { CountySpec } from './places';

export type Scale = 'county' | 'city' | 'province';
export type Area = 'baoji' | 'jiangmen' | 'haining' | 'henan';

export interface RegionRec {
  id: string;
  name: string;
  code: string | null;
  level: RegionLevel;
  parentId: string | null;
}

export interface County {
  region: RegionRec;
  area: Area;
  /** 4-digit city code (6103), for phone area codes and document prefixes. */
  cityCode: string;
  cityName: string;
  /** What school names start with: 宝鸡市渭滨区, 凤县, 恩平市. */
  prefix: string;
  isDistrict: boolean;
  spec: CountySpec;
  schools: School[];
}

export interface School {
  id: string;
  name: string;
  county: County;
  stage: Stage;
  locality: Locality;
  weak: boolean;
  isNew: boolean;
  openedOn: number | null;
  closedOn: number | null;
  students: number;
  teachers: number;
  principal: string;
  /** How likely the school is to lead a group (urban, large, not weak). */
  strength: number;
  memberships: number;
}

export interface Member {
  school: School;
  role: 'lead' | 'member';
  joined: number;
  left: number | null;
}

export interface Alliance {
  id: string;
  name: string;
  kind: AllianceKind;
  modes: string[];
  lead: School | null;
  /** 主任县区 and the member counties of a county alliance. */
  leadRegion: RegionRec | null;
  regions: RegionRec[];
  established: number;
  dissolved: number | null;
  members: Member[];
  /** Schools that host and attend activities (members, or schools of the member counties). */
  pool: Member[];
  home: County;
  /** An alliance that often falls short of its term quotas. */
  lax: boolean;
  /** Relative activity level. */
  intensity: number;
  notes: string | null;
}

export interface Sample {
  scale: Scale;
  seed: number;
  today: number;
  /** First day of the ledger's history. */
  historyStart: number;
  counties: County[];
  schools: School[];
  alliances: Alliance[];
  regionsByCode: Map<string, RegionRec>;
  home: RegionRec;
}

/** Sizes of each scale (domain.md, "Scale to plan for"). */
export interface ScalePlan {
  baojiSchools: number;
  pengjiangSchools: number;
  enpingSchools: number;
  hainingSchools: number;
  henanSchools: number;
  baojiAlliances: number;
  featured: number;
  jiangmenGroups: number;
  henanGroups: number;
  activities: number;
  exchanges: number;
  /** School years of history before the current one. */
  years: number;
}

export const plans: Record<Scale, ScalePlan> = {
  county: {
    baojiSchools: 165, pengjiangSchools: 26, enpingSchools: 24, hainingSchools: 36, henanSchools: 0,
    baojiAlliances: 21, featured: 2, jiangmenGroups: 8, henanGroups: 0,
    activities: 5_000, exchanges: 400, years: 5,
  },
  city: {
    baojiSchools: 770, pengjiangSchools: 85, enpingSchools: 75, hainingSchools: 72, henanSchools: 0,
    baojiAlliances: 236, featured: 4, jiangmenGroups: 40, henanGroups: 0,
    activities: 40_000, exchanges: 3_000, years: 5,
  },
  province: {
    baojiSchools: 770, pengjiangSchools: 85, enpingSchools: 75, hainingSchools: 72, henanSchools: 11_000,
    baojiAlliances: 236, featured: 4, jiangmenGroups: 40, henanGroups: 3_200,
    activities: 500_000, exchanges: 34_000, years: 10,
  },
};
