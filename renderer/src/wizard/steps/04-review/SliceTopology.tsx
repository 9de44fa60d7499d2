import { useId } from 'react';
import { useT, type MessageKey } from '../../../i18n';
import type { SliceView } from '../../../lib/sliceView';
import { nodePositions } from '../../../lib/sliceView';

const SIZE = 240;
const RADIUS = 14;

/**
 * One slice: its topology drawn (nodes and links, with a title and a
 * description naming every link), the same in a table of nodes, networks
 * and neighbours, and the zone each node goes to with the reason.
 */
export function SliceTopology({ view }: { view: SliceView }) {
  const t = useT();
  const id = useId();
  const { slice, expansion, placements } = view;
  const topology = t(`review.topology.${slice.topology}` as MessageKey);
  if (expansion.kind !== 'expanded') {
    return (
      <div className="slice" data-testid="slice" data-slice={slice.name}>
        <h3>{t('review.sliceHeading', { slice: slice.name, endpoint: slice.endpoint })}</h3>
        <p className="muted" data-testid="slice-invalid">
          {t('review.sliceInvalid', { origin: view.origin ?? slice.name })}
        </p>
      </div>
    );
  }
  const spots = nodePositions(slice.topology, expansion.nodes.length);
  const at = new Map(expansion.nodes.map((node, k) => [node.name, spots[k]!]));
  const pairs = expansion.links.map(([a, b]) => `${a}–${b}`).join(', ');
  const neighbours = (name: string) => expansion.links.flatMap(([a, b]) => (a === name ? [b] : b === name ? [a] : []));
  const zoneParams = { zones: view.zoneNames.join(', ') || '—' };
  const scale = (value: number) => RADIUS + value * (SIZE - 2 * RADIUS);
  return (
    <div className="slice" data-testid="slice" data-slice={slice.name}>
      <h3>{t('review.sliceHeading', { slice: slice.name, endpoint: slice.endpoint })}</h3>
      <p className="muted">{t('review.sliceSummary', { topology, count: expansion.nodes.length, links: expansion.links.length })}</p>
      <div className="slice__body">
        <svg className="slice__drawing" viewBox={`0 0 ${SIZE} ${SIZE}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} data-testid="slice-drawing">
          <title id={`${id}-title`}>{t('review.sliceDrawingTitle', { slice: slice.name })}</title>
          <desc id={`${id}-desc`}>{t('review.sliceDrawingDesc', { topology, count: expansion.nodes.length, pairs })}</desc>
          {expansion.links.map(([a, b]) => (
            <line key={`${a}-${b}`} className="slice__link" data-testid="slice-link" x1={scale(at.get(a)!.x)} y1={scale(at.get(a)!.y)} x2={scale(at.get(b)!.x)} y2={scale(at.get(b)!.y)} />
          ))}
          {expansion.nodes.map((node) => (
            <g key={node.name} className="slice__node" data-testid="slice-node" data-node={node.name}>
              <circle cx={scale(at.get(node.name)!.x)} cy={scale(at.get(node.name)!.y)} r={RADIUS} />
              <text x={scale(at.get(node.name)!.x)} y={scale(at.get(node.name)!.y)} dy="0.35em" textAnchor="middle">
                {node.number}
              </text>
            </g>
          ))}
        </svg>
        <table className="slice__table" data-testid="slice-nodes">
          <caption>{t('review.sliceTableCaption', { slice: slice.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('review.sliceNodeColumn')}</th>
              <th scope="col">{t('review.slicePortsColumn')}</th>
              <th scope="col">{t('review.sliceLinkedColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {expansion.nodes.map((node) => (
              <tr key={node.name} data-node={node.name}>
                <th scope="row">
                  {node.number}. {node.name}
                </th>
                <td className="mono">
                  {node.ports.map((port) => (
                    <div key={port.network}>
                      {port.network} {port.ip}
                    </div>
                  ))}
                </td>
                <td>{neighbours(node.name).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <table className="slice__table" data-testid="slice-zones">
        <caption>{t('review.zoneTableCaption', { slice: slice.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('review.sliceNodeColumn')}</th>
            <th scope="col">{t('review.zoneColumn')}</th>
            <th scope="col">{t('review.zoneWhyColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {placements.map((placement) => (
            <tr key={placement.node} data-node={placement.node} data-zone={placement.zone ?? ''} data-reason={placement.reason}>
              <th scope="row">{placement.node}</th>
              <td>{placement.zone ?? t('review.zoneScheduler')}</td>
              <td>{t(`review.zoneReason.${placement.reason}` as MessageKey, zoneParams)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Every slice of the plan, when it has any (OpenStack). */
export function Slices({ views }: { views: SliceView[] }) {
  const t = useT();
  if (views.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="slices-title" data-testid="slices">
      <h2 id="slices-title">{t('review.slicesTitle')}</h2>
      {views.map((view) => (
        <SliceTopology key={view.slice.name} view={view} />
      ))}
    </section>
  );
}
