import { sql } from 'drizzle-orm';
import { rows } from '../../db/client';
import type { Deps } from '../../platform/http/context';
import { ensurePerson, grantRole } from '../people/service';
import { jobs } from './schema';
import { guideSeeds } from './guides';
import type { ImportItem } from './importers/types';
import { activeRules, classify, columnsFrom, getAgencyBySlug, parseSalaryText, upsertAgency, upsertGuide, type AgencyInput } from './service';
import { laTime } from './service/normalize';

/** The Los Angeles region's public employers. */
export const demoAgencies: AgencyInput[] = [
  { slug: 'city-of-los-angeles', name: 'City of Los Angeles', nameEs: 'Ciudad de Los Ángeles', level: 'city', website: 'https://lacity.gov', careersUrl: 'https://personnel.lacity.gov', emailDomains: ['lacity.org', 'lacity.gov'] },
  { slug: 'la-information-technology-agency', name: 'Information Technology Agency (City of LA)', nameEs: 'Agencia de Tecnología de la Información (Ciudad de LA)', level: 'city', parent: 'city-of-los-angeles', website: 'https://ita.lacity.gov', emailDomains: ['lacity.org'] },
  { slug: 'ladot', name: 'Los Angeles Department of Transportation', nameEs: 'Departamento de Transporte de Los Ángeles', level: 'city', parent: 'city-of-los-angeles', website: 'https://ladot.lacity.gov' },
  { slug: 'ladwp', name: 'Los Angeles Department of Water and Power', nameEs: 'Departamento de Agua y Electricidad de Los Ángeles', level: 'city', parent: 'city-of-los-angeles', website: 'https://www.ladwp.com', careersUrl: 'https://www.ladwp.com/careers', emailDomains: ['ladwp.com'] },
  { slug: 'los-angeles-county', name: 'Los Angeles County', nameEs: 'Condado de Los Ángeles', level: 'county', website: 'https://lacounty.gov', careersUrl: 'https://hr.lacounty.gov', emailDomains: ['lacounty.gov'] },
  { slug: 'la-county-internal-services', name: 'LA County Internal Services Department', nameEs: 'Departamento de Servicios Internos del Condado de LA', level: 'county', parent: 'los-angeles-county', website: 'https://isd.lacounty.gov', emailDomains: ['isd.lacounty.gov'] },
  { slug: 'la-county-public-health', name: 'LA County Department of Public Health', nameEs: 'Departamento de Salud Pública del Condado de LA', level: 'county', parent: 'los-angeles-county', website: 'http://publichealth.lacounty.gov', emailDomains: ['ph.lacounty.gov'] },
  { slug: 'state-of-california', name: 'State of California', nameEs: 'Estado de California', level: 'state', website: 'https://www.ca.gov', careersUrl: 'https://www.calcareers.ca.gov', emailDomains: ['ca.gov'] },
  { slug: 'california-department-of-technology', name: 'California Department of Technology', nameEs: 'Departamento de Tecnología de California', level: 'state', parent: 'state-of-california', website: 'https://cdt.ca.gov', emailDomains: ['state.ca.gov'] },
  { slug: 'california-edd', name: 'Employment Development Department', nameEs: 'Departamento del Desarrollo del Empleo', level: 'state', parent: 'state-of-california', website: 'https://edd.ca.gov', emailDomains: ['edd.ca.gov'] },
  { slug: 'caltrans', name: 'Caltrans (California Department of Transportation)', nameEs: 'Caltrans (Departamento de Transporte de California)', level: 'state', parent: 'state-of-california', website: 'https://dot.ca.gov', emailDomains: ['dot.ca.gov'] },
  { slug: 'la-metro', name: 'LA Metro (Los Angeles County Metropolitan Transportation Authority)', nameEs: 'LA Metro (Autoridad Metropolitana de Transporte del Condado de Los Ángeles)', level: 'special_district', website: 'https://www.metro.net', careersUrl: 'https://www.metro.net/about/careers/', emailDomains: ['metro.net'] },
  { slug: 'lausd', name: 'Los Angeles Unified School District', nameEs: 'Distrito Escolar Unificado de Los Ángeles', level: 'school_district', website: 'https://www.lausd.org', careersUrl: 'https://www.lausd.org/careers', emailDomains: ['lausd.net'] },
  { slug: 'department-of-veterans-affairs', name: 'Department of Veterans Affairs', nameEs: 'Departamento de Asuntos de Veteranos', level: 'federal', website: 'https://www.va.gov', careersUrl: 'https://www.vacareers.va.gov', emailDomains: ['va.gov'] },
  { slug: 'va-greater-los-angeles', name: 'VA Greater Los Angeles Healthcare System', nameEs: 'Sistema de Salud VA del Gran Los Ángeles', level: 'federal', parent: 'department-of-veterans-affairs', website: 'https://www.va.gov/greater-los-angeles-health-care/' },
  { slug: 'department-of-homeland-security', name: 'Department of Homeland Security', nameEs: 'Departamento de Seguridad Nacional', level: 'federal', website: 'https://www.dhs.gov', emailDomains: ['hq.dhs.gov'] },
  { slug: 'uscis', name: 'U.S. Citizenship and Immigration Services', nameEs: 'Servicio de Ciudadanía e Inmigración de EE. UU.', level: 'federal', parent: 'department-of-homeland-security', website: 'https://www.uscis.gov', emailDomains: ['uscis.dhs.gov'] },
  { slug: 'us-census-bureau', name: 'U.S. Census Bureau', nameEs: 'Oficina del Censo de EE. UU.', level: 'federal', website: 'https://www.census.gov', emailDomains: ['census.gov'] },
  { slug: 'social-security-administration', name: 'Social Security Administration', nameEs: 'Administración del Seguro Social', level: 'federal', website: 'https://www.ssa.gov', emailDomains: ['ssa.gov'] },
];

