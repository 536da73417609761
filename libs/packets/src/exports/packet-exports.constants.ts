export const PACKET_EXPORT_QUEUE = 'packet-exports';
export const EXPORT_CLEANUP_QUEUE = 'packet-exports-cleanup';

export interface PacketExportJob {
  exportId: string;
  organizationId: string;
}
