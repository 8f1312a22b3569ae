import { InvalidInputError } from '@modelstream/contracts';
import { isLoopbackHost } from './loopback';
import { canReach, LOCAL_PRINCIPAL, Principal } from './principal';
import { parseScopes, scopeAllows } from './scopes';

describe('scopes', () => {
  it('are read from a list, deduplicated, in a fixed order', () => {
    expect(parseScopes('train,read')).toEqual(['read', 'train']);
    expect(parseScopes(' predict , predict,admin')).toEqual(['predict', 'admin']);
  });

  it('refuse unknown names and empty lists, naming the valid ones', () => {
    expect(() => parseScopes('read,write')).toThrow(new InvalidInputError('Unknown scope "write": use read, train, predict, admin.'));
    expect(() => parseScopes(' , ')).toThrow(InvalidInputError);
  });

  it('allow what they name, and admin allows everything', () => {
    expect(scopeAllows(['read'], 'read')).toBe(true);
    expect(scopeAllows(['read'], 'train')).toBe(false);
    expect(scopeAllows(['train', 'read'], 'admin')).toBe(false);
    expect(scopeAllows(['admin'], 'predict')).toBe(true);
  });
});

describe('owners', () => {
  const alice: Principal = { ownerId: 'alice', scopes: ['train'], keyId: '0123456789abcdef', keyName: 'alice', admin: false };

  it('reach their own things; admins and AUTH=off reach everyone’s', () => {
    expect(canReach(alice, 'alice')).toBe(true);
    expect(canReach(alice, 'bob')).toBe(false);
    expect(canReach({ ...alice, admin: true }, 'bob')).toBe(true);
    expect(canReach(LOCAL_PRINCIPAL, 'bob')).toBe(true);
  });
});

describe('loopback hosts', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])('%s stays on this machine', (h) => expect(isLoopbackHost(h)).toBe(true));
  it.each(['0.0.0.0', '::', '192.168.1.4', 'example.com', '127.0.0.1.example.com'])('%s does not', (h) =>
    expect(isLoopbackHost(h)).toBe(false),
  );
});