const DAY = 86_400_000;

interface DemoJob {
  agency: string;
  title: string;
  classification?: string;
  series?: string;
  grade?: string;
  pay: string;
  where: string[];
  workplace: 'onsite' | 'hybrid' | 'remote';
  /** Days from now; null = open until filled. Negative = already closed. */
  closesIn: number | null;
  openedDaysAgo: number;
  summary: string;
  quals: string;
  noDegree?: boolean;
  entryLevel?: boolean;
  promoted?: boolean;
  status?: 'pending' | 'published';
  type?: 'full_time' | 'part_time' | 'temporary' | 'internship';
}

const demoJobs: DemoJob[] = [
  { agency: 'la-information-technology-agency', title: 'Programmer Analyst I', classification: 'Programmer Analyst', pay: '$45.12 - $57.02/hr', where: ['Los Angeles, CA'], workplace: 'hybrid', closesIn: 3, openedDaysAgo: 12, summary: 'Write and maintain the software behind City services such as 311 requests and permits.', quals: 'One year of full-time paid experience as a programmer, or completion of a programming certificate. No college degree required.', noDegree: true, entryLevel: true, promoted: true },
  { agency: 'la-information-technology-agency', title: 'Systems Analyst', classification: 'Systems Analyst', pay: '$7,863 - $11,503 Monthly', where: ['Los Angeles, CA'], workplace: 'hybrid', closesIn: null, openedDaysAgo: 40, summary: 'Study how City departments work and design better systems with them.', quals: 'A bachelor\'s degree from an accredited college or university.', entryLevel: true },
  { agency: 'ladot', title: 'GIS Specialist', classification: 'Geographic Information Systems Specialist', pay: '$98,452 - $121,867 Annually', where: ['Los Angeles, CA'], workplace: 'onsite', closesIn: 9, openedDaysAgo: 6, summary: 'Map streets, bike lanes and traffic signals so planners can make streets safer.', quals: 'Two years of experience with GIS software such as ArcGIS or QGIS.' },
  { agency: 'ladwp', title: 'Data Analyst — Grid Reliability', classification: 'Management Analyst', pay: '$105,000 - $131,000 Annually', where: ['Los Angeles, CA', 'Sun Valley, CA'], workplace: 'hybrid', closesIn: 21, openedDaysAgo: 2, summary: 'Turn outage and sensor data into dashboards that keep the lights on across Los Angeles.', quals: 'Experience with SQL and a data visualisation tool.' },
  { agency: 'city-of-los-angeles', title: 'Information Technology Intern (Targeted Local Hire)', classification: 'Student Professional Worker', pay: '$20.65/hr', where: ['Los Angeles, CA'], workplace: 'onsite', closesIn: 2, openedDaysAgo: 20, summary: 'Help desk and device support for City staff while you finish school. Bilingual Spanish speakers encouraged.', quals: 'Enrolled in a college or trade program. No degree required.', noDegree: true, entryLevel: true, type: 'internship' },
  { agency: 'la-county-internal-services', title: 'Information Technology Technical Support Analyst I', classification: 'IT Technical Support Analyst', pay: '$5,720.00 - $7,512.00 Monthly', where: ['Downey, CA'], workplace: 'onsite', closesIn: null, openedDaysAgo: 60, summary: 'Keep County laptops, phones and networks working for thousands of employees.', quals: 'Two years of experience providing technical support. A high school diploma or GED.', noDegree: true, entryLevel: true },
  { agency: 'la-county-internal-services', title: 'Senior Information Systems Analyst — Cloud', classification: 'Senior Information Systems Analyst', pay: '$118,000 - $159,000 Annually', where: ['Downey, CA'], workplace: 'remote', closesIn: 14, openedDaysAgo: 9, summary: 'Move County systems to the cloud, securely and on budget.', quals: 'Four years of experience designing information systems, two of them in cloud platforms.', promoted: true },
  { agency: 'la-county-public-health', title: 'Epidemiology Data Scientist', classification: 'Data Scientist', pay: '$112,500 - $152,000 Annually', where: ['Los Angeles, CA'], workplace: 'hybrid', closesIn: 5, openedDaysAgo: 15, summary: 'Build the models and reports that guide public health decisions for ten million residents.', quals: 'A master\'s degree in a quantitative field, or a bachelor\'s and two years of experience.' },
  { agency: 'la-county-public-health', title: 'Analista de Datos Bilingüe (Español)', classification: 'Data Analyst', pay: '$88,000 - $110,000 Annually', where: ['Los Angeles, CA'], workplace: 'hybrid', closesIn: 30, openedDaysAgo: 1, summary: 'Analiza encuestas de salud y presenta resultados a comunidades hispanohablantes.', quals: 'Dos años de experiencia analizando datos; dominio del español. No se requiere título universitario.', noDegree: true },
  { agency: 'california-department-of-technology', title: 'Information Technology Specialist I — Cybersecurity', classification: 'IT Specialist I', pay: '$6,807 - $9,122 per month', where: ['Sacramento, CA', 'Los Angeles, CA'], workplace: 'remote', closesIn: 11, openedDaysAgo: 8, summary: 'Protect state networks; watch for threats and respond to incidents.', quals: 'Pass the IT Specialist I exam. Experience may substitute for education.', noDegree: true },
  { agency: 'california-edd', title: 'Information Technology Associate', classification: 'IT Associate', pay: '$4,439 - $6,143 monthly', where: ['Los Angeles, CA'], workplace: 'hybrid', closesIn: null, openedDaysAgo: 30, summary: 'Support the systems that pay unemployment and disability benefits.', quals: 'An entry-level IT classification; a high school diploma and IT coursework or one year of experience.', noDegree: true, entryLevel: true },
  { agency: 'caltrans', title: 'Transportation Data Engineer', classification: 'Information Technology Specialist II', pay: '$8,458 - $11,335 Monthly', where: ['Los Angeles, CA'], workplace: 'hybrid', closesIn: 40, openedDaysAgo: 4, summary: 'Build the pipelines that collect traffic counts from freeway sensors across District 7.', quals: 'Pass the IT Specialist II exam.' },
  { agency: 'la-metro', title: 'Software Developer II', classification: 'Software Developer', pay: '$104,000 - $156,000 Annually', where: ['Los Angeles, CA'], workplace: 'hybrid', closesIn: 7, openedDaysAgo: 10, summary: 'Build the apps riders use to plan trips and pay fares with TAP.', quals: 'Three years of professional software development experience.' },
  { agency: 'la-metro', title: 'Transit Data Analyst Trainee', classification: 'Data Analyst', pay: '$31.50/hr', where: ['Los Angeles, CA'], workplace: 'onsite', closesIn: 18, openedDaysAgo: 3, summary: 'Learn to analyse ridership and on-time performance in a paid one-year training program.', quals: 'High school diploma or GED. No degree required; training provided.', noDegree: true, entryLevel: true, type: 'temporary' },
  { agency: 'lausd', title: 'IT Help Desk Technician', classification: 'IT Support Technician', pay: '$26.84 - $33.40 per hour', where: ['Los Angeles, CA'], workplace: 'onsite', closesIn: 1, openedDaysAgo: 25, summary: 'Help teachers and students with Chromebooks, accounts and classroom technology.', quals: 'One year of help desk experience or an IT certificate.', noDegree: true, entryLevel: true },
  { agency: 'lausd', title: 'Senior Database Administrator', classification: 'Database Architect', pay: '$132,000 - $164,000 Annually', where: ['Los Angeles, CA'], workplace: 'hybrid', closesIn: null, openedDaysAgo: 50, summary: 'Run the databases behind student records for over 500,000 students.', quals: 'Five years administering PostgreSQL or SQL Server.' },
  { agency: 'va-greater-los-angeles', title: 'IT Specialist (INFOSEC)', series: '2210', grade: 'GS-12', pay: '$99,200 - $128,956 Per Year', where: ['Los Angeles, CA'], workplace: 'onsite', closesIn: 4, openedDaysAgo: 5, summary: 'Secure the medical center\'s network and devices for veterans\' care.', quals: 'One year of specialized experience at GS-11. No degree required for the 2210 series.', noDegree: true },
  { agency: 'uscis', title: 'IT Specialist (APPSW)', series: '2210', grade: 'GS-9/11', pay: '$75,000 - $118,000 Per Year', where: ['Anywhere in the U.S. (remote job)'], workplace: 'remote', closesIn: 13, openedDaysAgo: 7, summary: 'Develop the case management software immigration officers use every day.', quals: 'One year of specialized experience at GS-7 or a master\'s degree.', noDegree: true },
  { agency: 'us-census-bureau', title: 'Data Scientist', series: '1560', grade: 'GS-13', pay: '$123,000 - $159,000 Per Year', where: ['Los Angeles, CA', 'Suitland, MD'], workplace: 'hybrid', closesIn: 16, openedDaysAgo: 11, summary: 'Find better ways to count every person using new data sources.', quals: 'Degree in data science, statistics or computer science, or equivalent combination.' },
  { agency: 'social-security-administration', title: 'IT Specialist (Customer Support) — Student Trainee', series: '2299', grade: 'GS-4/5', pay: '$19.52/hr', where: ['Los Angeles, CA'], workplace: 'onsite', closesIn: 25, openedDaysAgo: 2, summary: 'A Pathways internship supporting field offices while you study.', quals: 'Enrolled at least half-time in an accredited program.', entryLevel: true, type: 'internship' },
  { agency: 'la-information-technology-agency', title: 'Product Manager, Digital Services', classification: 'Senior Management Analyst', pay: 'DOE', where: ['Los Angeles, CA'], workplace: 'hybrid', closesIn: 12, openedDaysAgo: 0, summary: 'Lead a small team that makes City websites simple for everyone.', quals: 'Three years of experience managing digital products.', status: 'pending' },
  { agency: 'ladot', title: 'Parking Enforcement Officer', classification: 'Traffic Officer', pay: '$58,000 - $72,000 Annually', where: ['Los Angeles, CA'], workplace: 'onsite', closesIn: 10, openedDaysAgo: 3, summary: 'Enforce parking rules across the City.', quals: 'High school diploma and a driver\'s license.' },
  { agency: 'la-metro', title: 'Web Developer', classification: 'Software Developer', pay: 'Not Displayed', where: ['Los Angeles, CA'], workplace: 'remote', closesIn: -5, openedDaysAgo: 45, summary: 'Build metro.net.', quals: 'Two years of web development experience.' },
];

