export const SITE = {
  name: "DumontCloud",
  tagline: "GPU clouds compared by price and by cuda-checkpoint support",
};

export const PUBLIC_NAV = [
  { href: "/compare", label: "Compare" },
  { href: "/guide", label: "Decision guide" },
  { href: "/estimate", label: "Cost estimator" },
  { href: "/setup/tensordock", label: "TensorDock setup" },
] as const;

export const DASHBOARD_NAV = [
  { href: "/machines", label: "Machines" },
  { href: "/deploy", label: "Deploy" },
  { href: "/spending", label: "Spending" },
  { href: "/settings", label: "Settings" },
] as const;

/** Paths that need a signed-in user; proxy.ts redirects signed-out visits to sign-in. */
export const PROTECTED_PREFIXES = DASHBOARD_NAV.map((n) => n.href);
