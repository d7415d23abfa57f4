/**
 * The event types OrgWarden turns into Activities, one normalizer each. Rows of any other type
 * are read and counted (they are log rows too) but produce no activity.
 */
import { elfApi } from './from-elf-api';
import { elfBulkApi } from './from-elf-bulk-api';
import { elfContentDistribution } from './from-elf-content-distribution';
import { elfContentDocumentLink } from './from-elf-content-document-link';
import { elfContentTransfer } from './from-elf-content-transfer';
import { elfDocumentAttachmentDownloads } from './from-elf-document-attachment-downloads';
import { elfLightningPageView } from './from-elf-lightning-page-view';
import { elfLogin } from './from-elf-login';
import { elfLoginAs } from './from-elf-login-as';
import { elfLogout } from './from-elf-logout';
import { elfReport } from './from-elf-report';
import { elfReportExport } from './from-elf-report-export';
import { elfRestApi } from './from-elf-rest-api';
import { elfSearch } from './from-elf-search';
import { elfUri } from './from-elf-uri';
import type { ElfNormalizer } from './elf-row';

export const ELF_NORMALIZERS: ReadonlyMap<string, ElfNormalizer> = new Map(
  [
    elfLogin, elfLogout, elfLoginAs, elfApi, elfRestApi, elfBulkApi, elfReport, elfReportExport, elfUri,
    elfLightningPageView, elfContentTransfer, elfContentDistribution, elfContentDocumentLink,
    elfDocumentAttachmentDownloads, elfSearch,
  ].map((n) => [n.eventType, n] as const),
);

export function normalizerFor(eventType: string): ElfNormalizer | undefined {
  return ELF_NORMALIZERS.get(eventType);
}
