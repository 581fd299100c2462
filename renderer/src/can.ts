// What the signed-in user may do, as main's permission table says (sent with the session): the UI offers only that,
// and main refuses everything else anyway.
import type { ChannelName } from '../../main/api/contract.ts';
import type { SessionUser } from '../../main/api/types.ts';

export function can(user: SessionUser, channel: ChannelName): boolean {
  return user.allowed.includes(channel);
}
