import type { ChoicesFrom, Choice, Doc } from '../form.js';
import type { Label } from '../label.js';
import { choices } from './choices.js';
import { configuredProbability, CRM_SETTINGS_ID } from './crm-configured.js';

/** The stages of a deal, by name; each shows with its probability, which the CRM settings may change. */
export const DEAL_STAGE_NAMES = choices({
  s10: ['初步接触', 'First contact'],
  s30: ['需求确认', 'Needs confirmed'],
  s50: ['报价', 'Quoted'],
  s70: ['谈判', 'Negotiation'],
  s90: ['待签约', 'Closing'],
  s100: ['成交', 'Closed'],
});

/** A stage's probability before anyone configures it: the number in its value (`s30`: 30 %). */
export function defaultProbability(stage: unknown): number {
  return typeof stage === 'string' && /^s\d+$/.test(stage) ? Number(stage.slice(1)) : 0;
}

export function stageProbability(settings: Doc | null, stage: unknown): number {
  return configuredProbability(settings, stage) ?? defaultProbability(stage);
}

/** A stage as it shows, with its probability (`报价 60%`); a stage no longer defined by its value. */
export function stageLabel(stage: string, probability: number): Label {
  const name = DEAL_STAGE_NAMES.find((s) => s.value === stage)?.label ?? { zh: stage, en: stage };
  return { zh: `${name.zh} ${probability}%`, en: `${name.en} ${probability}%` };
}

/** The stages labelled with the probabilities the settings give them. */
export function stageChoices(settings: Doc | null): Choice[] {
  return DEAL_STAGE_NAMES.map(({ value }) => ({ value, label: stageLabel(value, stageProbability(settings, value)) }));
}

/** The stages with their default probabilities: what shows until the settings say otherwise. */
export const DEAL_STAGES = stageChoices(null);

export const stagesFromSettings: ChoicesFrom = { docId: CRM_SETTINGS_ID, choices: stageChoices };
