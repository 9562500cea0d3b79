/** Content as the server inlines it in slot decisions and lists it in the library. */
export type ContentItem = {
  id: string;
  title: string;
  summary?: string;
  url?: string;
  type?: string;
  topics?: string[];
  body?: string;
  imageUrl?: string;
  [field: string]: unknown;
};

/** What one slot shows now: content a journey assigned to this customer, the slot's default, or nothing. */
export type SlotDecision = {
  slot: string;
  contentId: string | null;
  content: ContentItem | null;
  /** Why it shows this: a journey's personalize step, or the slot's default. */
  source?: string;
  /** When a journey's assignment ends (ISO 8601), if it does. */
  until?: string | null;
  [field: string]: unknown;
};

/** One notification of the customer's inbox. */
export type Notification = {
  id: string;
  title: string;
  body: string;
  link?: string | null;
  createdAt: string;
  readAt?: string | null;
  expiresAt?: string | null;
  [field: string]: unknown;
};
