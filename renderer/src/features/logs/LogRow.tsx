import { memo } from 'react';
import type { LogLine } from '../../../../shared/runModel';
import { formatClock } from '../../../../shared/format';
import { useEngineWords } from '../../i18n';

const levelMarks = { debug: 'DBG', info: 'INF', warn: 'WRN', error: 'ERR' } as const;

/** The text with the first match of the search marked, so the eye finds why the line is shown. */
function highlighted(text: string, query: string) {
  const needle = query.trim();
  if (needle === '') return text;
  const at = text.toLowerCase().indexOf(needle.toLowerCase());
  if (at < 0) return text;
  return (
    <>
      {text.slice(0, at)}
      <mark>{text.slice(at, at + needle.length)}</mark>
      {text.slice(at + needle.length)}
    </>
  );
}

export const LogRow = memo(function LogRow({ line, target, top, query }: { line: LogLine; target: string; top: number; query: string }) {
  const words = useEngineWords();
  return (
    <div className={`log-row log-row--${line.level}`} style={{ transform: `translateY(${top}px)` }} data-seq={line.seq} data-testid="log-row" data-words={line.textRef ? "rackpilot" : "platform"}>
      <span className="log-row__time">{formatClock(line.at)}</span>
      <span className="log-row__level">{levelMarks[line.level]}</span>
      <span className="log-row__target" title={line.stepId ?? undefined}>
        {target}
      </span>
      <span className="log-row__text">{highlighted(words.logText(line), query)}</span>
    </div>
  );
});
