/**
 * Manufacturers by IANA Private Enterprise Number, the number after 1.3.6.1.4.1 in a device's
 * sysObjectID. Source: IANA "Private Enterprise Numbers" registry
 * (https://www.iana.org/assignments/enterprise-numbers), common network, printer, camera, storage,
 * power and IoT vendors; names shortened to the brand a user would recognise.
 */
export const ENTERPRISES: ReadonlyMap<number, string> = new Map([
  [2, 'IBM'],
  [9, 'Cisco'],
  [11, 'HP'],
  [42, 'Sun Microsystems'],
  [43, '3Com'],
  [171, 'D-Link'],
  [236, 'Samsung'],
  [253, 'Xerox'],
  [311, 'Microsoft'],
  [318, 'APC'],
  [367, 'Ricoh'],
  [368, 'Axis Communications'],
  [641, 'Lexmark'],
  [674, 'Dell'],
  [1248, 'Epson'],
  [1347, 'Kyocera'],
  [1602, 'Canon'],
  [1916, 'Extreme Networks'],
  [2011, 'Huawei'],
  [2021, 'Net-SNMP (UC Davis)'],
  [2435, 'Brother'],
  [2636, 'Juniper Networks'],
  [3375, 'F5 Networks'],
  [4526, 'Netgear'],
  [6574, 'Synology'],
  [6876, 'VMware'],
  [8072, 'Net-SNMP'],
  [11863, 'TP-Link'],
  [12356, 'Fortinet'],
  [14988, 'MikroTik'],
  [18334, 'Konica Minolta'],
  [24681, 'QNAP'],
  [25461, 'Palo Alto Networks'],
  [30065, 'Arista Networks'],
  [39165, 'Hikvision'],
  [41112, 'Ubiquiti'],
]);

const ENTERPRISE_PREFIX = '1.3.6.1.4.1.';

export function enterpriseOf(sysObjectId: string): { number: number; manufacturer?: string } | undefined {
  if (!sysObjectId.startsWith(ENTERPRISE_PREFIX)) return undefined;
  const n = Number(sysObjectId.slice(ENTERPRISE_PREFIX.length).split('.')[0]);
  if (!Number.isInteger(n)) return undefined;
  const manufacturer = ENTERPRISES.get(n);
  return manufacturer ? { number: n, manufacturer } : { number: n };
}
