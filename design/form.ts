import type { AccessLevel } from './access/acl.js';
import type { ApprovalDef } from './approval/approval-def.js';
import type { DbName } from './databases.js';
import type { Label } from './label.js';
import type { UserContext } from './user.js';

/**
 * Field types. `text`-like types get pinyin sort keys on save so that views can sort them;
 * `names`, `readers` and `authors` hold user names, group names or roles; `objects` holds a list
 * of JSON objects whose shape the form's `rules` check.
 */
export const FIELD_TYPES = [
  'text', 'textarea', 'email', 'phone', 'url', 'choice', 'keywords',
  'number', 'date', 'datetime', 'boolean', 'names', 'readers', 'authors', 'objects',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Types whose values are lists of strings. */
export const LIST_TYPES: ReadonlySet<FieldType> = new Set(['keywords', 'names', 'readers', 'authors']);
/** Types whose values can be given a pinyin sort key (`sortable: true`). */
export const SORTABLE_TEXT_TYPES: ReadonlySet<FieldType> = new Set(['text', 'email', 'phone', 'url', 'choice', 'keywords', 'names']);

export type DocValue = unknown;

/** A stored document as design/ sees it: plain JSON with the Notes item names below. */
export interface Doc {
  _id?: string;
  _rev?: string;
  _deleted?: boolean;
  form?: string;
  /** Response documents name their parent (Notes' $REF). */
  parent?: string;
  readers?: string[];
  authors?: string[];
  created?: string;
  createdBy?: string;
  modified?: string;
  modifiedBy?: string;
  [field: string]: DocValue;
}

export interface SaveContext {
  readonly user: UserContext;
  /** ISO time of this save; injected so that tests and imports are deterministic. */
  readonly now: string;
}

export interface Choice {
  readonly value: string;
  readonly label: Label;
}

/**
 * This field holds the id of another document (its customer, a deal, a standard answer). The
 * workstation picks it among `forms` in the local replica of `db` and copies into this document
 * the fields named by `fill` (`{ customerName: 'name' }`: this document's field ← the chosen one's).
 */
export interface FieldLink {
  readonly db: DbName;
  readonly forms: readonly string[];
  readonly fill: Readonly<Record<string, string>>;
}

/**
 * Choices an administrator extends or relabels in a settings document of the form's database (the
 * CRM settings' categories, custom-field names, stage probabilities). `choices` reads them from
 * that document (null: not saved yet). The workstation resolves them from its replica, the server
 * from its store; validation takes only those values, and a value a document already had.
 */
export interface ChoicesFrom {
  readonly docId: string;
  readonly choices: (settings: Doc | null) => readonly Choice[];
}

export interface FieldDef {
  readonly type: FieldType;
  readonly label: Label;
  readonly required?: boolean;
  /** Value given on creation when the field is empty. */
  readonly default?: DocValue | ((ctx: SaveContext) => DocValue);
  /**
   * Offered (shown and changeable) in a new document a person opens in the workstation's form, and
   * never added on save: what imports, web forms and mail create keeps its own rules. Undefined
   * offers nothing.
   */
  readonly formDefault?: (ctx: SaveContext) => DocValue;
  /** Evaluated on every save; the stored value is always the computed one. */
  readonly computed?: (doc: Doc, ctx: SaveContext) => DocValue;
  readonly choices?: readonly Choice[];
  /** The choices are suggestions: other values (a source nobody listed) are accepted too. */
  readonly openChoices?: boolean;
  /** The choices as configured in a settings document; `choices` are those before anyone configured them. */
  readonly choicesFrom?: ChoicesFrom;
  /** For a list: a view (of `db`) whose top categories are offered as values, those already in use (a Q&A's 类别). */
  readonly suggestFrom?: { readonly db: DbName; readonly viewId: string };
  /** A typed text as the value stored (德国, Germany → DE), applied on every save wherever it is prepared. */
  readonly normalize?: (text: string) => string;
  /** For `objects`: the fields of each entry (an order line's product, quantity, price), checked like a form's. */
  readonly columns?: Readonly<Record<string, FieldDef>>;
  readonly maxLength?: number;
  /** For lists and `objects`: the most entries (1000 when not given). */
  readonly maxItems?: number;
  readonly min?: number;
  readonly max?: number;
  /** A person's name: surname-aware pinyin, and initials kept for search (`zs` finds 张三). */
  readonly personName?: boolean;
  /** For a text column of `objects`: one person or group of the directory, picked like a `names` field and stored as text. */
  readonly directoryName?: boolean;
  /** Names, companies and titles that users look up by pinyin initials. */
  readonly pinyin?: boolean;
  /**
   * Views sort or categorise by this text field: its pinyin sort key is kept in `$sort` on save.
   * Only such fields get one (a key costs a pinyin conversion on every save); views/ refuses to
   * sort by a text field that is not sortable.
   */
  readonly sortable?: boolean;
  /** The id of a linked document, chosen with a picker in the workstation. */
  readonly link?: FieldLink;
}

export interface FieldError {
  readonly field: string;
  readonly code: 'required' | 'type' | 'choice' | 'too_long' | 'range' | 'format' | 'rule';
  readonly message: Label;
}

/** Files a form takes (Notes' file attachments): kept as the document's CouchDB attachments. */
export interface AttachmentsDef {
  readonly label: Label;
  /** The largest file, in bytes. Every replica holds every file it may read, offline too. */
  readonly maxBytes: number;
  /** All the document's files together, in bytes. */
  readonly maxTotalBytes: number;
  /**
   * Whether a person may add or remove files on this document (an outgoing mail, not a received
   * one); without it, anyone who may edit may. The server's gateways always may.
   */
  readonly userMay?: (doc: Doc) => boolean;
}

export interface FormDef {
  /** The value of the document's `form` item. */
  readonly name: string;
  readonly label: Label;
  readonly db: DbName;
  /** Other databases its documents may live in too (a notice in `office`, beside what it is about). */
  readonly alsoIn?: readonly DbName[];
  /** Response forms must name a parent document. */
  readonly response?: boolean;
  readonly fields: Readonly<Record<string, FieldDef>>;
  /** The field that names the document in lists and titles. */
  readonly titleField: string;
  /** Access fields given to a new document that does not set its own. */
  readonly defaultReaders?: (doc: Doc, ctx: SaveContext) => string[];
  readonly defaultAuthors?: (doc: Doc, ctx: SaveContext) => string[];
  /**
   * Only people with at least this level in the database may create, edit or delete documents of
   * this form, whatever their ACL entry's "create documents" says (Notes' form create access).
   */
  readonly minimumLevel?: AccessLevel;
  /** The one document of this form (a database's settings) has this id: a new one is made under it, no other is accepted. */
  readonly fixedId?: string;
  /** Whether documents of this form take files, and how large; absent: files are refused. */
  readonly attachments?: AttachmentsDef;
  /** Fields only the server writes (its stamps and counts): shown, never offered for editing. */
  readonly serverFields?: readonly string[];
  /** The approval route documents of this form go through (design/approval), when they need one. */
  readonly approval?: ApprovalDef;
  /** Rules across fields, run after the per-field checks. */
  readonly rules?: (doc: Doc, oldDoc: Doc | null, user: UserContext) => FieldError[];
}

export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

const fieldLists = new WeakMap<FormDef, readonly (readonly [string, FieldDef])[]>();

/** A form's fields as [name, definition] pairs, listed once per form (every save walks them). */
export function fieldsOf(form: FormDef): readonly (readonly [string, FieldDef])[] {
  let fields = fieldLists.get(form);
  if (!fields) {
    fields = Object.entries(form.fields);
    fieldLists.set(form, fields);
  }
  return fields;
}

export function defineForm<const F extends FormDef>(form: F): F {
  if (!(form.titleField in form.fields)) throw new Error(`form ${form.name}: titleField ${form.titleField} is not a field`);
  return form;
}
