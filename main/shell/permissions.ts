// Ombudsdesk needs no camera, microphone, notifications, geolocation or devices: refuse every request and check.
import type { Session } from 'electron';

export function setupPermissionDenial(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
