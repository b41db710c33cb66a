import type { RequestHandler } from 'express';
import { levelAtLeast } from '../../design/access/acl.js';
import { DATABASES, DB_NAMES } from '../../design/databases.js';
import type { Directory } from '../directory/directory.js';
import { signedInUser } from './authenticate.js';

/**
 * `GET /api/me/databases`: the databases the signed-in person may read (Reader or above), with
 * their own access to each, so that a workstation knows what to replicate and which actions to
 * offer. The gateway still checks every write; this only spares the user actions bound to fail.
 */
export function myDatabasesRoute(directory: Directory): RequestHandler {
  return (_req, res) => {
    const { name } = signedInUser(res);
    const databases = DB_NAMES.flatMap((db) => {
      const access = directory.accessFor(name, db);
      if (!levelAtLeast(access.level, 'reader')) return [];
      return [{
        name: db, label: DATABASES[db], level: access.level, names: [...access.names], roles: access.roles,
        canCreate: access.canCreate, canDelete: access.canDelete,
      }];
    });
    res.json({ databases });
  };
}
