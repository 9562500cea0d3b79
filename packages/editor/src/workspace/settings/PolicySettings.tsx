import { channelSteps } from "@overture/channels/browser";
import { useEffect, useState } from "react";
import { ApiError } from "../../api/api-client.ts";
import { deliveryApi } from "../../api/delivery-api.ts";
import type { DeliveryPolicy } from "../../model/policy-notes.ts";
import { DurationField } from "../../panel/DurationField.tsx";
import { FormField, problemsByField } from "../form-fields.tsx";
import { rememberDeliveryPolicy } from "../use-delivery-policy.ts";

/** The channels with a row here: every registered channel that names what it sends (not content slots). */
function policyChannels(): Array<readonly [channel: string, label: string, noun: string]> {
  return channelSteps().flatMap((c) => (c.nouns ? [[c.spec.channel, c.spec.label, c.nouns.many] as const] : []));
}

/** `consent.email`, `consent.sms` or `consent.push`: each channel of the table's consent attribute, in prose. */
function ConsentAttributes({ channels }: { channels: readonly string[] }) {
  return (
    <>
      {channels.map((channel, i) => (
        <span key={channel}>
          {i === 0 ? "" : i === channels.length - 1 ? " or " : ", "}
          <code>consent.{channel}</code>
        </span>
      ))}
    </>
  );
}

/** Quiet hours, frequency caps per channel, and the consent rule; saved with PUT /v1/delivery-policy. */
export function PolicySettings() {
  const [policy, setPolicy] = useState<DeliveryPolicy | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [state, setState] = useState<"saved" | "changed" | "saving">("saved");
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    deliveryApi
      .policy()
      .then(setPolicy)
      .catch((e: Error) => setMessage(e.message));
  }, []);
  if (!policy) return <section className="card">{message ?? "Loading the delivery policy…"}</section>;

  const change = (next: DeliveryPolicy) => {
    setPolicy(next);
    setState("changed");
  };
  const quiet = policy.quietHours;
  const setQuiet = (patch: Partial<NonNullable<DeliveryPolicy["quietHours"]>>) =>
    change({ ...policy, quietHours: { start: "21:00", end: "08:00", defaultTimezone: "UTC", ...quiet, ...patch } });
  const rules = (channel: string) => policy.channels[channel] ?? {};
  const setRules = (channel: string, patch: DeliveryPolicy["channels"][string]) =>
    change({ ...policy, channels: { ...policy.channels, [channel]: { ...rules(channel), ...patch } } });

  const save = async () => {
    setState("saving");
    setErrors({});
    setMessage(null);
    try {
      const saved = await deliveryApi.savePolicy(policy);
      rememberDeliveryPolicy(saved);
      setPolicy(saved);
      setState("saved");
    } catch (e) {
      setState("changed");
      if (e instanceof ApiError) setErrors(problemsByField(e.problems));
      setMessage(e instanceof ApiError ? "Not saved: correct the fields marked below." : String(e));
    }
  };

  return (
    <section className="card settings-card" aria-label="Delivery policy">
      <div className="card-head">
        <div>
          <h2>Delivery policy</h2>
          <p className="muted">When sends wait and who is skipped. Journey steps show these rules where they apply.</p>
        </div>
        <div className="head-actions">
          <span className="muted save-state">
            {state === "saved" ? "Saved" : state === "saving" ? "Saving…" : "Unsaved changes"}
          </span>
          <button type="button" className="primary" disabled={state !== "changed"} onClick={() => void save()}>
            Save policy
          </button>
        </div>
      </div>
      {message && <p className="error-text">{message}</p>}
      <h3>Quiet hours</h3>
      <label className="field checkbox">
        <input
          type="checkbox"
          checked={quiet !== null}
          onChange={(e) =>
            change({
              ...policy,
              quietHours: e.target.checked ? { start: "21:00", end: "08:00", defaultTimezone: "UTC" } : null,
            })
          }
        />
        <span>Hold sends at night, in each customer's time zone</span>
      </label>
      {quiet && (
        <div className="inline-fields settings-row">
          <FormField
            label="From"
            value={quiet.start}
            placeholder="21:00"
            onChange={(start) => setQuiet({ start })}
            error={errors["quietHours.start"]}
          />
          <FormField
            label="Until"
            value={quiet.end}
            placeholder="08:00"
            onChange={(end) => setQuiet({ end })}
            error={errors["quietHours.end"]}
          />
          <FormField
            label="Time zone for customers without one"
            value={quiet.defaultTimezone}
            placeholder="Europe/Paris"
            onChange={(defaultTimezone) => setQuiet({ defaultTimezone })}
            error={errors["quietHours.defaultTimezone"]}
          />
        </div>
      )}
      <h3>Per channel</h3>
      <table className="journey-table settings-table">
        <thead>
          <tr>
            <th>Channel</th>
            <th>Quiet hours</th>
            <th>Frequency cap</th>
            <th>Opt-in only</th>
          </tr>
        </thead>
        <tbody>
          {policyChannels().map(([channel, label, noun]) => {
            const r = rules(channel);
            const capError = errors[`channels.${channel}.cap.per`] ?? errors[`channels.${channel}.cap.max`];
            return (
              <tr key={channel} data-channel={channel}>
                <td>{label}</td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${label} waits out quiet hours`}
                    checked={r.quietHours === true}
                    onChange={(e) => setRules(channel, { quietHours: e.target.checked })}
                  />
                </td>
                <td>
                  <div className="inline-fields cap-fields">
                    <label className="field checkbox">
                      <input
                        type="checkbox"
                        aria-label={`Cap ${label}`}
                        checked={Boolean(r.cap)}
                        onChange={(e) => setRules(channel, { cap: e.target.checked ? { max: 3, per: "7d" } : null })}
                      />
                      <span>{r.cap ? "At most" : "No cap"}</span>
                    </label>
                    {r.cap && (
                      <>
                        <input
                          className="cap-max"
                          type="number"
                          min={0}
                          aria-label={`${label} cap: how many`}
                          value={r.cap.max}
                          onChange={(e) =>
                            setRules(channel, {
                              cap: { max: Math.max(0, Number(e.target.value) || 0), per: r.cap?.per ?? "7d" },
                            })
                          }
                        />
                        <span className="muted">{noun} per</span>
                        <DurationField
                          label={`${label} per`}
                          value={r.cap.per}
                          onChange={(per) => setRules(channel, { cap: { max: r.cap?.max ?? 3, per: per ?? "7d" } })}
                        />
                      </>
                    )}
                  </div>
                  {capError && <small className="field-error">{capError}</small>}
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${label} needs opt-in`}
                    checked={r.optIn === true}
                    onChange={(e) => setRules(channel, { optIn: e.target.checked })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3>Consent</h3>
      <p className="muted consent-rule">
        A customer whose <ConsentAttributes channels={policyChannels().map(([channel]) => channel)} /> attribute is{" "}
        <code>false</code> is skipped on that channel, always (an email's unsubscribe link or a STOP texted back sets it
        to false). A channel that needs opt-in goes only to customers whose attribute is <code>true</code>.
      </p>
    </section>
  );
}
