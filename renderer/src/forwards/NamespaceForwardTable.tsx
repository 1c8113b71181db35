import { useState } from 'react';
import type { NamespaceForwardState } from '../../../shared/contract/forwards';
import { formatAddress } from './forward-rows';
import './forwards.css';

/** "http 80 → 127.1.0.3:80, metrics 9113 → …": one Service's forwarded ports. */
function portsText(group: NamespaceForwardState, i: number): string {
  const svc = group.services[i];
  if (!svc) return '';
  return svc.ports
    .map((p) => {
      const name = p.name ? `${p.name} ` : '';
      const local = p.localPort ? formatAddress(svc.address, p.localPort) : 'not bound';
      return `${name}${p.port} → ${local}`;
    })
    .join(', ');
}

/**
 * A namespace forward's result: each Service, the loopback address it listens on and its
 * ports (Services that are not forwarded say why).
 */
export function NamespaceForwardTable({ group }: { group: NamespaceForwardState }) {
  const label = `Services of ${group.namespace}`;
  return (
    <table className="namespace-forward-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col">Address</th>
          <th scope="col">Ports</th>
        </tr>
      </thead>
      <tbody>
        {group.services.length === 0 && (
          <tr>
            <td colSpan={3} className="muted">
              No Services in {group.namespace} yet; new ones are added as they appear.
            </td>
          </tr>
        )}
        {group.services.map((svc, i) => (
          <tr key={svc.service} aria-label={`Service ${svc.service}`}>
            <td className="mono">{svc.service}</td>
            <td className="mono">{svc.skipped ? '–' : svc.address}</td>
            <td className={svc.skipped ? 'muted' : 'mono'}>
              {svc.skipped ? `Not forwarded: ${svc.skipped}` : portsText(group, i)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The hosts-file lines for a namespace forward, with a Copy button. Pilothouse never
 * writes /etc/hosts: the user pastes them where they choose.
 */
export function HostsLines({ group }: { group: NamespaceForwardState }) {
  const [copied, setCopied] = useState<'yes' | 'failed'>();
  if (!group.hostsLines) return null;
  const copy = () =>
    navigator.clipboard.writeText(group.hostsLines).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  return (
    <div className="hosts-block">
      <div className="forwards-toolbar">
        <strong>Hosts-file lines</strong>
        <button
          type="button"
          aria-label={`Copy the hosts-file lines of ${group.namespace}`}
          onClick={() => void copy()}
        >
          Copy
        </button>
        {copied === 'yes' && (
          <span role="status" className="muted">
            Copied. Pilothouse never edits /etc/hosts: paste them there yourself if you want the
            names.
          </span>
        )}
        {copied === 'failed' && (
          <span role="alert">Could not copy; select the lines and copy them.</span>
        )}
      </div>
      <pre className="hosts-lines" aria-label={`Hosts-file lines of ${group.namespace}`}>
        {group.hostsLines}
      </pre>
    </div>
  );
}
