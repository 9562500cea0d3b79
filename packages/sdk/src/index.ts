export { type ContentView, createOverture, type OvertureClient, type OvertureOptions } from "./create-overture.ts";
export { DwellTimer } from "./dwell-timer.ts";
export { OvertureError, type OvertureProblem } from "./errors.ts";
export { EventQueue, type EventQueueOptions, type QueuedEvent, type SendBatch } from "./event-queue.ts";
export type { NotificationsApi } from "./notifications.ts";
export type { EventSourceConstructor, EventSourceLike, Platform } from "./platform.ts";
export type { PushApi, PushSubscriptionData, PushSubscriptionInput } from "./push.ts";
export type { Identity } from "./transport.ts";
export type { ContentItem, Notification, NotificationInbox, SlotDecision } from "./types.ts";
