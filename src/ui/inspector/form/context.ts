/**
 * What every field of one inspector form shares: whose config it edits, how to commit a value
 * through the document's one edit path, and how to find the field's message among the
 * schema's errors.
 */
import { createContext, useContext } from 'react';
import { formatPath } from '../../../model';
import { errorsAt, useDocument, type EditResult } from '../../store';
import type { ChangePath, ChangeTarget } from '../../edit/changes';
import type { Scope } from '../schema/fieldInfo';

export interface FormContextValue {
  scope: Scope;
  target: ChangeTarget;
  /** The config's path in the document, for error messages: `nodes[3].config`. */
  docPrefix: string;
  /** Where the config sits in the target: `['config']`. */
  base: ChangePath;
  /** Node ids a reference field may name (a gateway's downstream nodes). */
  downstream: readonly string[];
  /** Top-level fields a running simulation takes live. */
  liveFields: ReadonlySet<string>;
}

export const FormContext = createContext<FormContextValue | null>(null);

export function useForm(): FormContextValue {
  const ctx = useContext(FormContext);
  if (!ctx) throw new Error('a schema field must be inside a FormContext');
  return ctx;
}

/** The message for one field from an edit's errors, naming the field (`retry.maxAttempts: …`). */
export function messageFor(result: EditResult, ctx: FormContextValue, path: readonly (string | number)[]): string | null {
  if (result.ok) return null;
  const full = `${ctx.docPrefix}.${formatPath(path)}`;
  const mine = errorsAt(result.errors, full)[0] ?? errorsAt(result.errors, ctx.docPrefix)[0];
  if (mine) return `${mine.path.slice(ctx.docPrefix.length + 1) || formatPath(path)}: ${mine.message}`;
  const first = result.errors[0];
  return first ? `${first.path}: ${first.message}` : `${formatPath(path)}: invalid value`;
}

/**
 * Commits a value at `path` in the config; gives the field's message when it is refused.
 * `typing`: a keystroke in a text field, merged with the field's other keystrokes of a burst
 * into one undo step (a switch or a choice is a step of its own).
 */
export function commitField(ctx: FormContextValue, path: readonly (string | number)[], value: unknown, typing = false): string | null {
  const targetKey = ctx.target.type === 'scenario' ? 'scenario' : `${ctx.target.type}:${ctx.target.id}`;
  const group = typing ? `${targetKey}:${path.join('.')}` : undefined;
  const result = useDocument.getState().setField(ctx.target, [...ctx.base, ...path], value, group);
  return messageFor(result, ctx, path);
}
