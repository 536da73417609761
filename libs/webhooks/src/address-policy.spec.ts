import { isInternalAddress, resolveDeliveryAddress } from './address-policy.js';

describe('the webhook address policy', () => {
  it('refuses loopback, private, link-local, unique-local, metadata and CGNAT addresses, IPv4-mapped ones too', () => {
    const internal = ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00::1', 'fc00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1'];
    expect(internal.filter((address) => !isInternalAddress(address))).toEqual([]);
    expect(['93.184.216.34', '172.32.0.1', '2606:4700::1111', '8.8.8.8'].filter(isInternalAddress)).toEqual([]);
  });

  it('checks every address a name resolves to, and connects to the one it checked', async () => {
    const resolver = (answers: string[]) => async () => answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    expect(await resolveDeliveryAddress('hooks.example.test', false, resolver(['93.184.216.34', '10.0.0.5']))).toEqual({ ok: false, reason: 'ADDRESS_REFUSED' });
    expect(await resolveDeliveryAddress('hooks.example.test', false, resolver(['93.184.216.34']))).toEqual({ ok: true, address: '93.184.216.34', family: 4 });
    expect(await resolveDeliveryAddress('[::1]', false)).toEqual({ ok: false, reason: 'ADDRESS_REFUSED' });
    expect(await resolveDeliveryAddress('127.0.0.1', true)).toEqual({ ok: true, address: '127.0.0.1', family: 4 });
    const failing = async () => {
      throw new Error('ENOTFOUND');
    };
    expect(await resolveDeliveryAddress('nowhere.example.test', false, failing)).toEqual({ ok: false, reason: 'DNS_FAILED' });
  });
});
