// Building alliances in memory: unique names, members with join dates, and the choice of
// lead and member schools (strong urban schools lead; rural, weak and new schools join).
import type { AllianceKind, Stage } from '../../api/enums';
import { between, day } from './calendar';
import type { Alliance, County, Member, RegionRec, School } from './model';
import type { Rng } from './prng';

export const memberStages: Partial<Record<Stage, Stage[]>> = {
  primary: ['primary', 'nine_year'],
  junior: ['junior', 'nine_year'],
  nine_year: ['primary', 'junior', 'nine_year'],
  kindergarten: ['kindergarten'],
  senior: ['senior', 'complete_secondary'],
  complete_secondary: ['senior', 'complete_secondary', 'junior'],
  special: ['special'],
};

export interface AllianceDraft {
  name: string;
  kind: AllianceKind;
  modes: string[];
  lead: School | null;
  members: School[];
  established: number;
  home: County;
  leadRegion?: RegionRec;
  regions?: RegionRec[];
  pool?: Member[];
  notes?: string | null;
  /** Seed alliances keep all their members for good and never fall short on purpose. */
  seed?: boolean;
}

export class AllianceBuilder {
  readonly alliances: Alliance[] = [];
  private readonly names = new Set<string>();

  constructor(
    readonly rng: Rng,
    readonly today: number,
  ) {}

  uniqueName(name: string): string {
    if (!this.names.has(name)) return name;
    for (let i = 2; ; i++) {
      const alt = `${name}（${i}）`;
      if (!this.names.has(alt)) return alt;
    }
  }

  /** A plausible establishment date in one of the weighted years, never in the last two months. */
  establishedIn(years: readonly (readonly [number, number])[]): number {
    const y = this.rng.weighted(years);
    const d = this.rng.chance(0.6) ? day(y, 9, 1) + this.rng.int(0, 45) : day(y, 3, 1) + this.rng.int(0, 40);
    return Math.min(d, this.today - 60);
  }

  add(draft: AllianceDraft): Alliance {
    const { rng } = this;
    // A group led by a new school starts once the school has opened.
    const opened = draft.lead?.openedOn ?? null;
    const d = opened !== null && opened > draft.established ? { ...draft, established: opened } : draft;
    const name = this.uniqueName(d.name);
    this.names.add(name);
    const members: Member[] = [];
    if (d.lead) {
      members.push({ school: d.lead, role: 'lead', joined: d.established, left: null });
      d.lead.memberships++;
    }
    for (const [i, s] of d.members.entries()) {
      // The first member is there from the start and stays (unless its school closes), so
      // that the alliance always has a pair of schools; others may join later or leave.
      const varies = !d.seed && i > 0;
      let joined = d.established;
      if (varies && rng.chance(0.1)) joined = Math.min(this.today - 30, d.established + rng.int(120, 900));
      // A new school joins once it has opened.
      if (s.openedOn !== null && s.openedOn > joined) joined = s.openedOn;
      let left: number | null = null;
      if (s.closedOn !== null) left = s.closedOn > joined ? s.closedOn : null;
      else if (varies && rng.chance(0.04) && this.today - joined > 400) left = between(rng, joined + 365, this.today - 30);
      if (s.closedOn !== null && left === null) continue;
      members.push({ school: s, role: 'member', joined, left });
      s.memberships++;
    }
    let dissolved: number | null = null;
    if (!d.seed && rng.chance(0.03) && this.today - d.established > 500) {
      dissolved = between(rng, d.established + 365, this.today - 30);
    }
    const lax = !d.seed && rng.chance(0.08);
    const alliance: Alliance = {
      id: rng.uuid(),
      name,
      kind: d.kind,
      modes: d.modes,
      lead: d.lead,
      leadRegion: d.leadRegion ?? null,
      regions: d.regions ?? [],
      established: d.established,
      dissolved,
      members,
      pool: d.pool ?? members,
      home: d.home,
      lax,
      intensity: lax ? 0 : Math.exp(0.35 * rng.normal()),
      notes:
        dissolved !== null
          ? rng.pick(['因成员校撤并，联盟撤销', '已整合为教育集团，原联盟撤销', '按县区教育布局调整，联盟撤销'])
          : (d.notes ?? null),
    };
    this.alliances.push(alliance);
    return alliance;
  }

  /** Schools that could lead a group in a county, strongest first with some shuffling. */
  leadCandidates(county: County, n: number, taken: Set<School>): School[] {
    const { rng } = this;
    const pool = county.schools.filter(
      (s) => s.closedOn === null && !taken.has(s) && s.stage !== 'vocational' && s.stage !== 'special' && memberStages[s.stage],
    );
    const ranked = pool
      .map((s) => ({ s, score: s.strength * (0.6 + rng.next() * 0.8) }))
      .sort((a, b) => b.score - a.score)
      .map((x) => x.s);
    return ranked.slice(0, n);
  }

  /** Member schools for a lead: compatible stages, favouring schools in no group yet, weak and rural ones. */
  pickMembers(lead: School, from: County[], k: number, exclude: Set<School>): School[] {
    const { rng } = this;
    const stages = memberStages[lead.stage] ?? [lead.stage];
    const scored: { s: School; score: number }[] = [];
    for (const county of from) {
      for (const s of county.schools) {
        if (s === lead || exclude.has(s) || !stages.includes(s.stage)) continue;
        if (s.closedOn !== null && rng.next() > 0.3) continue;
        const score =
          (s.memberships === 0 ? 10 : s.memberships === 1 ? 1 : -5) +
          (s.weak ? 3 : 0) +
          (s.locality === 'rural' ? 2 : s.locality === 'town' ? 1 : 0) +
          (s.isNew ? 2 : 0) -
          s.strength * 0.3 +
          rng.next() * 4;
        scored.push({ s, score });
      }
    }
    scored.sort((a, b) => b.score - a.score);
    return scored.slice(0, k).map((x) => x.s);
  }

  /** Quality of the alliance's work this year is unknown until activities exist; this just names modes. */
  modesFor(kind: AllianceKind): string[] {
    const { rng } = this;
    const first = rng.weighted<string>(
      kind === 'education_group'
        ? [['close', 4], ['leading', 3], ['merged', 1.5], ['multi_campus', 1], ['entrusted', 0.7]]
        : kind === 'community'
          ? [['co_built', 4], ['merged', 1]]
          : kind === 'featured_alliance'
            ? [['close', 1]]
            : [['leading', 4], ['project', 2], ['co_built', 2], ['close', 1]],
    );
    if (!rng.chance(0.25)) return [first];
    const second = rng.pick(['project', 'co_built', 'leading'].filter((m) => m !== first));
    return [first, second];
  }
}

export function shortName(school: School): string {
  return school.name.replace(/^(宝鸡市|江门市|海宁市)/, '');
}
