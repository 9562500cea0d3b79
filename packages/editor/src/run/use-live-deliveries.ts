import { createContext, useContext, useEffect, useState } from "react";
import { api, type DeliveryState, type StepDeliveries } from "../api/api-client.ts";

/** The running version's delivery outcomes per channel step, refreshed every 2 s with the other figures while `enabled`. */
export function useLiveDeliveries(journeyId: string, version: number | undefined, enabled: boolean): StepDeliveries[] | null {
  const [deliveries, setDeliveries] = useState<StepDeliveries[] | null>(null);
  useEffect(() => {
    if (!enabled) {
      setDeliveries(null);
      return;
    }
    let live = true;
    const load = () =>
      api.deliveries(journeyId, version).then(
        (d) => live && setDeliveries(d),
        () => undefined,
      );
    load();
    const timer = setInterval(load, 2000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [journeyId, version, enabled]);
  return deliveries;
}

/** What a step's delivery figure opens: the list of that step's deliveries with that outcome. */
export type OpenDeliveries = (stepId: string, outcome: DeliveryState) => void;

/** Lets a figure on a step node open the list without the canvas model carrying callbacks. */
export const OpenDeliveriesContext = createContext<OpenDeliveries | null>(null);

/** The opener the page provided, or null (simulations, tests of the canvas alone). */
export function useOpenDeliveries(): OpenDeliveries | null {
  return useContext(OpenDeliveriesContext);
}
