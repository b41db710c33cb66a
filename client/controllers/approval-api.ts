import type { ApprovalAction } from '../../design/approval/apply-approval-action.js';
import { postServerStep, type StepOutcome } from './server-step.js';

/** Takes an approval step on a document of `db` on the server (see server-step.ts). */
export function takeApprovalStep(db: string, id: string, step: ApprovalAction): Promise<StepOutcome> {
  return postServerStep(`/api/approvals/${encodeURIComponent(db)}/${encodeURIComponent(id)}/actions`, step,
    { zh: '无法连接服务器，审批步骤需在线办理', en: 'The server cannot be reached; approval steps need the network' });
}
