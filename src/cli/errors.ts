/** A problem the user can fix: printed as one line, exit code 1 (or `code`). */
export class UserError extends Error {
  constructor(message: string, readonly code = 1) {
    super(message);
    this.name = 'UserError';
  }
}
