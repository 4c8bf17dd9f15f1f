/**
 * One or more real addresses from each occupied-territory ISP that the shipped rule lists, taken
 * from that AS's own ranges in the network table's dataset. `geoMiss` marks an address that the
 * bundled geo data places where the region branch alone would show nothing (plain UA, Prague, the
 * Emirates): those are what the networks branch is for.
 */
export interface GoldenAddress {
  asn: string;
  ip: string;
  geoMiss: boolean;
}

export const OCCUPIED_ISP_ADDRESSES: readonly GoldenAddress[] = [
  { asn: 'AS201776', ip: '77.83.16.37', geoMiss: true }, // geo data: CZ-10, Prague
  { asn: 'AS201776', ip: '2.59.51.37', geoMiss: false },
  { asn: 'AS201776', ip: '2a04:f800::25', geoMiss: false },
  { asn: 'AS28761', ip: '91.194.163.37', geoMiss: false },
  { asn: 'AS28761', ip: '2a05:5840::25', geoMiss: false },
  { asn: 'AS203561', ip: '185.100.101.37', geoMiss: false },
  { asn: 'AS203561', ip: '2a07:e380::25', geoMiss: false },
  { asn: 'AS56587', ip: '192.162.160.37', geoMiss: true }, // geo data: UA, no subdivision
  { asn: 'AS204791', ip: '185.135.182.37', geoMiss: false },
  { asn: 'AS215167', ip: '78.140.218.37', geoMiss: false },
  { asn: 'AS8654', ip: '194.54.152.37', geoMiss: false },
  { asn: 'AS59833', ip: '62.76.12.37', geoMiss: false },
  { asn: 'AS59833', ip: '2a03:3920::25', geoMiss: false },
  { asn: 'AS202279', ip: '31.133.48.37', geoMiss: false },
  { asn: 'AS214721', ip: '81.163.128.37', geoMiss: false },
  { asn: 'AS204108', ip: '185.114.136.37', geoMiss: true }, // geo data: UA, no subdivision
  { asn: 'AS204108', ip: '2a0d:2180::25', geoMiss: true }, // geo data: UA, no subdivision
  { asn: 'AS39089', ip: '176.124.26.37', geoMiss: false },
  { asn: 'AS42702', ip: '91.193.76.37', geoMiss: true }, // geo data: UA, no subdivision
  { asn: 'AS208890', ip: '46.16.33.37', geoMiss: true }, // geo data: AE, no subdivision
  { asn: 'AS208890', ip: '193.228.162.37', geoMiss: false },
  { asn: 'AS29031', ip: '195.3.132.37', geoMiss: false },
  { asn: 'AS215503', ip: '185.178.244.37', geoMiss: false },
  { asn: 'AS215654', ip: '193.34.128.37', geoMiss: false },
];
