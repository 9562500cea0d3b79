// Every test process knows the channels' steps, as `serve`, `worker` and the editor do: their registry registers
// them with the core when imported (vitest's setupFiles runs this before each test file).
import "@overture/channels/browser";
