// The CLI validates, simulates and runs journeys: the channels' steps are registered before anything else.
import "@overture/channels/browser";
import { main } from "./run-cli.ts";

/** The `overture` executable: runs the command line and exits with its code (0 ok, 1 failed, 2 usage). */
process.exitCode = await main(process.argv.slice(2));
