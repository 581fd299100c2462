// An Open311 service request as a new case. Decisions (README, "Imports"):
// - kind complaint, channel web, origin external: a report on a city platform is a citizen's complaint sent online;
// - service_name becomes the subject and names the category when the office has an active category of that name (case
//   and spaces ignored); otherwise no category: categories are the office's list and an outside platform's ~50
//   service names do not create entries in it (the case is categorised at triage);
// - the citizen's description is the case's description (the service name when it is empty), followed by the request's
//   place (address, coordinates), the platform's status with its notes, the agency and the request's id and times;
//   the place is not the person's address, so it is not put in the submitter's address field; GeoReport requests carry
//   no personal data;
// - requested_datetime is the case's received time (now, when missing or later than now); the platform's status and
//   updated_datetime are kept in the case's import event (the office's own workflow starts at "new").
import type { Open311Request } from '../io/open311.ts';
import type { MappedRow, NameLookups } from './table-mapping.ts';

export function open311Row(request: Open311Request, lookups: NameLookups, now: Date): { row: MappedRow; data: Record<string, unknown> } {
  const serviceName = request.serviceName ?? '';
  const categoryId = serviceName ? (lookups.categories.get(serviceName.trim().toLowerCase().replace(/\s+/g, ' ')) ?? null) : null;
  const place: string[] = [];
  if (request.address) place.push(`Address: ${request.address}${request.zipcode && request.zipcode !== '0' && !request.address.includes(request.zipcode) ? ` ${request.zipcode}` : ''}`);
  if (request.lat !== null && request.long !== null) place.push(`Coordinates: ${request.lat}, ${request.long}`);
  const facts = [
    ...place,
    `Open311 request ${request.serviceRequestId}${request.serviceCode ? ` (service ${request.serviceCode})` : ''}`,
    request.status ? `Status: ${request.status}${request.statusNotes ? ` — ${request.statusNotes}` : ''}` : null,
    request.agencyResponsible ? `Agency: ${request.agencyResponsible}` : null,
    request.updatedAt ? `Updated: ${request.updatedAt}` : null,
    request.mediaUrl ? `Media: ${request.mediaUrl}` : null,
  ].filter((line): line is string => line !== null);
  const text = request.description ?? serviceName;
  const description = [text, facts.join('\n')].filter(Boolean).join('\n\n');
  const received = request.requestedAt && new Date(request.requestedAt).getTime() <= now.getTime() ? request.requestedAt : null;
  return {
    row: {
      kind: 'complaint',
      channel: 'web',
      origin: 'external',
      receivedAt: received,
      subject: (serviceName || `Open311 ${request.serviceRequestId}`).slice(0, 300),
      description: description.slice(0, 100_000),
      name: null,
      email: null,
      phone: null,
      address: null,
      departmentId: null,
      categoryId,
      externalId: request.serviceRequestId,
    },
    data: {
      serviceRequestId: request.serviceRequestId,
      serviceName: request.serviceName,
      serviceCode: request.serviceCode,
      status: request.status,
      requestedAt: request.requestedAt,
      updatedAt: request.updatedAt,
      address: request.address,
      lat: request.lat,
      long: request.long,
    },
  };
}
