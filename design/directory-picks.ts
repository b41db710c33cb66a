/** What anyone signed in may know of the directory, to pick people and departments (GET /api/directory). */
export interface DirectoryPicks {
  readonly people: readonly { readonly name: string; readonly department?: string; readonly title?: string }[];
  /** Groups, departments among them, with how many members each has. */
  readonly groups: readonly { readonly name: string; readonly members: number }[];
}
