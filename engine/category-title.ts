/** A category's title as shown and as printing selects a group by: multi-valued and empty categories included. */
export function categoryTitle(title: unknown): string {
  if (title === null || title === undefined || title === '') return '';
  return Array.isArray(title) ? title.join(', ') : String(title);
}
