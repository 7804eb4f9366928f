/**
 * The background rejects a bad entity with a message like
 *   "invalid entity.create: input.name: must not be empty; input.aliases.2.text: must not be empty"
 * This turns it into words attached to the form's fields ("Name must not be empty.").
 */
export type EntityField = 'name' | 'type' | 'aliases' | 'notes' | 'tags' | 'links';

export interface EntityErrors {
  fields: Partial<Record<EntityField, string>>;
  /** Anything not about one field (storage failures, duplicates, …), in words. */
  general: string[];
}

const FIELD_LABELS: Record<EntityField, string> = {
  name: 'Name',
  type: 'Type',
  aliases: 'Aliases',
  notes: 'Notes',
  tags: 'Tags',
  links: 'References',
};

function isField(s: string | undefined): s is EntityField {
  return s !== undefined && Object.prototype.hasOwnProperty.call(FIELD_LABELS, s);
}

function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  const capital = t[0]!.toUpperCase() + t.slice(1);
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
}

export function describeEntityError(message: string): EntityErrors {
  const result: EntityErrors = { fields: {}, general: [] };
  const match = /^invalid entity\.(?:create|update): (.*)$/s.exec(message);
  if (!match) {
    result.general.push(sentence(message));
    return result;
  }
  for (const part of match[1]!.split('; ')) {
    const m = /^([^:]+): (.*)$/s.exec(part);
    const path = m ? m[1]!.split('.') : [];
    const field = path[0] === 'input' ? path[1] : undefined;
    if (!m || !isField(field)) {
      result.general.push(sentence(part));
      continue;
    }
    let text: string;
    if (field === 'aliases' && path[2] !== undefined && /^\d+$/.test(path[2])) {
      text = `Alias ${Number(path[2]) + 1} ${m[2]}`;
    } else if ((field === 'tags' || field === 'links') && path[2] !== undefined && /^\d+$/.test(path[2])) {
      text = `${field === 'tags' ? 'Tag' : 'Reference'} ${Number(path[2]) + 1} ${m[2]}`;
    } else {
      text = `${FIELD_LABELS[field]} ${m[2]}`;
    }
    const prev = result.fields[field];
    result.fields[field] = prev ? `${prev} ${sentence(text)}` : sentence(text);
  }
  return result;
}
