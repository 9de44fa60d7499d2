import { useLocale, useStepTitle, useT } from '../../../i18n';
import { formatBytes } from '../../../../../shared/format';
import type { EndpointGroup } from '../../../lib/planView';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

/** What will be created where: endpoint, then the node each VM prefers, then the VMs and uploads there. */
export function Placement({ groups }: { groups: EndpointGroup[] }) {
  const t = useT();
  const titleOf = useStepTitle();
  const locale = useLocale();
  return (
    <section className="panel" aria-labelledby="placement-title" data-testid="placement">
      <h2 id="placement-title">{t('review.placementTitle')}</h2>
      <div>
        {groups.map((group) => (
          <div key={group.endpoint} className="placement__endpoint" data-testid="placement-endpoint" data-endpoint={group.endpoint}>
            <h3>
              {group.endpoint} <small className="muted mono">{[group.kind, group.address].filter(Boolean).join(' · ')}</small>
            </h3>
            {group.nodes.map((node) => (
              <div key={node.node ?? '*'} className="placement__node" data-testid="placement-node" data-node={node.node ?? '*'}>
                <h4>{node.node ? t('review.node', { node: node.node }) : t('review.anyNode')}</h4>
                <ul>
                  {node.uploads.map((upload) => (
                    <li key={upload.stepId} data-testid="placement-upload">
                      ⇪ {titleOf(upload)}
                    </li>
                  ))}
                  {node.vms.map((vm) => (
                    <li key={vm.name} data-testid="placement-vm" data-vm={vm.name}>
                      <strong>{vm.name}</strong>{' '}
                      <span className="muted">
                        {[
                          vm.vcpu !== null ? t('review.vcpu', { count: vm.vcpu }) : null,
                          vm.memoryMiB !== null ? formatBytes(vm.memoryMiB * MiB, locale) : null,
                          vm.diskGiB !== null ? t('review.disk', { size: formatBytes(vm.diskGiB * GiB, locale) }) : null,
                          vm.image,
                          vm.ip,
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </span>
                      {vm.placement.length > 1 && <small className="muted"> {t('review.fallback', { nodes: vm.placement.slice(1).join(', ') })}</small>}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        ))}
      </div>
    </section>
  );
}
