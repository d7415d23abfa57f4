import { UserStates, type DirectoryUser } from './user-state';

const T = Date.parse('2026-11-10T12:00:00Z');
const user = (over: Partial<DirectoryUser>): DirectoryUser => ({ id: '0055g00000AliceAAA', username: 'alice@acme.example', email: 'Alice@Acme.example', active: true, frozen: false, changes: [], privileges: [], ...over });

describe('user states at a time', () => {
  it('uses the audit trail\'s changes when it has them (deactivated, reactivated, frozen)', () => {
    const states = new UserStates({ takenAtMs: T, users: [user({ frozen: true, changes: [{ atMs: T - 2000, change: 'deactivated' }, { atMs: T, change: 'activated' }, { atMs: T + 1000, change: 'frozen' }] })] });
    expect(states.stateAt('alice@acme.example', T - 3000)).toEqual({ active: true, frozen: false, terminated: false });
    expect(states.stateAt('0055g00000Alice', T - 1000)).toEqual({ active: false, frozen: false, terminated: false });
    expect(states.stateAt('ALICE@acme.example', T + 500)).toEqual({ active: true, frozen: false, terminated: false });
    expect(states.stateAt('alice@acme.example', T + 1000)).toEqual({ active: true, frozen: true, terminated: false });
  });

  it('falls back to LastModifiedDate for an unusual state, and adds the HR termination time', () => {
    const states = new UserStates({ takenAtMs: T, users: [user({ active: false, activeSinceMs: T, terminatedAtMs: T - 60_000 })] });
    expect(states.stateAt('alice@acme.example', T - 120_000)).toEqual({ active: true, frozen: false, terminated: false });
    expect(states.stateAt('alice@acme.example', T - 1)).toEqual({ active: true, frozen: false, terminated: true });
    expect(states.stateAt('alice@acme.example', T)).toEqual({ active: false, frozen: false, terminated: true });
    expect(states.stateAt('nobody@acme.example', T)).toBeUndefined();
  });

  it('finds users by e-mail and knows who is privileged', () => {
    const states = new UserStates({ takenAtMs: T, users: [user({ privileges: ['ModifyAllData (permission set Break_Glass_Admin)'] })] });
    expect(states.isPrivileged('alice@acme.example')).toBe(true);
    expect(states.get('alice@acme.example')?.id).toBe('0055g00000AliceAAA');
    expect(states.isPrivileged('0055g00000Other')).toBe(false);
  });
});
