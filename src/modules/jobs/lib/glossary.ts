/**
 * The EN↔ES glossary of job-search terms: a Spanish query also searches its English words and the
 * reverse, on top of stemming and typo tolerance ("analista de datos" finds "Data Analyst",
 * "cybersecurity" finds "Especialista en Ciberseguridad"). Accents and case are ignored. Each line is
 * one term: its English forms, then its Spanish forms; a query naming any form searches for all of
 * them. Add terms here; search-languages.test.ts checks 30 common Spanish phrases against their
 * English twins.
 */
const TERMS: [en: string[], es: string[]][] = [
  [['data analyst'], ['analista de datos']],
  [['data scientist'], ['cientifico de datos', 'cientifica de datos']],
  [['data engineer'], ['ingeniero de datos', 'ingeniera de datos']],
  [['data science'], ['ciencia de datos']],
  [['systems analyst'], ['analista de sistemas']],
  [['information systems'], ['sistemas de informacion']],
  [['software engineer'], ['ingeniero de software', 'ingeniera de software']],
  [['software developer'], ['desarrollador de software', 'desarrolladora de software']],
  [['web developer'], ['desarrollador web', 'desarrolladora web']],
  [['web designer'], ['disenador web', 'disenadora web']],
  [['network engineer'], ['ingeniero de redes', 'ingeniera de redes']],
  [['network administrator'], ['administrador de redes', 'administradora de redes']],
  [['database administrator'], ['administrador de bases de datos', 'administrador de base de datos']],
  [['systems administrator'], ['administrador de sistemas', 'administradora de sistemas']],
  [
    ['it support', 'technical support', 'help desk'],
    ['soporte tecnico', 'mesa de ayuda', 'soporte informatico'],
  ],
  [['project manager'], ['gerente de proyectos', 'gerente de proyecto', 'jefe de proyectos', 'jefa de proyectos']],
  [['product manager'], ['gerente de producto', 'gerente de productos']],
  [
    ['information technology', 'it'],
    ['tecnologia de la informacion', 'tecnologias de la informacion', 'informatica', 'ti'],
  ],
  [['information security'], ['seguridad de la informacion', 'seguridad informatica']],
  [['cybersecurity', 'cyber security'], ['ciberseguridad']],
  [
    ['geographic information systems', 'gis'],
    ['sistemas de informacion geografica', 'sig'],
  ],
  [['digital services'], ['servicios digitales']],
  [['user experience', 'ux'], ['experiencia de usuario']],
  [['machine learning'], ['aprendizaje automatico']],
  [['artificial intelligence'], ['inteligencia artificial']],
  [['computer science'], ['ciencias de la computacion', 'informatica']],
  [['database'], ['base de datos', 'bases de datos']],
  [['analyst'], ['analista']],
  [['data'], ['datos']],
  [['developer'], ['desarrollador', 'desarrolladora']],
  [['programmer'], ['programador', 'programadora']],
  [['engineer'], ['ingeniero', 'ingeniera']],
  [['engineering'], ['ingenieria']],
  [
    ['systems', 'system'],
    ['sistemas', 'sistema'],
  ],
  [
    ['network', 'networks', 'networking'],
    ['redes', 'red'],
  ],
  [['technology'], ['tecnologia']],
  [
    ['computer', 'computers'],
    ['computadora', 'computadoras', 'computacion'],
  ],
  [['software'], ['software']],
  [['specialist'], ['especialista']],
  [['information'], ['informacion']],
  [['technician'], ['tecnico', 'tecnica']],
  [['administrator'], ['administrador', 'administradora']],
  [['manager'], ['gerente']],
  [['designer'], ['disenador', 'disenadora']],
  [['scientist'], ['cientifico', 'cientifica']],
  [['statistician'], ['estadistico', 'estadistica']],
  [['security'], ['seguridad']],
  [['support'], ['soporte']],
  [['cloud'], ['nube']],
  [['web'], ['web']],
  [
    ['application', 'applications'],
    ['aplicacion', 'aplicaciones'],
  ],
  [['telecommunications'], ['telecomunicaciones']],
  [['analytics'], ['analitica']],
  [
    ['intern', 'internship'],
    ['pasante', 'practicas', 'pasantia'],
  ],
  [['trainee'], ['aprendiz']],
  [['entry level'], ['nivel de entrada', 'nivel inicial']],
  [['remote'], ['remoto', 'remota', 'a distancia']],
  [['part time'], ['medio tiempo', 'tiempo parcial']],
  [['full time'], ['tiempo completo']],
  [['government'], ['gobierno']],
  [['county'], ['condado']],
  [['city'], ['ciudad']],
  [['transportation', 'transit'], ['transporte']],
  [['health'], ['salud']],
];

/** Words that only say "a job" in a query; they are left out of the translated query. */
const FILLER = new Set([
  'job',
  'jobs',
  'position',
  'positions',
  'opening',
  'openings',
  'trabajo',
  'trabajos',
  'empleo',
  'empleos',
  'puesto',
  'puestos',
  'vacante',
  'vacantes',
  'de',
  'en',
  'para',
  'con',
  'el',
  'la',
  'los',
  'las',
  'del',
  'in',
  'for',
  'of',
  'the',
  'a',
]);

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Every form (folded) to its term's forms in both languages; longest forms are tried first. */
const LOOKUP = new Map<string, string[]>();
for (const [en, es] of TERMS) {
  const forms = [...new Set([...en, ...es].map(fold))];
  for (const f of forms) if (!LOOKUP.has(f)) LOOKUP.set(f, forms);
}
const LONGEST = Math.max(...[...LOOKUP.keys()].map((k) => k.split(' ').length));

/** Folded words only ([a-z0-9]), so nothing a person types can break the tsquery syntax. */
const allOf = (form: string) => `(${form.split(' ').join(' & ')})`;

/**
 * The query with every glossary term widened to its forms in both languages, in PostgreSQL's
 * to_tsquery syntax, or null when no term is known. The same term written in either language gives
 * the same expression, so a search finds the same postings whichever language it is typed in:
 * "trabajos de analista de datos" -> `((data & analyst) | (analista & de & datos))`.
 */
export function translateQuery(q: string): string | null {
  const words = fold(q).split(' ').filter(Boolean).slice(0, 30);
  const out: string[] = [];
  let found = false;
  for (let i = 0; i < words.length;) {
    let hit: { len: number; forms: string[] } | null = null;
    for (let n = Math.min(LONGEST, words.length - i); n >= 1 && !hit; n--) {
      const part = words.slice(i, i + n);
      // "data analysts", "desarrolladores web": plurals find their term.
      const forms =
        LOOKUP.get(part.join(' ')) ??
        LOOKUP.get(part.map((w) => w.replace(/s$/, '')).join(' ')) ??
        LOOKUP.get(part.map((w) => w.replace(/es$/, '')).join(' '));
      if (forms) hit = { len: n, forms };
    }
    if (hit) {
      found = true;
      out.push(`(${hit.forms.map(allOf).join(' | ')})`);
      i += hit.len;
    } else {
      if (!FILLER.has(words[i])) out.push(words[i]);
      i++;
    }
  }
  return found && out.length ? out.join(' & ') : null;
}
