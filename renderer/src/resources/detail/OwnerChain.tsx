import { useEffect, useState } from 'react';
import { builtinKindNamed, type KindId } from '../../../../shared/kube/kinds';
import type { KubeObject } from '../../../../shared/kube/object-types';
import { formatRoute, objectParam, viewOfKind } from '../../data/route';
import type { SummarySectionProps } from '../../ui/detail/detail-sections';

interface Link {
  kind: string;
  name: string;
}

/** Pod → ReplicaSet → Deployment (and the like) as links, followed up to three owners. */
export function OwnerChain(props: SummarySectionProps) {
  const { context } = props.target;
  const [chain, setChain] = useState<Link[]>([]);
  const namespace = props.object.metadata?.namespace;
  // The object is refetched on every update of its row; its owners rarely change. Walk the
  // chain again only when they do, not on every status change of the pod.
  const ownersKey = JSON.stringify(props.object.metadata?.ownerReferences ?? []);
  useEffect(() => {
    let cancelled = false;
    const walk = async () => {
      const links: Link[] = [];
      const start: KubeObject = { metadata: { ownerReferences: JSON.parse(ownersKey) as [] } };
      let current: KubeObject | undefined = start;
      for (let depth = 0; current && depth < 3; depth++) {
        const refs: NonNullable<KubeObject['metadata']>['ownerReferences'] =
          current.metadata?.ownerReferences;
        const owner: { kind?: string; name?: string } | undefined =
          refs?.find((o) => o.controller) ?? refs?.[0];
        if (!owner?.kind || !owner.name) break;
        links.push({ kind: owner.kind, name: owner.name });
        const kind: KindId | undefined = builtinKindNamed(owner.kind)?.id;
        if (!kind) break;
        const next: KubeObject | undefined = await props.api
          .request('resource.get', {
            context,
            kind,
            name: owner.name,
            ...(namespace ? { namespace } : {}),
          })
          .catch(() => undefined);
        current = next;
      }
      if (!cancelled) setChain(links);
    };
    void walk();
    return () => {
      cancelled = true;
    };
  }, [props.api, context, ownersKey, namespace]);

  if (chain.length === 0) return null;
  return (
    <nav aria-label="Owners" className="owner-chain">
      {chain.map((link, i) => {
        const view = viewOfKind(link.kind);
        const target = view
          ? formatRoute({
              ...props.route,
              view,
              object: objectParam(namespace, link.name),
            })
          : undefined;
        return (
          <span key={`${link.kind}/${link.name}`}>
            {i > 0 && <span aria-hidden="true"> ← </span>}
            {target ? (
              <a href={target}>{`${link.kind} ${link.name}`}</a>
            ) : (
              `${link.kind} ${link.name}`
            )}
          </span>
        );
      })}
    </nav>
  );
}
