// What the attachments area returns. Services build these; the API returns them and the renderer imports them as types
// (through main/api/types.ts).

export interface AttachmentInfo {
  id: number;
  caseId: number;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  addedAt: string;
  addedById: number | null;
  addedByName: string | null;
}

export interface AttachmentContent {
  id: number;
  caseId: number;
  fileName: string;
  /** As the uploader's system named it: untrusted, never a reason to render the bytes inline. */
  mediaType: string;
  size: number;
  dataBase64: string;
}
