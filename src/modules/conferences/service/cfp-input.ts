import { z } from 'zod';
import { emailAddress, optionalText, personName } from '../../../platform/http/validation';
import { SECTORS } from '../../people';
import { text } from './input';
import { CAREER_STAGES, PROPOSAL_LEVELS, SESSION_LANGUAGES, SESSION_TYPES } from '../schema';

const language = z.enum(SESSION_LANGUAGES, { message: 'conferences.error.language' });

/** Custom questions' answers: question key → answer. */
const answers = z
  .record(z.string().max(80), z.string().max(5000))
  .refine((r) => Object.keys(r).length <= 30, { message: 'conferences.error.answers' });

export const proposalInput = z.object({
  title: text(300),
  abstract: text(5000),
  type: z.enum(SESSION_TYPES, { message: 'conferences.error.type' }),
  trackId: z.preprocess((v) => (v === '' ? null : v), z.uuid({ message: 'conferences.error.track' }).nullable()).optional(),
  language,
  level: z.enum(PROPOSAL_LEVELS, { message: 'conferences.error.level' }),
  speaker: z.object({
    name: personName,
    email: emailAddress,
    language: language.optional(),
    accessNeeds: optionalText(2000),
  }),
  answers: answers.optional(),
});
export type ProposalInput = z.output<typeof proposalInput>;
/** What a speaker may change through their link until the call closes. */
export const proposalEdit = proposalInput.pick({ title: true, abstract: true, level: true, language: true });
export type ProposalEdit = z.output<typeof proposalEdit>;

export const reviewerInput = z.object({ email: emailAddress });

const score = z.preprocess(
  (v) => (typeof v === 'string' && v !== '' ? Number(v) : v),
  z
    .number({ message: 'conferences.error.score' })
    .int({ message: 'conferences.error.score' })
    .min(1, { message: 'conferences.error.score' })
    .max(5, { message: 'conferences.error.score' }),
);
export const reviewInput = z.object({ score, comment: optionalText(3000) });
export type ReviewInput = z.output<typeof reviewInput>;

export const proposalDecisionInput = z.object({
  decision: z.enum(['accepted', 'rejected', 'waitlisted'], { message: 'conferences.error.decision' }),
});

export const topicInput = z.object({ title: text(200), titleEs: optionalText(200) });
export type TopicInput = z.output<typeof topicInput>;

export const applicationInput = z.object({
  name: personName,
  email: emailAddress,
  language,
  sector: z.enum(SECTORS, { message: 'conferences.error.sector' }),
  careerStage: z.enum(CAREER_STAGES, { message: 'conferences.error.careerStage' }),
  why: text(3000),
  accessNeeds: optionalText(2000),
  demographics: z
    .record(z.string().max(80), z.string().max(200))
    .refine((r) => Object.keys(r).length <= 20, { message: 'conferences.error.answers' })
    .optional(),
});
export type ApplicationInput = z.output<typeof applicationInput>;

export const applicationDecisionInput = z.object({
  decision: z.enum(['accepted', 'waitlisted', 'declined'], { message: 'conferences.error.decision' }),
  confirmBy: z.string().max(40).optional(),
});
export type ApplicationDecisionInput = z.output<typeof applicationDecisionInput>;

export const applicationNotesInput = z.object({
  score: z.preprocess((v) => (v === '' ? null : typeof v === 'string' ? Number(v) : v), score.nullable()).optional(),
  notes: optionalText(5000),
});
export type ApplicationNotesInput = z.output<typeof applicationNotesInput>;

export const answerInput = z.object({ answer: z.enum(['confirm', 'decline'], { message: 'conferences.error.answer' }) });
