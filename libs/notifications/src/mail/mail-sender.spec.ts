import { smtpFailure } from './mail-sender.js';
import { mailDomain } from './mail-transport.js';

describe('smtpFailure', () => {
  it('keeps the error code, the SMTP command and the response code, never the server’s words (which quote addresses)', () => {
    const refused = Object.assign(new Error('550 5.1.1 <ada@example.test>: Recipient address rejected'), {
      code: 'EENVELOPE',
      command: 'RCPT TO',
      responseCode: 550,
      response: '550 5.1.1 <ada@example.test>: Recipient address rejected',
    });
    expect(smtpFailure(refused)).toBe('EENVELOPE RCPT TO 550');
    expect(smtpFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNECTION' }))).toBe('ECONNECTION');
    expect(smtpFailure(Object.assign(new Error('x'), { code: 'ada@example.test', command: '<ada@example.test>' }))).toBe('ERROR');
    expect(smtpFailure(undefined)).toBe('ERROR');
  });
});

describe('mailDomain', () => {
  it('is the domain of the sender’s address, with or without a name', () => {
    expect(mailDomain('Loopwright Hiring <hiring@acme.example>')).toBe('acme.example');
    expect(mailDomain('hiring@acme.example')).toBe('acme.example');
  });
});
