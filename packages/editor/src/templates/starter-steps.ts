import type { EmailBlock } from "@overture/channels/browser";
import { blocksToMjml } from "../panel/email-blocks/blocks-to-mjml.ts";

/** Step builders for the starter journeys: each step at its place on a vertical canvas (170 px a row). */
const ROW = 170;
const at = (row: number, column = 0) => ({ x: column * 280, y: row * ROW });

/** An email made of blocks, so the block editor opens it as blocks; greeting with a default for customers without a name. */
export function emailStep(options: {
  id: string;
  name: string;
  subject: string;
  preheader: string;
  heading: string;
  text: string;
  button?: { label: string; url: string };
  next: string | null;
  row: number;
  column?: number;
}) {
  const blocks: EmailBlock[] = [
    { type: "heading", text: options.heading },
    { type: "text", text: options.text },
    ...(options.button ? [{ type: "button" as const, ...options.button }] : []),
  ];
  return {
    id: options.id,
    type: "email",
    name: options.name,
    subject: options.subject,
    preheader: options.preheader,
    body: blocksToMjml(blocks),
    blocks,
    next: options.next,
    position: at(options.row, options.column),
  };
}

/** A wait of a duration ("2d"). */
export function waitStep(id: string, name: string, duration: string, next: string, row: number, column = 0) {
  return { id, type: "wait", name, wait: { type: "duration", duration }, next, position: at(row, column) };
}

/** Waits for `event`, at most `timeout`: `next` when it happens, `timeoutNext` when time runs out. */
export function waitForStep(options: {
  id: string;
  name: string;
  event: string;
  timeout: string;
  next: string;
  timeoutNext: string;
  row: number;
}) {
  const { id, name, event, timeout, next, timeoutNext, row } = options;
  return { id, type: "wait-for-event", name, events: [{ event }], timeout, next, timeoutNext, position: at(row) };
}

/** Counts a conversion and ends the journey for the customer. */
export function goalStep(id: string, name: string, goal: string, row: number, column = 0) {
  return { id, type: "goal", name, goal, exit: true, position: at(row, column) };
}

/** The end of a path. */
export function exitStep(id: string, name: string, row: number, column = 0) {
  return { id, type: "exit", name, position: at(row, column) };
}

/** A portal notification. */
export function notificationStep(options: {
  id: string;
  name: string;
  title: string;
  body: string;
  link?: string;
  next: string;
  row: number;
  column?: number;
}) {
  const { id, name, title, body, link, next, row, column } = options;
  return { id, type: "notification", name, title, body, ...(link ? { link } : {}), next, position: at(row, column) };
}

/** Starts on `event`, optionally only when its properties pass `where`. */
export function triggerStep(
  event: string,
  next: string,
  where?: Array<{ property: string; op: string; value: unknown }>,
) {
  return {
    id: "start",
    type: "trigger",
    name: "Trigger",
    trigger: { type: "event", event, ...(where ? { where } : {}) },
    next,
    position: at(0),
  };
}

/** "Hi Ana," or "Hi there," for a customer without a first name. */
export const HI = '{{ customer.firstName | default: "there" }}';
