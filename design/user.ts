/** Who is saving: the signed-in person as the server or workstation knows them. */
export interface UserContext {
  /** Canonical user name, as it appears in `authors`, `readers`, `createdBy`. */
  readonly name: string;
  /** Roles such as `[Sales]`, and the groups the person belongs to. */
  readonly roles: readonly string[];
}

/** The server itself, for scheduled work and imports. */
export const SERVER_USER: UserContext = { name: 'Guanxi Server', roles: ['[Server]'] };
