/**
 * The access document's JSON Schema as a reference page (`uar-check schema --markdown`, committed as
 * docs/access-document.md): one table per object — property, type, required, description — reached from `input`
 * through properties, array items and alternatives. An object met again with the same schema (a label, a
 * resource) is described once and referred to by the path where it was first met.
 */

type Schema = Record<string, unknown>;

interface Table {
  path: string;
  intro: string;
  rows: string[];
}

const isObjectSchema = (s: Schema): boolean => s.type === 'object' && typeof s.properties === 'object';

function alternatives(s: Schema): Schema[] | null {
  const list = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  return Array.isArray(list) ? list : null;
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
export function headingAnchor(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

/** A table cell: pipes escaped, one line, and `<` `>` as entities so "app.segment.com/<slug>" is not read as HTML. */
const cell = (text: string): string =>
  text
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\s*\n\s*/g, ' ');
const code = (text: string): string => `\`${text}\``;
const link = (path: string): string => `[${code(path)}](#${headingAnchor(path)})`;

class Renderer {
  private readonly tables: Table[] = [];
  /** Object schemas already given a table, by their JSON text → the path of that table. */
  private readonly seen = new Map<string, string>();

  render(root: Schema): Table[] {
    this.object(root, 'input', '');
    return this.tables;
  }

  /** Gives the object at `path` a table (or finds the one it already has) and returns that table's path. */
  private object(s: Schema, path: string, intro: string): string {
    const key = JSON.stringify(s);
    const known = this.seen.get(key);
    if (known) return known;
    this.seen.set(key, path);
    const table: Table = { path, intro, rows: [] };
    this.tables.push(table);
    const required = new Set((s.required as string[] | undefined) ?? []);
    for (const [name, prop] of Object.entries(s.properties as Record<string, Schema>)) {
      const description = typeof prop.description === 'string' ? prop.description : '';
      const type = this.type(prop, `${path}.${name}`, description);
      table.rows.push(
        `| ${code(name)} | ${cell(type)} | ${required.has(name) ? 'yes' : 'no'} | ${cell(description)} |`,
      );
    }
    return path;
  }

  /** The type as text; objects inside get their own table, named after `path`. */
  private type(s: Schema, path: string, intro: string): string {
    if ('const' in s) return code(JSON.stringify(s.const));
    if (Array.isArray(s.enum)) return s.enum.map((v) => code(JSON.stringify(v))).join(' | ');
    const alts = alternatives(s);
    if (alts) {
      const objects = alts.filter(isObjectSchema);
      if (objects.length > 1) return `one of: ${this.variants(objects, path, intro)}`;
      return alts.map((a) => this.type(a, path, intro)).join(' | ');
    }
    if (s.type === 'array') return `array of ${this.type((s.items as Schema) ?? {}, `${path}[]`, intro)}`;
    if (isObjectSchema(s)) return `object (${link(this.object(s, path, intro))})`;
    if (s.type === 'string' && typeof s.pattern === 'string') return `string matching ${code(s.pattern)}`;
    if (typeof s.type === 'string') return s.type;
    if (Array.isArray(s.type)) return s.type.join(' | ');
    return 'any';
  }

  /** Alternative object shapes (a discriminated union): one table each, named by their discriminating constant. */
  private variants(objects: Schema[], path: string, intro: string): string {
    return objects
      .map((o, i) => {
        const props = o.properties as Record<string, Schema>;
        const tag = Object.entries(props).find(([, p]) => 'const' in p);
        const suffix = tag ? `(${tag[0]}=${String(tag[1].const)})` : `(${i + 1})`;
        return link(this.object(o, `${path}${suffix}`, intro));
      })
      .join(', ');
  }
}

export function schemaMarkdown(schema: Schema, header: string[]): string {
  const tables = new Renderer().render(schema);
  const out = [...header, ''];
  for (const t of tables) {
    out.push(`## ${code(t.path)}`, '');
    if (t.intro) out.push(t.intro, '');
    out.push('| property | type | required | description |', '| --- | --- | --- | --- |', ...t.rows, '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
