// The one typed API contract as the renderer and the preload see it (types only): channel name -> input -> output.
// The channels themselves are declared by area (main/api/areas) and combined in registry.ts.
export type { ChannelInput, ChannelName, ChannelOutput, ChannelPayload, OmbudsdeskApi, RequestIdChannel } from './registry.ts';
