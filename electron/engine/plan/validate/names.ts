import { entityLists, whereOf, type EntityList, type Plan, type Sourced } from '../../../../shared/plan/model';
import { dnsSafe, isDnsLabel, MAX_LABEL_LENGTH } from '../formats';
import { ValidationContext } from './context';

/** Names become host names, object names and references: DNS-safe, at most 63 characters, unique per kind (case-insensitive). */
export function checkNames(plan: Plan, context: ValidationContext): void {
  for (const list of entityLists) {
    const seen = new Map<string, Sourced<{ name: string }>>();
    for (const entity of plan[list] as Array<Sourced<{ name: string }>>) {
      checkName(list, entity, context);
      if (entity.name === '') continue;
      const key = entity.name.toLowerCase();
      const first = seen.get(key);
      if (first) {
        context.add('name.duplicate', whereOf(entity, 'name'), { kind: context.kind(list), value: entity.name, first: ValidationContext.at(first, 'name') });
      } else {
        seen.set(key, entity);
      }
    }
  }
}

function checkName(list: EntityList, entity: Sourced<{ name: string }>, context: ValidationContext): void {
  const name = entity.name;
  if (name === '') {
    context.addFor('value.required', list, entity, 'name');
    return;
  }
  if (name.length > MAX_LABEL_LENGTH) {
    context.add('name.too_long', whereOf(entity, 'name'), { kind: context.kind(list), value: name, length: name.length });
    return;
  }
  if (!isDnsLabel(name)) context.add('name.invalid', whereOf(entity, 'name'), { kind: context.kind(list), value: name, suggestion: dnsSafe(name) });
}
