#!/usr/bin/env node
// Runs the TypeScript sources directly: the packages export src/*.ts and there is no build step.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
