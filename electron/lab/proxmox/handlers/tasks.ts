import type { LabContext } from '../context';
import { PveError, pveFail } from '../reply';
import { isUpid } from '../state/tasks';
import { nodeOf, num, params, WithAttributes, type HandlerDef } from './common';

function findTask(lab: LabContext, node: string, upid: string) {
  if (!isUpid(upid)) throw new PveError(400, `unable to parse worker upid '${upid}'`);
  const task = lab.tasks.get(upid);
  if (!task || task.node !== node) throw pveFail('no such task');
  return task;
}

/** GET /nodes/{node}/tasks/{upid}/status */
export const taskStatus: HandlerDef = params(({ lab, params: p }) => {
  const task = findTask(lab, nodeOf(p), String(p.upid));
  const status: Record<string, unknown> = {
    upid: task.upid, node: task.node, pid: task.pid, pstart: task.pstart, starttime: task.starttime,
    type: task.type, id: task.id, user: task.user, status: task.state.kind,
  };
  if (task.state.kind === 'stopped') status.exitstatus = task.state.exitstatus;
  return status;
});

/** GET /nodes/{node}/tasks/{upid}/log: lines `{n, t}` from `start` (0-based), `limit` of them, and `total`. */
export const taskLog: HandlerDef = params(({ lab, params: p }) => {
  const task = findTask(lab, nodeOf(p), String(p.upid));
  const start = num(p, 'start') ?? 0;
  const limit = num(p, 'limit') ?? 50;
  const lines = task.log.length > 0 ? task.log : ['no content'];
  const slice = lines.slice(start, limit === 0 ? undefined : start + limit).map((t, index) => ({ n: start + index + 1, t }));
  return new WithAttributes(slice, { total: lines.length });
});
