/**
 * The error every cycler reader throws for a bad file.
 * @module
 */
import { StxmFileError } from "../../io/errors";

/**
 * An error raised for a bad or unsupported cycler file. The message reads
 * `<file>: <field>: <what was expected and what was found>`, where `field` names the line,
 * column, byte offset, module or zip entry at fault. It is a {@link StxmFileError}, so code
 * that catches the toolkit's file errors catches it too.
 * @example
 * try { readMpr("run.mpr"); } catch (e) { if (e instanceof CyclerFileError) console.log(e.file, e.field); }
 */
export class CyclerFileError extends StxmFileError {
  constructor(file: string, field: string, message: string) {
    super(file, field, message);
    this.name = "CyclerFileError";
  }
}
