import { createContext, useContext } from "react";
import { api, type DeliveryState, type StepDeliveries } from "../api/api-client.ts";
import { usePolled } from "../pages/editor-hooks.ts";

/** The running version's delivery outcomes per channel step, refreshed every 2 s with the other figures while `enabled`. */
export function useLiveDeliveries(
  journeyId: string,
  version: number | undefined,
  enabled: boolean,
): StepDeliveries[] | null {
  return usePolled(() => api.deliveries(journeyId, version), [journeyId, version], enabled);
}

/** What a step's delivery figure opens: the list of that step's deliveries with that outcome. */
export type OpenDeliveries = (stepId: string, outcome: DeliveryState) => void;

/** Lets a figure on a step node open the list without the canvas model carrying callbacks. */
export const OpenDeliveriesContext = createContext<OpenDeliveries | null>(null);

/** The opener the page provided, or null (simulations, tests of the canvas alone). */
export function useOpenDeliveries(): OpenDeliveries | null {
  return useContext(OpenDeliveriesContext);
}
