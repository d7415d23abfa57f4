/** Policies of the data group (see registry.ts). */
import { apiAnomaly } from './api-anomaly/api-anomaly';
import { fileSharedPersonalEmail } from './file-shared-personal-email/file-shared-personal-email';
import { fileSharedUnauthorizedDomain } from './file-shared-unauthorized-domain/file-shared-unauthorized-domain';
import { massDownload } from './mass-download/mass-download';
import { reportAnomaly } from './report-anomaly/report-anomaly';
import type { Policy } from './types';
import { unusualFileDeletion } from './unusual-file-deletion/unusual-file-deletion';
import { unusualFileShare } from './unusual-file-share/unusual-file-share';
import { unusualMassDownload } from './unusual-mass-download/unusual-mass-download';

export const DATA_POLICIES: readonly Policy[] = [
  unusualFileDeletion,
  unusualFileShare,
  unusualMassDownload,
  massDownload,
  fileSharedUnauthorizedDomain,
  fileSharedPersonalEmail,
  reportAnomaly,
  apiAnomaly,
];
