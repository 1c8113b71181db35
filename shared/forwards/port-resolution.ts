/**
 * Which container port a forward dials on a given pod, resolved exactly as `kubectl
 * port-forward` resolves it (k8s.io/kubectl pkg/cmd/portforward/portforward.go and
 * pkg/util): a Service's port (number or name) through translateServicePortToTargetPort
 * (LookupServicePortNumberByName, LookupContainerPortNumberByServicePort: an omitted
 * targetPort is the port itself, a headless Service forwards the port as is, a named
 * targetPort is looked up on the pod); a pod or workload's named port through
 * convertPodNamedPortToNumber (containers first, then init containers); UDP-only ports
 * refused (checkUDPPortInService / checkUDPPortInPod). Errors carry kubectl's words.
 * Resolved per pod: a named targetPort may map to different numbers on old and new pods.
 */
import type { PodFacts, ServiceFacts } from './target-facts';

export type Resolved = { ok: true; port: number } | { ok: false; error: string };

/** LookupContainerPortNumberByName. */
function containerPortByName(pod: PodFacts, name: string): Resolved {
  const regular = pod.ports.find((p) => !p.init && p.name === name);
  const found = regular ?? pod.ports.find((p) => p.init && p.name === name);
  return found
    ? { ok: true, port: found.port }
    : { ok: false, error: `Pod '${pod.name}' does not have a named port '${name}'` };
}

/** UDP-only numbers (declared UDP and never TCP) among a list of (port, protocol). */
function udpOnly(ports: Array<{ port: number; protocol: string }>): Set<number> {
  const udp = new Set<number>();
  const tcp = new Set<number>();
  for (const p of ports) {
    if (p.protocol === 'UDP') udp.add(p.port);
    else if (p.protocol === 'TCP') tcp.add(p.port);
  }
  for (const n of tcp) udp.delete(n);
  return udp;
}

/** The Service port number `port` names (checks the service side only, pod-independent). */
export function servicePortNumber(service: ServiceFacts, port: number | string): Resolved {
  let number: number;
  if (typeof port === 'number') number = port;
  else {
    const named = service.ports.find((p) => p.name === port);
    if (!named)
      return {
        ok: false,
        error: `Service '${service.name}' does not have a named port '${port}'`,
      };
    number = named.port;
  }
  if (udpOnly(service.ports).has(number))
    return { ok: false, error: `UDP protocol is not supported for ${String(port)}` };
  if (!service.ports.some((p) => p.port === number))
    return {
      ok: false,
      error: `Service ${service.name} does not have a service port ${number}`,
    };
  return { ok: true, port: number };
}

/** translateServicePortToTargetPort for one port, on one pod. */
export function serviceTargetPort(
  service: ServiceFacts,
  pod: PodFacts,
  port: number | string,
): Resolved {
  const svc = servicePortNumber(service, port);
  if (!svc.ok) return svc;
  const spec = service.ports.find((p) => p.port === svc.port)!;
  if (service.clusterIP === 'None') return { ok: true, port: svc.port };
  const target = spec.targetPort;
  if (target === null || target === 0 || target === '') return { ok: true, port: spec.port };
  if (typeof target === 'number') return { ok: true, port: target };
  // intstr: a string that is all digits parses as a number on the API side already.
  if (/^\d+$/.test(target)) return { ok: true, port: Number(target) };
  return containerPortByName(pod, target);
}

/** convertPodNamedPortToNumber (and checkUDPPortInPod) for one port, on one pod. */
export function podPort(pod: PodFacts, port: number | string): Resolved {
  const resolved =
    typeof port === 'number' ? { ok: true as const, port } : containerPortByName(pod, port);
  if (!resolved.ok) return resolved;
  if (udpOnly(pod.ports.filter((p) => !p.init)).has(resolved.port))
    return { ok: false, error: `UDP protocol is not supported for ${String(port)}` };
  return resolved;
}
