/** Content as the server inlines it in slot decisions. */
export type ContentItem = {
  id: string;
  title: string;
  summary: string;
  url: string;
  type: string;
  topics: string[];
  body?: string;
  imageUrl?: string;
  /** Epoch milliseconds. */
  createdAt: number;
};

/** What one slot shows now: content a journey assigned to this customer, the slot's default, or nothing. */
export type SlotDecision = {
  slot: string;
  /** Why it shows this: a journey's personalize step (`assignment`), the slot's default, or nothing at all. */
  source: "assignment" | "default" | "none";
  contentId: string | null;
  /** When a journey's assignment ends (epoch milliseconds), if it does. */
  until: number | null;
  content: ContentItem | null;
};

/** One notification of the customer's inbox. Times are epoch milliseconds. */
export type Notification = {
  id: string;
  customerId: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: number;
  expiresAt: number | null;
  readAt: number | null;
  dismissedAt: number | null;
};
