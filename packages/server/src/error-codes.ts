/**
 * The one table from stable error codes to HTTP statuses (model: trpc's getHTTPStatusCode). Every code the API can
 * answer with is here; docs/errors.md explains each to the user. An InputError with a code missing from the table is
 * still the caller's fault, so it answers 400.
 */
export const HTTP_STATUS_BY_CODE = {
  invalid_json: 400,
  invalid_input: 400,
  invalid_event: 400,
  unsupported_type: 400,
  invalid_content: 400,
  unauthorized: 401,
  invalid_customer_token: 401,
  customer_token_expired: 401,
  customer_token_outdated: 401,
  invalid_stream_ticket: 401,
  stream_ticket_expired: 401,
  forbidden: 403,
  host_not_allowed: 403,
  cross_site_request: 403,
  not_found: 404,
  route_not_found: 404,
  conflict: 409,
  invalid_state: 409,
  journey_not_active: 409,
  no_api_trigger: 409,
  entry_refused: 409,
  template_in_use: 409,
  segment_in_use: 409,
  endpoint_in_use: 409,
  approval_required: 409,
  own_request: 409,
  draft_changed: 409,
  request_decided: 409,
  email_taken: 409,
  setup_done: 409,
  last_owner: 409,
  invitation_expired: 410,
  reset_expired: 410,
  payload_too_large: 413,
  json_required: 415,
  too_many_streams: 429,
  invalid_password: 400,
  journey_invalid: 422,
  email_invalid: 422,
  email_rejected: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  smtp_not_configured: 503,
  streams_at_capacity: 503,
} as const;

/** A code listed in {@link HTTP_STATUS_BY_CODE}. */
export type ErrorCode = keyof typeof HTTP_STATUS_BY_CODE;

/** The HTTP status for an error code: the table's entry, 400 for any other caller error. */
export function httpStatusForCode(code: string): number {
  return Object.hasOwn(HTTP_STATUS_BY_CODE, code) ? HTTP_STATUS_BY_CODE[code as ErrorCode] : 400;
}
