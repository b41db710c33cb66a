/** What anyone signed in may know of the directory, to pick people and departments (GET /api/directory). */
export interface DirectoryPicks {
  readonly people: readonly { readonly name: string; readonly department?: string; readonly title?: string }[];
  /**
   * Groups, departments among them, with how many members each has and the people in it (nested
   * groups resolved; absent from a directory a workstation remembered before they were given).
   */
  readonly groups: readonly { readonly name: string; readonly members: number; readonly people?: readonly string[] }[];
}
