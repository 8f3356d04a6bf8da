/** The error an interrupted cell ends with. @module */

/** The error an interrupted cell ends with (the name Jupyter front-ends know). */
export class KeyboardInterrupt extends Error {
  constructor() {
    super("interrupted by the user (Kernel → Interrupt)");
    this.name = "KeyboardInterrupt";
  }
}

