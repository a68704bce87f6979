/**
 * One field of an answer as fingerprints read it: the text under the name fingerprint files match
 * (Recog's: `ssh.banner`, `snmp.sys_description` …); `service`: the port whose software it names.
 * Its own module, importing nothing, because the probes' parsers (which the API's types include)
 * produce it.
 */
export interface AnswerText {
  matches: string;
  text: string;
  service?: { port: number; protocol: 'tcp' | 'udp' };
}
