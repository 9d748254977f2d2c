/** Plain-language hiring guides loaded with the directory (organizers can edit them later). */
export interface GuideSeed {
  slug: string;
  agency?: string;
  level?: 'federal' | 'state' | 'city' | 'county';
  titleEn: string;
  titleEs: string;
  bodyEn: string;
  bodyEs: string;
}

const steps = (en: boolean, s: { apply: string; exam: string; list: string; interview: string; background: string; offer: string }) =>
  `## ${en ? 'The steps' : 'Los pasos'}\n\n1. **${en ? 'Application' : 'Solicitud'}** — ${s.apply}\n2. **${en ? 'Exam or assessment' : 'Examen o evaluación'}** — ${s.exam}\n3. **${en ? 'Eligible list' : 'Lista de elegibles'}** — ${s.list}\n4. **${en ? 'Interview' : 'Entrevista'}** — ${s.interview}\n5. **${en ? 'Background check' : 'Revisión de antecedentes'}** — ${s.background}\n6. **${en ? 'Offer' : 'Oferta'}** — ${s.offer}\n`;

export const guideSeeds: GuideSeed[] = [
  {
    slug: 'federal-hiring',
    level: 'federal',
    titleEn: 'How federal hiring works',
    titleEs: 'Cómo contrata el gobierno federal',
    bodyEn: `Federal jobs are posted on USAJOBS. Each posting is an "announcement" with a closing date; some close early after a set number of applications, so apply early.\n\n${steps(
      true,
      {
        apply:
          'Create a USAJOBS profile and upload a federal résumé. It is longer than a private-sector one: list each job with start and end month, hours per week, and what you did.',
        exam: 'Most tech jobs use a self-assessment questionnaire; many IT jobs now use "subject matter expert qualification assessments" (SME-QA), a short interview or exercise with people who do the job.',
        list: 'If you qualify, you are "referred" to the hiring manager on a certificate. Veterans get preference.',
        interview: 'One or two rounds, often a panel with the same questions for every candidate.',
        background: 'A background investigation and, for some jobs, a security clearance. This can take weeks or months.',
        offer: 'First a "tentative offer", then a "final offer" with a start date once checks are done.',
      },
    )}\n## How long it takes\n\nUsually two to four months from the closing date to the first day.\n\n## Words you will see\n\n- **Series**: the job family. 2210 is Information Technology Management; 1550 is Computer Science; 1560 is Data Science.\n- **Grade (GS-7, GS-12…)**: the pay level. Each grade has ten "steps". Pay also depends on where you work (the Los Angeles "locality" adds about a third).\n- **Specialized experience**: the experience "at the next lower grade" the announcement describes. Show it in your résumé with the same words.\n- **Minimum qualifications**: the least you need to be considered. The 2210 series needs no degree.\n\n## Tips\n\n- Use the announcement's own words in your résumé.\n- Answer the questionnaire honestly: your résumé must back up every "expert" answer.\n- Look for "Pathways" internships and "Recent Graduates" programs if you are a student or recent graduate.`,
    bodyEs: `Los empleos federales se publican en USAJOBS. Cada publicación es un "anuncio" con fecha de cierre; algunos cierran antes al llegar a cierto número de solicitudes, así que solicita pronto.\n\n${steps(
      false,
      {
        apply:
          'Crea un perfil en USAJOBS y sube un currículum federal. Es más largo que uno del sector privado: anota cada empleo con mes de inicio y fin, horas por semana y lo que hiciste.',
        exam: 'La mayoría de los empleos de tecnología usan un cuestionario de autoevaluación; muchos empleos de TI usan ahora evaluaciones con expertos (SME-QA): una entrevista o ejercicio corto con personas que hacen ese trabajo.',
        list: 'Si calificas, te "refieren" al gerente de contratación en un certificado. Los veteranos tienen preferencia.',
        interview: 'Una o dos rondas, muchas veces un panel que hace las mismas preguntas a cada candidato.',
        background:
          'Una investigación de antecedentes y, para algunos empleos, una autorización de seguridad. Puede tardar semanas o meses.',
        offer: 'Primero una "oferta tentativa" y luego una "oferta final" con fecha de inicio cuando terminan las revisiones.',
      },
    )}\n## Cuánto tarda\n\nNormalmente de dos a cuatro meses desde la fecha de cierre hasta el primer día.\n\n## Palabras que verás\n\n- **Serie**: la familia de empleos. 2210 es Gestión de Tecnología de la Información; 1550 es Ciencias de la Computación; 1560 es Ciencia de Datos.\n- **Grado (GS-7, GS-12…)**: el nivel de sueldo. Cada grado tiene diez "pasos". El sueldo también depende del lugar (en Los Ángeles se suma cerca de un tercio).\n- **Experiencia especializada**: la experiencia "en el grado inferior" que describe el anuncio. Muéstrala en tu currículum con las mismas palabras.\n- **Requisitos mínimos**: lo mínimo para que te consideren. La serie 2210 no exige título universitario.\n\n## Consejos\n\n- Usa las mismas palabras del anuncio en tu currículum.\n- Contesta el cuestionario con honestidad: tu currículum debe respaldar cada respuesta de "experto".\n- Si estudias o te graduaste hace poco, busca las prácticas "Pathways" y los programas "Recent Graduates".`,
  },
  {
    slug: 'state-hiring',
    level: 'state',
    titleEn: 'How California state hiring works',
    titleEs: 'Cómo contrata el estado de California',
    bodyEn: `State jobs are on CalCareers. Before you can apply for most jobs you must pass the **exam** for the job's **classification** (for example "Information Technology Specialist I"). Many exams are online and open all the time.\n\n${steps(
      true,
      {
        apply:
          'Create a CalCareers account, take the classification exam, then apply to a specific job with the state application form (STD 678), a résumé and any "statement of qualifications".',
        exam: 'Usually an online "training and experience" questionnaire you can take any time. Your score puts you in a rank.',
        list: 'Passing puts you on the eligible list for that classification for 1–4 years; only people on the list (or current state staff) can be hired.',
        interview: 'Departments interview candidates from the list, usually a panel of two or three.',
        background: 'Reference checks and, for some departments, fingerprints (Live Scan).',
        offer: 'The department calls with an offer; pay starts at the bottom of the range unless you negotiate with proof of experience.',
      },
    )}\n## How long it takes\n\nTwo to three months after the closing date is common.\n\n## Words you will see\n\n- **Classification**: the official job title that decides duties and pay range.\n- **Range (A, B, C)**: pay levels inside a classification, set by your experience.\n- **Minimum qualifications**: education or experience you must have; often experience can replace a degree.\n\n## Tips\n\n- Take the exam first: without it your application is not considered.\n- Answer the "statement of qualifications" exactly as asked, with examples.`,
    bodyEs: `Los empleos del estado están en CalCareers. Antes de solicitar la mayoría de los puestos debes aprobar el **examen** de la **clasificación** (por ejemplo "Information Technology Specialist I"). Muchos exámenes son en línea y están abiertos siempre.\n\n${steps(
      false,
      {
        apply:
          'Crea una cuenta en CalCareers, presenta el examen de la clasificación y luego solicita un puesto concreto con el formulario estatal (STD 678), un currículum y la "declaración de calificaciones" si la piden.',
        exam: 'Casi siempre un cuestionario en línea de "formación y experiencia" que puedes presentar cuando quieras. Tu puntaje te coloca en un rango.',
        list: 'Si apruebas, entras a la lista de elegibles de esa clasificación por 1 a 4 años; solo se puede contratar a personas de la lista (o a personal del estado).',
        interview: 'Los departamentos entrevistan a candidatos de la lista, casi siempre un panel de dos o tres personas.',
        background: 'Revisión de referencias y, en algunos departamentos, huellas digitales (Live Scan).',
        offer:
          'El departamento llama con una oferta; el sueldo empieza en lo más bajo de la escala salvo que negocies con pruebas de tu experiencia.',
      },
    )}\n## Cuánto tarda\n\nEs común que pasen dos o tres meses después del cierre.\n\n## Palabras que verás\n\n- **Clasificación**: el título oficial del puesto, que decide tareas y escala de sueldo.\n- **Rango (A, B, C)**: niveles de sueldo dentro de una clasificación, según tu experiencia.\n- **Requisitos mínimos**: la educación o experiencia que debes tener; muchas veces la experiencia reemplaza el título.\n\n## Consejos\n\n- Presenta primero el examen: sin él no se considera tu solicitud.\n- Responde la "declaración de calificaciones" justo como la piden, con ejemplos.`,
  },
  {
    slug: 'city-hiring',
    level: 'city',
    titleEn: 'How city and county civil service hiring works',
    titleEs: 'Cómo contratan las ciudades y los condados (servicio civil)',
    bodyEn: `Cities, counties and many local agencies hire through **civil service**: everyone takes the same test, and people are hired from a ranked list. It is fair, but slow and full of its own words.\n\n${steps(
      true,
      {
        apply:
          'Apply online (often on governmentjobs.com) before the filing deadline. Some postings are "continuous": they stay open and test in groups.',
        exam: 'A written test, a questionnaire, or an interview scored by a panel ("oral appraisal"). Your score decides your rank.',
        list: 'You are placed on the "eligible list" by score, often in bands. The list lasts one to two years.',
        interview: 'Departments with openings interview the top bands (a "selection interview").',
        background: 'Reference and background checks, a medical review for some jobs.',
        offer: 'A conditional offer, then a start date. Most jobs start with a probation period of six months to a year.',
      },
    )}\n## How long it takes\n\nThree to six months from applying to starting is normal.\n\n## Tips\n\n- Read the "minimum requirements" closely and show each one in your application.\n- Sign up for job alerts: many tech classifications open only once or twice a year.`,
    bodyEs: `Las ciudades, los condados y muchas agencias locales contratan por **servicio civil**: todos presentan la misma prueba y se contrata desde una lista ordenada. Es justo, pero lento y con palabras propias.\n\n${steps(
      false,
      {
        apply:
          'Solicita en línea (muchas veces en governmentjobs.com) antes de la fecha límite. Algunas publicaciones son "continuas": siguen abiertas y evalúan por grupos.',
        exam: 'Una prueba escrita, un cuestionario o una entrevista calificada por un panel ("evaluación oral"). Tu puntaje decide tu lugar.',
        list: 'Te colocan en la "lista de elegibles" según tu puntaje, muchas veces por bandas. La lista dura uno o dos años.',
        interview: 'Los departamentos con vacantes entrevistan a las bandas más altas ("entrevista de selección").',
        background: 'Revisión de referencias y antecedentes, y examen médico para algunos puestos.',
        offer:
          'Una oferta condicional y luego una fecha de inicio. Casi todos los puestos empiezan con un periodo de prueba de seis meses a un año.',
      },
    )}\n## Cuánto tarda\n\nLo normal es de tres a seis meses desde la solicitud hasta el inicio.\n\n## Consejos\n\n- Lee con cuidado los "requisitos mínimos" y muestra cada uno en tu solicitud.\n- Suscríbete a alertas: muchas clasificaciones de tecnología abren solo una o dos veces al año.`,
  },
  {
    slug: 'city-of-los-angeles',
    agency: 'city-of-los-angeles',
    titleEn: 'Getting hired by the City of Los Angeles',
    titleEs: 'Cómo entrar a trabajar en la Ciudad de Los Ángeles',
    bodyEn: `The City's Personnel Department runs the exams; departments such as the Information Technology Agency hire from the lists.\n\n${steps(
      true,
      {
        apply:
          'Apply on the City\'s job site for an exam bulletin (for example "Programmer Analyst" or "Systems Analyst"). Answer the supplemental questions.',
        exam: 'Often a multiple-choice test or a "training and experience" questionnaire, sometimes an interview.',
        list: 'Scores go on the eligible list in ranks; departments must hire from the top ranks.',
        interview: 'Departments hold selection interviews for their openings.',
        background: 'Background check and, for some jobs, a medical review.',
        offer: 'A conditional offer and probation period (usually six months).',
      },
    )}\n## Tips\n\n- The **Targeted Local Hire** program offers a path without a civil service exam for some entry-level jobs.\n- "Systems Analyst" is open to recent graduates with a bachelor's degree; "Programmer Analyst I" accepts experience instead.`,
    bodyEs: `El Departamento de Personal de la Ciudad organiza los exámenes; departamentos como la Agencia de Tecnología de la Información contratan desde las listas.\n\n${steps(
      false,
      {
        apply:
          'Solicita en el sitio de empleos de la Ciudad para un boletín de examen (por ejemplo "Programmer Analyst" o "Systems Analyst"). Responde las preguntas adicionales.',
        exam: 'Muchas veces una prueba de opción múltiple o un cuestionario de "formación y experiencia"; a veces una entrevista.',
        list: 'Los puntajes entran a la lista de elegibles por rangos; los departamentos deben contratar desde los primeros rangos.',
        interview: 'Los departamentos hacen entrevistas de selección para sus vacantes.',
        background: 'Revisión de antecedentes y, para algunos puestos, examen médico.',
        offer: 'Una oferta condicional y un periodo de prueba (normalmente seis meses).',
      },
    )}\n## Consejos\n\n- El programa **Targeted Local Hire** ofrece un camino sin examen de servicio civil para algunos puestos de entrada.\n- "Systems Analyst" está abierto a recién graduados con licenciatura; "Programmer Analyst I" acepta experiencia en su lugar.`,
  },
  {
    slug: 'los-angeles-county',
    agency: 'los-angeles-county',
    titleEn: 'Getting hired by LA County',
    titleEs: 'Cómo entrar a trabajar en el Condado de Los Ángeles',
    bodyEn: `LA County is one of the largest local employers in the country. Its Department of Human Resources and each department run exams.\n\n${steps(
      true,
      {
        apply: 'Apply on the County\'s governmentjobs.com page. Many IT postings are "open continuous".',
        exam: 'Usually a questionnaire or online test; your score places you in a band.',
        list: 'Eligible lists last 12 months; you may be contacted by several departments.',
        interview: 'Department interviews, sometimes with a practical exercise.',
        background: 'Live Scan fingerprints and background review.',
        offer: 'A conditional offer; most jobs have a six-month or one-year probation.',
      },
    )}\n## Tips\n\n- Look for "Information Technology Technical Support Analyst" and "Information Systems Analyst" — common ways in.\n- Some jobs pay extra for speaking Spanish (bilingual bonus).`,
    bodyEs: `El Condado de Los Ángeles es uno de los mayores empleadores locales del país. Su Departamento de Recursos Humanos y cada departamento organizan exámenes.\n\n${steps(
      false,
      {
        apply: 'Solicita en la página del Condado en governmentjobs.com. Muchas publicaciones de TI son "continuas".',
        exam: 'Casi siempre un cuestionario o prueba en línea; tu puntaje te coloca en una banda.',
        list: 'Las listas de elegibles duran 12 meses; varios departamentos pueden llamarte.',
        interview: 'Entrevistas en el departamento, a veces con un ejercicio práctico.',
        background: 'Huellas digitales (Live Scan) y revisión de antecedentes.',
        offer: 'Una oferta condicional; casi todos los puestos tienen un periodo de prueba de seis meses o un año.',
      },
    )}\n## Consejos\n\n- Busca "Information Technology Technical Support Analyst" e "Information Systems Analyst": son formas comunes de entrar.\n- Algunos puestos pagan más por hablar español (bono bilingüe).`,
  },
];
