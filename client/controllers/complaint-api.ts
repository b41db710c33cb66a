import type { ComplaintAction } from '../../design/complaint-actions.js';
import { postServerStep, type StepOutcome } from './server-step.js';

/** Takes a step of a complaint on the server (see server-step.ts). */
export function takeComplaintStep(id: string, step: ComplaintAction): Promise<StepOutcome> {
  return postServerStep(`/api/complaints/${encodeURIComponent(id)}/actions`, step,
    { zh: '无法连接服务器，投诉步骤需在线办理', en: 'The server cannot be reached; complaint steps need the network' });
}
