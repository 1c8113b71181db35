/**
 * The API groups kube-apiserver serves itself, as opposed to groups that CRDs or
 * aggregated API servers add. Read from kube-apiserver's own list of storage providers
 * (k8s.io/kubernetes v1.33, pkg/controlplane/instance.go, plus the apiextensions and
 * apiregistration servers it chains). Discovery offers every other group as custom
 * resources, so `*.k8s.io` add-ons such as the Gateway API (gateway.networking.k8s.io) or
 * volume snapshots (snapshot.storage.k8s.io) appear, while Kubernetes' own kinds that have
 * no table yet (HPA, Lease, EndpointSlice, RBAC, ...) do not crowd the sidebar. A group a
 * newer Kubernetes adds appears as custom until it is listed here.
 */
export const KUBERNETES_API_GROUPS: ReadonlySet<string> = new Set([
  '',
  'internal.apiserver.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
  'storagemigration.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'apps',
  'admissionregistration.k8s.io',
  'events.k8s.io',
  'resource.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
]);
