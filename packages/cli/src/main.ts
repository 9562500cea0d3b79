import { main } from "./run-cli.ts";

/** The `overture` executable: runs the command line and exits with its code (0 ok, 1 failed, 2 usage). */
process.exitCode = await main(process.argv.slice(2));
