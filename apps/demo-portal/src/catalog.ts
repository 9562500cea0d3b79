/** What the demo store sells: buying one fires purchase.completed, which starts the onboarding journey. */
export type Plan = { id: string; name: string; price: number; blurb: string; features: string[]; featured?: boolean };

export const PLANS: Plan[] = [
  {
    id: "starter",
    name: "Starter",
    price: 19,
    blurb: "For individuals getting organised.",
    features: ["1 workspace", "5 dashboards", "Email support"],
  },
  {
    id: "pro",
    name: "Pro",
    price: 49,
    blurb: "For growing teams that automate.",
    features: ["Unlimited dashboards", "CRM integrations", "Automations"],
    featured: true,
  },
  {
    id: "team",
    name: "Team",
    price: 99,
    blurb: "For companies that need control.",
    features: ["Single sign-on", "Audit log", "Priority support"],
  },
];
