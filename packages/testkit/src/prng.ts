/** The seeded generator lives with the simulation that production uses (runtime); re-exported for the testkit's customers. */
export { mixSeed, mulberry32, type Random } from "@overture/runtime";
