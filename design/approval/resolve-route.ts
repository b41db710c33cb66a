import type { Doc } from '../form.js';
import type { Label } from '../label.js';
import type { ApprovalDef, ApproverRule, RouteStage, StageDef } from './approval-def.js';

/** What the route needs of the directory: the people still with the company, and the departments. */
export interface RouteDirectory {
  readonly people: readonly { readonly name: string; readonly roles: readonly string[]; readonly department?: string }[];
  /** Groups of the directory, departments among them, with their heads. */
  readonly groups: readonly { readonly name: string; readonly head: readonly string[]; readonly members?: readonly string[] }[];
}

export type ResolvedRoute =
  | { readonly ok: true; readonly stages: readonly RouteStage[]; readonly skipped: readonly Label[]; readonly department?: string }
  | { readonly ok: false; readonly reason: Label };

/**
 * The route a document takes, with people's names, worked out when it is submitted: the stages
 * whose threshold its amount passes, each approver rule resolved in the directory. Nobody approves
 * their own document: the filer is left out of every stage, and a stage left with nobody (a
 * department head's own claim) is skipped and says so in the history. A stage that names nobody
 * at all (no director in the directory) is refused, since the document would wait forever.
 */
export function resolveRoute(def: ApprovalDef, doc: Doc, filer: string, directory: RouteDirectory, amount: number | null): ResolvedRoute {
  const department = directory.people.find((p) => p.name === filer)?.department;
  const stages: RouteStage[] = [];
  const skipped: Label[] = [];
  for (const stage of def.stages) {
    if (stage.amountOver !== undefined && (amount === null || amount <= stage.amountOver)) continue;
    const named = approversOf(stage.approvers, doc, department, directory);
    if (!named.ok) return named;
    if (named.names.length === 0) return { ok: false, reason: nobody(stage) };
    const others = named.names.filter((name) => name !== filer);
    if (others.length === 0) {
      skipped.push(stage.label);
      continue;
    }
    const sequence = stage.sequenceWhen && doc[stage.sequenceWhen.field] === stage.sequenceWhen.value;
    if (sequence) {
      others.forEach((name, i) => stages.push({ label: numbered(stage.label, i + 1), approvers: [name], decide: 'all', approved: [] }));
    } else {
      stages.push({ label: stage.label, approvers: others, decide: stage.decide, approved: [] });
    }
  }
  return { ok: true, stages, skipped, ...(department ? { department } : {}) };
}

type Named = { readonly ok: true; readonly names: readonly string[] } | { readonly ok: false; readonly reason: Label };

function approversOf(rule: ApproverRule, doc: Doc, department: string | undefined, directory: RouteDirectory): Named {
  const active = new Set(directory.people.map((p) => p.name));
  const known = (names: readonly string[]): Named => {
    const gone = names.find((name) => !active.has(name));
    return gone === undefined ? { ok: true, names: [...new Set(names)] }
      : { ok: false, reason: { zh: `${gone} 不是通讯录中在职的人员`, en: `${gone} is not a person of the directory still with the company` } };
  };
  if ('role' in rule) return { ok: true, names: directory.people.filter((p) => p.roles.includes(rule.role)).map((p) => p.name) };
  if ('people' in rule) return known(rule.people);
  if ('field' in rule) return known(Array.isArray(doc[rule.field]) ? (doc[rule.field] as unknown[]).map(String).filter((n) => n.trim() !== '') : []);
  if (!department) return { ok: false, reason: { zh: '您在通讯录中没有部门，无法找到部门负责人', en: 'You have no department in the directory, so there is no department head to approve' } };
  const head = directory.groups.find((g) => g.name === department)?.head ?? [];
  if (head.length === 0) return { ok: false, reason: { zh: `部门 ${department} 没有设置负责人（通讯录中该组的负责人）`, en: `The department ${department} has no head (the head of its group in the directory)` } };
  return known(head);
}

function nobody(stage: StageDef): Label {
  return { zh: `审批环节“${stage.label.zh}”无人可以审批`, en: `Nobody can approve at the stage "${stage.label.en}"` };
}

function numbered(label: Label, n: number): Label {
  return { zh: `${label.zh}（${n}）`, en: `${label.en} (${n})` };
}
