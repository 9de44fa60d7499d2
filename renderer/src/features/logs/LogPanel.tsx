import { useCallback, useEffect, useLayoutEffect, useRef, useState, type UIEvent } from 'react';
import { useLocale, useT } from '../../i18n';
import { formatCount } from '../../../../shared/format';
import { isAtBottom, visibleRange } from '../../lib/virtualWindow';
import { useRunStore } from '../runs/runStore';
import { useLogStore } from './logStore';
import { LogRow } from './LogRow';
import { LogToolbar } from './LogToolbar';
import { useLogView } from './useLogView';
import './logPanel.css';

/** Fixed, so that a row's position is its index times this: the basis of the virtual list. */
export const logRowHeight = 20;

/*
 * Follow mode:
 *
 *   following ──user scrolls up──> reading ──user scrolls to the end / "Jump to latest"──> following
 *
 * While following, the rendered window is computed as "the last rows" before
 * the browser has scrolled, so new lines never flash an empty frame. While
 * reading, the line at the top stays put even as old lines are dropped.
 */
export function LogPanel() {
  const t = useT();
  const locale = useLocale();
  const { view, version } = useLogView();
  const follow = useLogStore((state) => state.follow);
  const setFollow = useLogStore((state) => state.setFollow);
  const query = useLogStore((state) => state.filter.query);
  const buffer = useLogStore((state) => state.buffer);
  const olderOmitted = useLogStore((state) => state.olderOmitted);
  const stepTargets = useRunStore((state) => state.stepTargets);
  const viewport = useRef<HTMLDivElement>(null);
  const anchor = useRef<{ index: number; offset: number } | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(320);

  const count = view.length;
  const contentHeight = count * logRowHeight;
  const top = follow ? Math.max(0, contentHeight - height) : scrollTop;
  const { start, end } = visibleRange(top, height, logRowHeight, count);

  useEffect(() => {
    const element = viewport.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    setHeight(element.clientHeight);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    if (follow) {
      element.scrollTop = element.scrollHeight;
      return;
    }
    if (!anchor.current) return;
    const wanted = view.positionOf(anchor.current.index) * logRowHeight + anchor.current.offset;
    if (Math.abs(element.scrollTop - wanted) >= 1) {
      element.scrollTop = wanted;
      setScrollTop(element.scrollTop);
    }
  }, [follow, view, version, count]);

  const handleScroll = useCallback(
    (event: UIEvent<HTMLDivElement>) => {
      const element = event.currentTarget;
      setScrollTop(element.scrollTop);
      const atBottom = isAtBottom(element.scrollTop, element.clientHeight, element.scrollHeight, logRowHeight);
      const firstRow = Math.floor(element.scrollTop / logRowHeight);
      anchor.current = count > 0 ? { index: view.indexAt(Math.min(firstRow, count - 1)), offset: element.scrollTop % logRowHeight } : null;
      setFollow(atBottom);
    },
    [count, view, setFollow],
  );

  const rows = [];
  for (let position = start; position < end; position++) {
    const line = view.lineAt(position);
    if (!line) continue;
    const target = line.stepId === null ? t('logs.runLine') : (stepTargets.get(line.stepId) ?? line.stepId);
    rows.push(<LogRow key={line.seq} line={line} target={target} top={position * logRowHeight} query={query} />);
  }

  return (
    <section className="panel log" aria-labelledby="log-title" data-testid="log-panel">
      <div className="log__header">
        <h2 id="log-title">{t('logs.title')}</h2>
        <LogToolbar />
      </div>
      <div
        ref={viewport}
        className="log__viewport"
        tabIndex={0}
        role="log"
        aria-live="off"
        aria-labelledby="log-title"
        onScroll={handleScroll}
        data-testid="log-viewport"
        data-follow={follow}
      >
        <div className="log__content" style={{ height: contentHeight }}>
          {rows}
        </div>
        {count === 0 && <p className="log__empty">{buffer.size === 0 ? t('logs.empty') : t('logs.noMatch')}</p>}
      </div>
      <div className="log__footer">
        <span data-testid="log-count" data-shown={count} data-total={buffer.size}>
          {t('logs.count', { shown: formatCount(count, locale), total: formatCount(buffer.size, locale) })}
        </span>
        {(olderOmitted || buffer.firstIndex > 0) && (
          <span className="muted" data-testid="log-older-omitted">
            {t('logs.olderOmitted')}
          </span>
        )}
        <span className="header__spacer" />
        <button type="button" className="button button--small" aria-pressed={follow} onClick={() => setFollow(!follow)} data-testid="log-follow">
          {t('logs.follow')}
        </button>
        {!follow && (
          <button type="button" className="button button--small" onClick={() => setFollow(true)} data-testid="log-jump">
            {t('logs.jumpToEnd')}
          </button>
        )}
      </div>
    </section>
  );
}
