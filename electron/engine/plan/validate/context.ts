import type { Finding, FindingSeverity } from '../../../../shared/plan/findings';
import { formatWhere, makeFinding, type FindingCode, type FindingParams, type Lang } from '../../../../shared/plan/findingCodes';
import { whereOf, type CellRef, type Sourced } from '../../../../shared/plan/model';
import { fieldName, kindName, type AnyList } from './labels';

/** What every check gets: the language, and a place to put findings. */
export class ValidationContext {
  readonly findings: Finding[] = [];

  constructor(readonly lang: Lang = 'en') {}

  add(code: FindingCode, where: CellRef | null, params: FindingParams = {}, severity?: FindingSeverity): void {
    this.findings.push(makeFinding(code, where, params, this.lang, severity ? { severity } : {}));
  }

  /** A finding about one field of an entity: points at its cell (or row) and names the field. */
  addFor<T>(code: FindingCode, list: AnyList | 'project', entity: Sourced<T>, field: keyof T & string, params: FindingParams = {}): void {
    this.add(code, whereOf(entity, field), { field: fieldName(list, field, this.lang), ...params });
  }

  kind(list: AnyList): string {
    return kindName(list, this.lang);
  }

  /** `VMs!C7` of an entity's field, for "already used in …" messages. */
  static at<T>(entity: Sourced<T>, field: keyof T): string {
    return formatWhere(whereOf(entity, field));
  }
}
