/**
 * In-memory sessions: each user's session lives on the instance that served its last
 * request. A request served elsewhere is a miss and moves the session; a crash (a new
 * epoch on the instance) loses every session stored there.
 */
export class SessionTable {
  private readonly instance: Int32Array;
  private readonly epoch: Int32Array;

  constructor(users: number) {
    this.instance = new Int32Array(users).fill(-1);
    this.epoch = new Int32Array(users);
  }

  /**
   * Records that `user` was served by `instance` (whose crash epoch is `epoch`).
   * Returns true for a session miss: the session lived elsewhere or was lost in a crash.
   * A user's first request creates a session and is not a miss.
   */
  visit(user: number, instance: number, epoch: number): boolean {
    const had = this.instance[user];
    const miss = had >= 0 && (had !== instance || this.epoch[user] !== epoch);
    this.instance[user] = instance;
    this.epoch[user] = epoch;
    return miss;
  }
}
