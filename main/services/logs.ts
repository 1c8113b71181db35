/** The `logs.follow` stream (engine in main/logs). */
import type { KubeConfig } from '@kubernetes/client-node';
import type { ParsedInputOf } from '../../shared/contract/channels';
import type { LogStreamEvent } from '../../shared/contract/logs';
import { PilotError } from '../../shared/contract/errors';
import type { StreamSink } from '../rpc/dispatcher';
import type { WatchRegistry } from '../watch/watch-registry';

export function followLogs(
  _watches: WatchRegistry,
  _kubeConfig: (context: string) => KubeConfig,
  _input: ParsedInputOf<'logs.follow'>,
  sink: StreamSink<LogStreamEvent>,
  _signal: AbortSignal,
): void {
  sink.fail(new PilotError('Internal', 'the log engine is not built yet'));
}
