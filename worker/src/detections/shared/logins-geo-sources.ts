/**
 * Event log types that record what a signed-in session did, each row with the client's address
 * (CLIENT_IP): the "all activity with an IP" of anonymous-ip and suspicious-ip. Not the Login
 * and Logout rows (LoginHistory already has every sign-in), nor LoginAs (its row's address is
 * the administrator's), nor the real-time ApiEvent / ReportEvent (the same requests as the API
 * and ReportExport rows: counting both would count one request twice).
 */
export const POST_SIGN_IN_SOURCES: readonly string[] = [
  'ELF:API',
  'ELF:RestApi',
  'ELF:BulkApi',
  'ELF:Report',
  'ELF:ReportExport',
  'ELF:URI',
  'ELF:LightningPageView',
  'ELF:Search',
  'ELF:ContentTransfer',
  'ELF:DocumentAttachmentDownloads',
  'ELF:ContentDistribution',
  'ELF:ContentDocumentLink',
];
