/** Today as the user's calendar has it (`YYYY-MM-DD`): what overdue lists are cut at. */
export function localToday(now = new Date()): string {
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}
