import type { ReportsOverview } from "../api/segment-api.ts";
import type { TableModel } from "../charts/table-model.ts";

/** The journeys that ran in the range, most entries first. */
export function activeJourneysTable(overview: ReportsOverview): TableModel {
  return {
    title: "Active journeys",
    columns: [
      { label: "Journey", kind: "text" },
      { label: "Entries", kind: "count" },
      { label: "Conversions", kind: "count" },
      { label: "Conversion rate", kind: "rate" },
    ],
    rows: [...overview.activeJourneys]
      .sort((a, b) => b.entries - a.entries)
      .map((j) => [j.name || j.journeyId, j.entries, j.conversions, j.conversionRate]),
  };
}

/** The channels that sent anything, in a stable order (most messages first, then by name). */
export function channelsOf(overview: ReportsOverview): string[] {
  const totals = new Map<string, number>();
  for (const row of overview.messagesPerDay) totals.set(row.channel, (totals.get(row.channel) ?? 0) + row.sent);
  return [...totals.entries()].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([channel]) => channel);
}

/**
 * Messages per channel per day, one row per day and one column per channel (a day a channel sent nothing is 0), for
 * the stacked chart and its table alike.
 */
export function messagesPerDay(overview: ReportsOverview): {
  channels: string[];
  days: { day: number; sent: Record<string, number> }[];
} {
  const channels = channelsOf(overview);
  const byDay = new Map<number, Record<string, number>>();
  for (const row of overview.messagesPerDay) {
    const sent = byDay.get(row.day) ?? Object.fromEntries(channels.map((c) => [c, 0]));
    sent[row.channel] = (sent[row.channel] ?? 0) + row.sent;
    byDay.set(row.day, sent);
  }
  const days = [...byDay.entries()].sort(([a], [b]) => a - b).map(([day, sent]) => ({ day, sent }));
  return { channels, days };
}

export function messagesPerDayTable(overview: ReportsOverview): TableModel {
  const { channels, days } = messagesPerDay(overview);
  return {
    title: "Messages per channel per day",
    columns: [
      { label: "Day", kind: "day" },
      ...channels.map((c) => ({ label: channelWords(c), kind: "count" as const })),
      { label: "Total", kind: "count" },
    ],
    rows: days.map(({ day, sent }) => [
      day,
      ...channels.map((c) => sent[c] ?? 0),
      channels.reduce((sum, c) => sum + (sent[c] ?? 0), 0),
    ]),
  };
}

/** Deliverability as one row per figure, each with its rate of what was sent. */
export function deliverabilityTable(overview: ReportsOverview): TableModel {
  const d = overview.deliverability;
  const deliveredRate = d.sent > 0 ? d.delivered / d.sent : null;
  return {
    title: "Deliverability",
    columns: [
      { label: "Figure", kind: "text" },
      { label: "Messages", kind: "count" },
      { label: "Share of sent", kind: "rate" },
    ],
    rows: [
      ["Sent", d.sent, null],
      ["Delivered", d.delivered, deliveredRate],
      ["Bounced", d.bounced, d.rates.bounced],
      ["Complaints", d.complaints, d.rates.complaints],
      ["Unsubscribed", d.unsubscribed, d.rates.unsubscribed],
    ],
  };
}

/** Content read the longest, by total dwell time. */
export function topContentTable(overview: ReportsOverview): TableModel {
  return {
    title: "Top content by dwell time",
    columns: [
      { label: "Content", kind: "text" },
      { label: "Views", kind: "count" },
      { label: "Total dwell time", kind: "duration" },
      { label: "Dwell time per view", kind: "duration" },
    ],
    rows: [...overview.topContent]
      .sort((a, b) => b.dwellMs - a.dwellMs)
      .map((c) => [c.title ?? c.contentId, c.views, c.dwellMs, c.views > 0 ? c.dwellMs / c.views : null]),
  };
}

/** The workspace's segments and how many customers are in each now, largest first. */
export function segmentSizesTable(overview: ReportsOverview): TableModel {
  return {
    title: "Segment sizes",
    columns: [
      { label: "Segment", kind: "text" },
      { label: "Customers", kind: "count" },
    ],
    rows: [...overview.segments].sort((a, b) => b.size - a.size).map((s) => [s.name || s.segmentId, s.size]),
  };
}

const CHANNEL_WORDS: Record<string, string> = {
  email: "Email",
  notification: "Portal inbox",
  slot: "Slots",
  webhook: "Webhook",
  sms: "SMS",
  push: "Web push",
};

/** A channel's name on screen. */
export function channelWords(channel: string): string {
  return CHANNEL_WORDS[channel] ?? channel;
}
