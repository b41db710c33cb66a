import { createContext } from '@lit/context';
import type { Workspace } from './controllers/workspace.js';
import type { Locale } from './i18n/locale.js';

/** The signed-in user's replicas and their status; undefined until a workspace is open. */
export const workspaceContext = createContext<Workspace | undefined>(Symbol('gx-workspace'));
/** The interface language, with its texts and formats. */
export const localeContext = createContext<Locale>(Symbol('gx-locale'));
