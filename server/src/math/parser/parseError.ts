// The error a reading throws inside the parser; parseAll turns it into a problem with its range.

export class ParseError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}
