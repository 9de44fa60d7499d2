import type { EndpointPreflight } from '../../../../../shared/contract/wizardChannels';
import { useLocale, useT } from '../../../i18n';
import { formatBytes } from '../../../../../shared/format';
import { ProgressBar } from '../../../ui/ProgressBar';

/** Free memory and disk per node: the bar fills with what is free, as its label says. */
export function NodeCapacity({ nodes }: { nodes: EndpointPreflight['nodes'] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <table className="table capacity" data-testid="capacity">
      <caption className="visually-hidden">{t('connect.capacity')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('connect.node')}</th>
          <th scope="col">{t('connect.memoryFree')}</th>
          <th scope="col">{t('connect.diskFree')}</th>
        </tr>
      </thead>
      <tbody>
        {nodes.map((node) => {
          const memoryFree = node.memoryTotalBytes > 0 ? node.memoryFreeBytes / node.memoryTotalBytes : 0;
          const diskFree = node.diskTotalBytes > 0 ? node.diskFreeBytes / node.diskTotalBytes : 0;
          const memory = t('connect.freeOf', { free: formatBytes(node.memoryFreeBytes, locale), total: formatBytes(node.memoryTotalBytes, locale) });
          const disk = t('connect.freeOf', { free: formatBytes(node.diskFreeBytes, locale), total: formatBytes(node.diskTotalBytes, locale) });
          return (
            <tr key={node.node} data-testid="node" data-node={node.node} data-online={node.online}>
              <th scope="row">
                {node.node} {!node.online && <span className="sev sev--blocker">{t('connect.offline')}</span>}
              </th>
              <td className="cell-progress">
                <ProgressBar fraction={memoryFree} label={`${node.node}: ${t('connect.memoryFree')}`} valueText={memory} />
                <small>{memory}</small>
              </td>
              <td className="cell-progress">
                <ProgressBar fraction={diskFree} label={`${node.node}: ${t('connect.diskFree')}`} valueText={disk} />
                <small>{disk}</small>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
