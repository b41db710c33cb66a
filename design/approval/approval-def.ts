import type { Doc } from '../form.js';
import type { Label } from '../label.js';

/**
 * Who approves at a stage of a route, as a form declares it. The server resolves it from the
 * directory when the document is submitted, so the route on the document names people.
 */
export type ApproverRule =
  /** Everyone still with the company who has this role (`[Director]`): one of them decides. */
  | { readonly role: string }
  /** The head of the filer's department (the `head` of the group named as their department). */
  | { readonly departmentHead: true }
  /** People named in the design. */
  | { readonly people: readonly string[] }
  /** People the filer names on the document (a request's approvers). */
  | { readonly field: string };

export interface StageDef {
  readonly label: Label;
  readonly approvers: ApproverRule;
  /**
   * `any`: one of the stage's approvers decides for it (one director of several); `all`: each of
   * them approves, in parallel, before the route goes on.
   */
  readonly decide: 'any' | 'all';
  /** The stage is on the route only when the document's amount (in the base currency) is over this. */
  readonly amountOver?: number;
  /**
   * When the document's field has this value, each approver becomes a stage of their own, in the
   * order named (a request routed in sequence rather than in parallel).
   */
  readonly sequenceWhen?: { readonly field: string; readonly value: string };
}

/** Amount of a document in the base currency, or the currency that has no exchange rate. */
export type BaseAmount = { readonly amount: number } | { readonly missingRate: string };

/**
 * A form's approval route (a form in design/ declares it as `approval`): stages in sequence, each
 * with its approvers; thresholds add stages for larger amounts; an optional last step after
 * approval by a role (finance marks an expense claim paid). See docs/office.md.
 */
export interface ApprovalDef {
  readonly stages: readonly StageDef[];
  /** What thresholds compare, converted with the CRM settings' exchange rates (units of base currency per unit). */
  readonly amount?: (doc: Doc, rate: (currency: string) => number | undefined) => BaseAmount;
  /** A step after approval, taken by someone with this role: the route is then complete. */
  readonly completion?: { readonly role: string; readonly label: Label; readonly done: Label };
  /** Who reads every document of the form besides its filer and its route (finance, directors). */
  readonly readers?: readonly string[];
  /**
   * Whether this document needs approval, given the CRM settings as they are (a quotation only
   * above the allowed discount): one that does not is not submitted (the step is neither offered
   * nor taken) and goes on without. Without it every document of the form may be submitted.
   */
  readonly required?: (doc: Doc, crmSettings: Doc | null) => boolean;
}

/** One stage of a document's route as the server resolved it at submission. */
export interface RouteStage {
  readonly label: Label;
  readonly approvers: readonly string[];
  readonly decide: 'any' | 'all';
  /** Who has approved at this stage, and for whom when they stood in for someone away. */
  readonly approved: readonly { readonly by: string; readonly for?: string; readonly at: string }[];
}

export const APPROVAL_ACTIONS = ['submit', 'approve', 'return', 'reject', 'complete', 'urge', 'withdraw'] as const;
export type ApprovalActionName = (typeof APPROVAL_ACTIONS)[number];

/** One line of a document's approval history: what was done, by whom (for whom), when (the server's clock). */
export interface ApprovalStep {
  readonly action: ApprovalActionName | 'skip';
  readonly by: string;
  readonly at: string;
  /** The approver someone stood in for, while they were away. */
  readonly for?: string;
  readonly note?: string;
  /** The stage it was taken at. */
  readonly stage?: Label;
}
