/** Checked-in people of one email domain, with or without a government sector on their profile. */
export interface AttendeeGroup {
  domain: string | null;
  governmentSector: boolean;
  people: number;
}

/** The agency directory's answer for a domain: the agency that owns it. */
type Owner = { slug: string; name?: string } | undefined;

const isGovernmentDomain = (domain: string) => /\.(gov|mil)$/.test(domain);

/** The distinct domains of these groups: what to ask the agency directory about. */
export const attendeeDomains = (groups: readonly AttendeeGroup[]) => [
  ...new Set(groups.map((g) => g.domain).filter((d): d is string => !!d)),
];

/**
 * Who counts as a government attendee, in one place for the door counts and the impact figures: a
 * person whose profile's sector is a level of government, or whose email's domain belongs to an
 * agency in the directory or ends in .gov or .mil. Each such domain's agency is the directory's
 * owning it, otherwise the full domain (`dmv.ca.gov` and `cdt.ca.gov` are two), keyed and named.
 */
export function governmentAttendance(groups: readonly AttendeeGroup[], ownerOf: (domain: string) => Owner) {
  let government = 0;
  let other = 0;
  const agencies = new Map<string, string>();
  for (const g of groups) {
    const owner = g.domain ? ownerOf(g.domain) : undefined;
    const govDomain = !!g.domain && (!!owner || isGovernmentDomain(g.domain));
    if (govDomain) agencies.set(owner ? `agency:${owner.slug}` : `domain:${g.domain}`, owner?.name ?? g.domain!);
    if (g.governmentSector || govDomain) government += g.people;
    else other += g.people;
  }
  return { government, other, agencies };
}
