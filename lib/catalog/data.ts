import { usdToMicros } from "@/lib/money";
import type { DecisionCase, ProviderEntry, Source } from "./types";

// The catalog: every fact of the provider brief (seed, December 2024), plus the facts that the
// research on the providers' own docs adds, each with its source.
// This file is the single source of truth; `npm start` loads it into the database
// (lib/catalog/sync-catalog.ts) and the public pages are prerendered from it.

const $ = usdToMicros;

export const BRIEF: Source = { label: "DumontCloud provider brief (prices as of December 2024)", date: "2024-12" };
const BRIEF_TEST: Source = { label: "Hands-on test by the DumontCloud team", date: "2024-12-20" };

export const PROVIDERS: ProviderEntry[] = [
  {
    slug: "tensordock",
    name: "TensorDock",
    website: "https://tensordock.com",
    type: "Marketplace + Bare Metal",
    headlineH100: { label: "$2.25", minMicros: $(2.25), maxMicros: null, approximate: false },
    checkpoint: {
      support: "yes",
      summary: "Yes (bare metal)",
      testedOn: "2024-12-20",
      confirmed: true,
      items: [
        { check: "Root access", result: "pass", detail: "Full root access" },
        { check: "CAP_SYS_PTRACE", result: "pass", detail: "Available" },
        { check: "Driver 570+", result: "pass", detail: "Installable" },
      ],
      sources: [{ ...BRIEF_TEST, label: "Tested and validated by the DumontCloud team" }],
    },
    prices: [
      { gpu: "RTX 3080", vram: "10GB", minMicros: $(0.12), maxMicros: null, approximate: false, source: BRIEF },
      { gpu: "RTX 3090", vram: "24GB", minMicros: $(0.2), maxMicros: null, approximate: false, source: BRIEF },
      { gpu: "RTX 4090", vram: "24GB", minMicros: $(0.35), maxMicros: null, approximate: false, source: BRIEF },
      { gpu: "A100", vram: "40/80GB", minMicros: $(1.8), maxMicros: null, approximate: false, source: BRIEF },
      { gpu: "H100", vram: "80GB", minMicros: $(2.25), maxMicros: null, approximate: false, source: BRIEF },
      { gpu: "V100", vram: "16GB", minMicros: $(0.45), maxMicros: null, approximate: false, source: BRIEF },
    ],
    pros: ["Very competitive prices", "Bare metal with full access", "Pay by the hour", "No commitment"],
    cons: ["Basic interface", "Limited inventory", "Less responsive support", "Smaller community"],
    paused: {
      canStop: true,
      summary:
        "A paused machine still bills about 10-20% of its price (the disk is kept). Stop only reduces billing; Destroy ends it.",
      model: { kind: "fraction", min: 0.1, max: 0.2 },
      sources: [
        BRIEF,
        {
          label:
            "TensorDock API v2 docs: storage is priced separately; stopping with disassociate_resources frees the GPU, which may not be available again on restart",
          url: "https://dashboard.tensordock.com/api/docs",
        },
      ],
    },
    billing: { granularity: "hour", note: "Pay by the hour, no commitment", source: BRIEF },
    recommendation: "Best value",
    extraFacts: [
      {
        text: "KVM virtual machines through API v2 (the v0 marketplace API is deprecated). dstack and gpuhunt dropped TensorDock.",
        source: { label: "TensorDock API docs; peers research", url: "https://dashboard.tensordock.com/api/docs" },
      },
    ],
  },
  {
    slug: "hostkey",
    name: "HOSTKEY",
    website: "https://hostkey.com",
    type: "Bare Metal Dedicated",
    headlineH100: { label: "~$3.00", minMicros: $(3), maxMicros: null, approximate: true },
    checkpoint: {
      support: "yes",
      summary: "Yes",
      confirmed: true,
      items: [
        { check: "Root access", result: "pass", detail: "Full root access" },
        { check: "Container restrictions", result: "pass", detail: "None: no container restrictions" },
        { check: "Control", result: "pass", detail: "Full control" },
      ],
      sources: [BRIEF],
    },
    prices: [
      {
        gpu: "H100",
        vram: "80GB",
        minMicros: $(3),
        maxMicros: $(4),
        approximate: true,
        note: "Price on request; usually about $3-4/hr for an H100",
        source: BRIEF,
      },
    ],
    priceNote: "Price on request (usually about $3-4/hr for an H100).",
    pros: ["Full control", "No limitations", "Enterprise support"],
    cons: ["Prices not transparent", "Usually requires a commitment", "Manual setup"],
    paused: {
      canStop: null,
      model: { kind: "full", reason: "Dedicated server: the rental continues while powered off (unverified)" },
      summary:
        'Prepaid credit; a powered-off server\'s rental continues (unverified). Hourly billing was "coming soon" in the stored docs.',
      sources: [
        {
          label: "HOSTKEY API docs (peers research)",
          url: "https://hostkey.com/documentation/apidocs/",
        },
      ],
    },
    billing: { granularity: "hour", note: "Prepaid credit; usually requires a commitment", source: BRIEF },
    recommendation: "Good enterprise option",
    extraFacts: [
      {
        text: "Bare-metal GPU servers and vGPU VMs (PCIe passthrough), ready in 10-20 minutes; the invapi API lists presets with prices without a token.",
        source: {
          label: "HOSTKEY API docs (peers research)",
          url: "https://docs.hostkey.com/xwiki/bin/view/API%20documentation/Instant%20servers/",
        },
      },
    ],
  },
  {
    slug: "coreweave",
    name: "CoreWeave",
    website: "https://coreweave.com",
    type: "Kubernetes Cloud",
    headlineH100: { label: "$4.76", minMicros: $(4.76), maxMicros: null, approximate: false },
    checkpoint: {
      support: "negotiable",
      summary: "Negotiable",
      confirmed: false,
      items: [
        { check: "Bare-metal Kubernetes", result: "info", detail: "Available (CKS)" },
        { check: "Enterprise contract", result: "info", detail: "Required" },
        { check: "Privileged pods", result: "info", detail: "Can be configured" },
      ],
      sources: [BRIEF],
    },
    prices: [
      { gpu: "A100", vram: "80GB", minMicros: $(2.21), maxMicros: null, approximate: false, source: BRIEF },
      { gpu: "H100", vram: "80GB", minMicros: $(4.76), maxMicros: null, approximate: false, source: BRIEF },
    ],
    pros: ["High performance", "Native Kubernetes", "Enterprise-grade"],
    cons: ["Requires a contract", "Minimum commitment", "More complex setup"],
    paused: {
      canStop: null,
      model: { kind: "unknown", reason: "Not verified for Kubernetes pods" },
      summary: "Not verified: workloads are Kubernetes pods, so there is no stopped machine to bill.",
      sources: [{ label: "CoreWeave CKS docs (peers research)", url: "https://docs.coreweave.com/products/cks.md" }],
    },
    billing: {
      granularity: "hour",
      note: "Billing granularity not researched (unverified)",
      source: { label: "Provider API reference: unverified" },
    },
    recommendation: "For large volumes",
    extraFacts: [
      {
        text: "Kubernetes (CKS) on bare metal with runc/nvidia runtimes, gVisor/Kata in preview; whether privileged pods are allowed depends on the pod security policy.",
        source: {
          label: "CoreWeave docs (peers research)",
          url: "https://docs.coreweave.com/products/cks/container-runtimes.md",
        },
      },
    ],
  },
  {
    slug: "lambda",
    name: "Lambda Labs",
    website: "https://lambdalabs.com",
    type: "Managed Cloud",
    headlineH100: { label: "$2.99", minMicros: $(2.99), maxMicros: null, approximate: false },
    checkpoint: {
      support: "no",
      summary: "No (not officially confirmed, but likely)",
      confirmed: false,
      items: [
        { check: "Privileged containers", result: "fail", detail: "Probably not available (not officially confirmed)" },
      ],
      sources: [BRIEF],
    },
    prices: [
      { gpu: "A100", vram: "40GB", minMicros: $(1.29), maxMicros: null, approximate: false, source: BRIEF },
      { gpu: "A100", vram: "80GB", minMicros: $(1.79), maxMicros: null, approximate: false, source: BRIEF },
      { gpu: "H100", vram: "80GB", minMicros: $(2.99), maxMicros: $(3.29), approximate: false, source: BRIEF },
    ],
    pros: ["Billing per minute", "Good reputation", "Focused on ML"],
    cons: ["Probably no privileged containers", "Limited inventory"],
    paused: {
      canStop: false,
      model: { kind: "full", reason: "Cannot stop: only terminate" },
      summary:
        "Cannot stop a machine: only restart or terminate. An idle machine bills in full until it is terminated.",
      sources: [
        {
          label:
            'Lambda Cloud API (no stop endpoint); third-party client: "Lambda Labs doesn\'t support stop/resume" (weak evidence, verify)',
        },
      ],
    },
    billing: {
      granularity: "minute",
      note: "Billed per minute (not per hour): useful for short cold starts",
      source: BRIEF,
    },
    recommendation: "Good for development without checkpoint",
    extraFacts: [],
  },
  {
    slug: "runpod",
    name: "RunPod",
    website: "https://runpod.io",
    type: "Managed Cloud + Serverless",
    headlineH100: { label: "$4.69", minMicros: $(4.69), maxMicros: null, approximate: false },
    checkpoint: {
      support: "no",
      summary: "No",
      confirmed: true,
      items: [
        { check: "Privileged containers", result: "fail", detail: "Not available" },
        { check: "CAP_SYS_ADMIN", result: "fail", detail: "Not available" },
        { check: "Seccomp", result: "fail", detail: "Active" },
      ],
      sources: [
        {
          label: "RunPod staff answer on Discord",
          date: "2024-10",
          quote: "This is not possible as it requires privileged docker container",
        },
      ],
    },
    prices: [
      { gpu: "RTX 4090", vram: "24GB", minMicros: $(0.44), maxMicros: null, approximate: false, source: BRIEF },
      { gpu: "A100", vram: "80GB", minMicros: $(1.99), maxMicros: null, approximate: false, source: BRIEF },
      { gpu: "H100", vram: "80GB", minMicros: $(4.69), maxMicros: null, approximate: false, source: BRIEF },
    ],
    pros: ["Polished interface", "Good support", "Serverless available", "Large community"],
    cons: ["No privileged containers", "Pricier than TensorDock"],
    paused: {
      canStop: true,
      model: { kind: "storage", perGbMonthMicros: $(0.2) },
      summary:
        "A stopped pod still bills its volume disk at $0.20/GB/month (twice the $0.10/GB/month while running); the container disk is wiped on stop and not charged.",
      sources: [
        {
          label: "RunPod docs: pods/storage and pods/pricing",
          url: "https://docs.runpod.io/pods/storage",
          date: "2026-08-20",
        },
      ],
    },
    billing: {
      granularity: "second",
      note: "RunPod's docs disagree: pods/pricing says billed by the second, pods/overview says by the minute",
      source: { label: "RunPod docs (pods/pricing.mdx, pods/overview.mdx)", date: "2026-08-20" },
    },
    recommendation: "Easy to use",
    extraFacts: [
      {
        text: "Pods are Docker containers managed by RunPod: no field for privileged mode or added capabilities in the API; dstack lists privileged mode as not supported on RunPod.",
        source: { label: "RunPod REST API; dstack docs (peers research)" },
      },
    ],
  },
  {
    slug: "vastai",
    name: "Vast.ai",
    website: "https://vast.ai",
    type: "P2P Marketplace",
    headlineH100: { label: "$2.50", minMicros: $(2.5), maxMicros: null, approximate: false },
    checkpoint: {
      support: "no",
      summary: "No (Docker instances)",
      testedOn: "2024-12-20",
      confirmed: true,
      items: [
        { check: "CAP_SYS_PTRACE", result: "fail", detail: "Missing" },
        { check: "CAP_SYS_ADMIN", result: "fail", detail: "Missing" },
        { check: "CAP_CHECKPOINT_RESTORE", result: "fail", detail: "Missing" },
        { check: "Seccomp", result: "fail", detail: "Active (Seccomp: 2)" },
      ],
      sources: [BRIEF_TEST],
    },
    prices: [
      {
        gpu: "RTX 3090",
        vram: "24GB",
        minMicros: $(0.15),
        maxMicros: $(0.25),
        approximate: true,
        note: "Varies by host",
        source: BRIEF,
      },
      {
        gpu: "RTX 4090",
        vram: "24GB",
        minMicros: $(0.25),
        maxMicros: $(0.4),
        approximate: true,
        note: "Varies by host",
        source: BRIEF,
      },
      {
        gpu: "A100",
        vram: "80GB",
        minMicros: $(1.5),
        maxMicros: $(2.0),
        approximate: true,
        note: "Varies by host",
        source: BRIEF,
      },
      {
        gpu: "H100",
        vram: "80GB",
        minMicros: $(2.5),
        maxMicros: $(3.5),
        approximate: true,
        note: "Varies by host",
        source: BRIEF,
      },
    ],
    priceNote: "Prices vary by host (approximate).",
    pros: ["Lowest prices", "Wide variety of GPUs", "P2P model"],
    cons: ["No privileged containers", "Inconsistent quality", "Uptime not guaranteed"],
    paused: {
      canStop: true,
      model: { kind: "unknown", reason: "Disk keeps billing at the host's storage price, which varies by host" },
      summary:
        "A stopped instance keeps its data and its disk keeps billing; restarting depends on the same host being free.",
      sources: [
        { label: "Vast.ai docs: stop-instance, pricing", url: "https://docs.vast.ai/cli/reference/stop-instance.md" },
      ],
    },
    billing: {
      granularity: "second",
      note: "GPU compute billed per second; storage billed continuously, also while stopped",
      source: { label: "Vast.ai docs: guides/pricing", url: "https://docs.vast.ai" },
    },
    recommendation: "Cheapest, fewer features",
    extraFacts: [
      {
        text: "ptrace (and systemd, nested containers) only on VM offers: a Vast.ai VM offer can run cuda-checkpoint, a Docker offer cannot. VMs boot more slowly, have fewer hosts and are SSH-only.",
        source: {
          label: "Vast.ai docs: virtual machines",
          url: "https://docs.vast.ai/guides/instances/virtual-machines",
        },
      },
    ],
  },
  {
    slug: "aws-gcp-azure",
    name: "AWS/GCP/Azure",
    website: null,
    type: "Enterprise Cloud",
    headlineH100: { label: "$30+", minMicros: $(30), maxMicros: null, approximate: false, openEnded: true },
    checkpoint: {
      support: "expensive",
      summary: "Possible but expensive",
      confirmed: false,
      items: [
        { check: "Bare-metal instances", result: "pass", detail: "Available" },
        { check: "Root access", result: "pass", detail: "Possible" },
        { check: "Price", result: "fail", detail: "About 10x higher" },
      ],
      sources: [BRIEF],
    },
    prices: [
      {
        gpu: "H100",
        vram: "80GB",
        minMicros: $(12),
        maxMicros: null,
        approximate: true,
        note: "AWS p5.48xlarge (8x H100) on demand: ~$98/hr, ~$12/hr per GPU",
        source: BRIEF,
      },
      {
        gpu: "H100",
        vram: "80GB (bare metal)",
        minMicros: $(32),
        maxMicros: null,
        approximate: false,
        openEnded: true,
        note: "Bare metal: $32+/hr per GPU",
        source: BRIEF,
      },
    ],
    priceNote: "AWS p5.48xlarge (8x H100): on demand ~$98/hr (~$12/hr per GPU); bare metal $32+/hr per GPU.",
    pros: ["Compliance", "Integration with other services", "Guaranteed SLA"],
    cons: ["Very expensive for experiments", "Complex setup"],
    paused: {
      canStop: true,
      model: { kind: "unknown", reason: "No compute, but disks and static IPs keep billing at their own prices" },
      summary: "Stopped VMs are not billed for compute, but disks and static IPs keep billing.",
      sources: [
        {
          label: "GCE stop semantics; AWS EC2 docs (peers research)",
          url: "https://rdrr.io/github/cloudyr/googleComputeEngineR/man/gce_vm_stop.html",
        },
      ],
    },
    billing: {
      granularity: "second",
      note: "AWS Linux on-demand: per second with a 60-second minimum",
      source: { label: "AWS announcement, 2017-10-02", date: "2017-10-02" },
    },
    recommendation: "Enterprise with compliance",
    extraFacts: [],
  },
];

export const DECISION_CASES: DecisionCase[] = [
  {
    id: "dev-tests",
    title: "Development and tests",
    providers: ["tensordock"],
    advice: "TensorDock (V100 at $0.45/hr or RTX 4090 at $0.35/hr)",
  },
  {
    id: "prod-checkpoint",
    title: "Production with checkpoint",
    providers: ["tensordock", "hostkey"],
    advice: "TensorDock Bare Metal or HOSTKEY",
  },
  {
    id: "prod-no-checkpoint",
    title: "Production without checkpoint",
    providers: ["runpod", "lambda"],
    advice: "RunPod (best UX) or Lambda (billed per minute)",
  },
  {
    id: "enterprise-compliance",
    title: "Enterprise with compliance",
    providers: ["coreweave", "aws-gcp-azure"],
    advice: "CoreWeave (negotiate) or AWS/GCP",
  },
  {
    id: "min-budget",
    title: "Minimum budget",
    providers: ["vastai"],
    advice: "Vast.ai (accept the limitations)",
  },
];

export function getProvider(slug: string): ProviderEntry | undefined {
  return PROVIDERS.find((p) => p.slug === slug);
}