export async function seedJobs(deps: Deps): Promise<void> {
  for (const a of demoAgencies) await upsertAgency(deps.db, a);
  for (const g of guideSeeds) await upsertGuide(deps.db, g);
  const { person: partner } = await ensurePerson(deps.db, { email: 'partner@pathways.localhost', fullName: 'Guadalupe Ramírez', language: 'es', verified: true });
  await grantRole(deps.db, partner.id, 'partner', 'la-information-technology-agency');
  const [existing] = await rows<{ n: number }>(deps.db, sql`SELECT count(*)::int AS n FROM jobs WHERE source = 'manual' AND source_id LIKE 'demo-%'`);
  if (Number(existing.n) > 0) return;
  const rules = await activeRules(deps.db);
  const now = Date.now();
  for (const [i, d] of demoJobs.entries()) {
    const agency = (await getAgencyBySlug(deps.db, d.agency))!;
    const closes = d.closesIn === null ? null : new Date(now + d.closesIn * DAY);
    const closesAt = closes ? laTime(closes.getUTCFullYear(), closes.getUTCMonth() + 1, closes.getUTCDate(), 23, 59, 59) : null;
    const item: ImportItem = {
      sourceId: `demo-${i + 1}`,
      title: d.title,
      agencyName: null,
      classification: d.classification ?? null,
      series: d.series ?? null,
      grade: d.grade ?? null,
      salary: parseSalaryText(d.pay),
      locations: d.where,
      workplace: d.workplace,
      openedAt: new Date(now - d.openedDaysAgo * DAY),
      closesAt,
      continuous: d.closesIn === null,
      employmentType: d.type ?? 'full_time',
      minimumQualifications: d.quals,
      summary: d.summary,
      description: `<p>${d.summary}</p>`,
      noDegree: !!d.noDegree,
      entryLevel: !!d.entryLevel,
      applyUrl: agency.careersUrl ?? agency.website,
      tags: [],
    };
    const status = d.status ?? (d.closesIn !== null && d.closesIn < 0 ? 'closed' : 'published');
    await deps.db.insert(jobs).values({
      ...columnsFrom(item, agency, classify(item, rules)),
      source: 'manual',
      sourceId: item.sourceId,
      status,
      promoted: !!d.promoted,
      publishedAt: status === 'pending' ? null : new Date(now - d.openedDaysAgo * DAY),
      closedAt: status === 'closed' ? new Date(now + (d.closesIn ?? 0) * DAY) : null,
      createdBy: status === 'pending' ? partner.id : null,
    });
  }
}
