/** A subject as its conversation's heading: without the Re:, Fw:, 回复:, 转发: that replies and forwards add. */
export function conversationTitle(subject: string): string {
  return subject.replace(/^(?:\s*(?:re|fw|fwd|aw|wg|sv|antw|回复|答复|回覆|转发|轉寄|转寄)\s*(?:\[\d+\])?\s*[:：])+\s*/i, '').trim();
}
