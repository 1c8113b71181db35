/**
 * What a whole-namespace forward does with each Service, decided from the Service alone:
 * which of its ports are forwarded and, for the Services port-forward cannot reach, why
 * not. Port-forward always ends at a pod (the API server's pods/portforward), so:
 * - a Service with a selector (ClusterIP, NodePort, LoadBalancer, or headless with
 *   clusterIP None) is forwarded, each TCP port to its targetPort on a ready pod behind it
 *   (headless: one ready pod, as kubectl does; per-pod names are not offered); while no
 *   pod is ready its forwards wait ("Waiting for a ready pod") and pick one up when ready;
 * - an ExternalName Service is a DNS alias outside the cluster: skipped;
 * - a Service without a selector has hand-made endpoints, usually outside the cluster
 *   (kubectl refuses it too: "Service is defined without a selector"): skipped;
 * - UDP and SCTP ports are skipped (port-forward carries TCP only); a Service with no TCP
 *   port left is skipped.
 * Also the hosts-file line to offer for a Service's address (never written by us).
 */
import type { KubeObject } from '../../shared/kube/object-types';
import { serviceFacts, type ServiceFacts } from '../../shared/forwards/target-facts';

/** The cluster domain of the names offered in hosts lines (kubelet's default). */
export const CLUSTER_DOMAIN = 'cluster.local';

export interface ServicePortFacts {
  /** '' when the Service's only port is unnamed. */
  name: string;
  port: number;
  protocol: string;
}

/**
 * What the namespace forward reads of a Service, from the engine's Service facts (the
 * same shared watch: main/forwards/projections.ts forwardServices).
 */
export interface ServiceSummary {
  uid: string;
  name: string;
  type: string;
  headless: boolean;
  hasSelector: boolean;
  ports: ServicePortFacts[];
}

export function summarizeService(facts: ServiceFacts): ServiceSummary {
  return {
    uid: facts.uid,
    name: facts.name,
    type: facts.type,
    headless: facts.clusterIP === 'None',
    hasSelector: facts.selector !== null && Object.keys(facts.selector).length > 0,
    ports: facts.ports
      .filter((p) => Number.isInteger(p.port) && p.port > 0 && p.port <= 65_535)
      .map((p) => ({ name: p.name, port: p.port, protocol: p.protocol })),
  };
}

/** A Service object straight to its summary (tests, and anyone holding whole objects). */
export function projectService(object: KubeObject): ServiceSummary {
  return summarizeService(serviceFacts(object));
}

export interface SkippedPort {
  port: number;
  name: string;
  reason: string;
}

export type ServicePlan =
  | {
      action: 'forward';
      ports: ServicePortFacts[];
      skippedPorts: SkippedPort[];
      /** What the user should know about this Service's forward (headless), or ''. */
      note: string;
    }
  | { action: 'skip'; reason: string };

export function planService(service: ServiceSummary): ServicePlan {
  if (service.type === 'ExternalName')
    return {
      action: 'skip',
      reason:
        'ExternalName Service (a DNS alias of a name outside the cluster): no pod to forward to',
    };
  if (!service.hasSelector)
    return {
      action: 'skip',
      reason: 'no selector: its endpoints are set by hand, not pods port-forward can reach',
    };
  const ports = service.ports.filter((p) => p.protocol === 'TCP');
  const skippedPorts = service.ports
    .filter((p) => p.protocol !== 'TCP')
    .map((p) => ({
      port: p.port,
      name: p.name,
      reason: `${p.protocol} is not carried by port-forward (TCP only)`,
    }));
  if (ports.length === 0)
    return {
      action: 'skip',
      reason:
        service.ports.length === 0
          ? 'declares no ports'
          : 'declares no TCP port (port-forward carries TCP only)',
    };
  return {
    action: 'forward',
    ports,
    skippedPorts,
    note: service.headless ? 'headless: forwarded to one ready pod' : '',
  };
}

/** `127.1.0.3 web web.team-a web.team-a.svc.cluster.local`: what /etc/hosts needs. */
export function hostsLine(address: string, namespace: string, name: string): string {
  return `${address} ${name} ${name}.${namespace} ${name}.${namespace}.svc.${CLUSTER_DOMAIN}`;
}
