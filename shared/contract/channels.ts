/**
 * The whole contract: every feature's channels merged into one table, and the types both
 * ends derive from it. A feature declares its channels in `shared/contract/<feature>.ts`;
 * main gives each a handler in `main/<feature>/handlers.ts`, and the types keep both ends
 * in step. Nothing is declared here.
 */
import type { z } from 'zod';
import type { RequestDef, StreamDef } from './define';
import { clusterChannels } from './cluster';
import { resourceChannels } from './resources';
import { logChannels } from './logs';
import { rolloutChannels } from './rollouts';
import { schedulingChannels } from './scheduling';
import { forwardsChannels } from './forwards';
import { metricsChannels } from './metrics';

export const channels = {
  ...clusterChannels,
  ...resourceChannels,
  ...logChannels,
  ...rolloutChannels,
  ...schedulingChannels,
  ...forwardsChannels,
  ...metricsChannels,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type RequestName = {
  [K in ChannelName]: Channels[K]['kind'] extends 'request' ? K : never;
}[ChannelName];
export type StreamName = {
  [K in ChannelName]: Channels[K]['kind'] extends 'stream' ? K : never;
}[ChannelName];

export type InputOf<K extends ChannelName> = z.input<Channels[K]['input']>;
export type ParsedInputOf<K extends ChannelName> = z.output<Channels[K]['input']>;
export type OutputOf<K extends RequestName> =
  Channels[K] extends RequestDef<z.ZodType, infer Out> ? Out : never;
export type EventOf<K extends StreamName> =
  Channels[K] extends StreamDef<z.ZodType, infer Event> ? Event : never;

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(channels, name);
}
