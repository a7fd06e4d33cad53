// The sandbox's offers, priced like the seed catalog (TensorDock H100 $2.25, RTX 4090 $0.35,
// V100 $0.45; RunPod H100 $4.69, RTX 4090 $0.44, A100 $1.99; Vast.ai H100 ~$2.50 Docker plus a
// VM offer; Lambda gpu_1x_h100 $2.99, A100 $1.29; HOSTKEY H100 ~$3.00/h bare metal).
// Each provider's emulator renders these in its own shape.

// TensorDock locations: `dedicatedIp` is the location's network_features.dedicated_ip_available;
// Dallas forwards ports only (its cheaper RTX 4090 must never be offered or ordered with a dedicated IP).
const TD_H100 = { max_vcpus: 128, max_ram_gb: 512, max_storage_gb: 4000 };
const TD_SMALL = { max_vcpus: 32, max_ram_gb: 128, max_storage_gb: 2000 };
export const TENSORDOCK_LOCATIONS = [
  {
    id: "6f1a0c1e-1d7b-4a51-9b0e-1a2b3c4d5e01",
    city: "Chubbuck",
    stateprovince: "Idaho",
    country: "United States",
    tier: 3,
    dedicatedIp: true,
    gpus: [
      {
        v0Name: "h100-sxm5-80gb",
        displayName: "NVIDIA H100 SXM5 80GB",
        max_count: 8,
        price_per_hr: 2.25,
        resources: TD_H100,
      },
      {
        v0Name: "geforcertx4090-pcie-24gb",
        displayName: "NVIDIA GeForce RTX 4090 PCIe 24GB",
        max_count: 4,
        price_per_hr: 0.35,
        resources: TD_SMALL,
      },
    ],
  },
  {
    id: "6f1a0c1e-1d7b-4a51-9b0e-1a2b3c4d5e02",
    city: "Orlando",
    stateprovince: "Florida",
    country: "United States",
    tier: 3,
    dedicatedIp: true,
    gpus: [
      {
        v0Name: "v100-pcie-16gb",
        displayName: "NVIDIA Tesla V100 PCIe 16GB",
        max_count: 4,
        price_per_hr: 0.45,
        resources: TD_SMALL,
      },
      {
        v0Name: "geforcertx4090-pcie-24gb",
        displayName: "NVIDIA GeForce RTX 4090 PCIe 24GB",
        max_count: 0,
        price_per_hr: 0.35,
        resources: TD_SMALL,
      },
    ],
  },
  {
    id: "6f1a0c1e-1d7b-4a51-9b0e-1a2b3c4d5e03",
    city: "Dallas",
    stateprovince: "Texas",
    country: "United States",
    tier: 1,
    dedicatedIp: false,
    gpus: [
      {
        v0Name: "geforcertx4090-pcie-24gb",
        displayName: "NVIDIA GeForce RTX 4090 PCIe 24GB",
        max_count: 4,
        price_per_hr: 0.3,
        resources: TD_SMALL,
      },
    ],
  },
];
/** Per-resource hourly rates billed on top of the GPU (the docs' example values); storage is what a stopped VM keeps paying. */
export const TENSORDOCK_PRICING = { per_vcpu_hr: 0.003, per_gb_ram_hr: 0.002, per_gb_storage_hr: 0.00005 };

export const VAST_ASKS = [
  {
    id: 5001001,
    gpu_name: "H100 SXM",
    num_gpus: 1,
    gpu_ram: 81559,
    dph_base: 2.48,
    storage_cost: 0.15,
    geolocation: "Texas, US",
    vms_enabled: false,
    reliability2: 0.995,
    direct_port_count: 50,
    verified: true,
  },
  {
    id: 5001002,
    gpu_name: "H100 SXM",
    num_gpus: 1,
    gpu_ram: 81559,
    dph_base: 2.6,
    storage_cost: 0.15,
    geolocation: "Quebec, CA",
    vms_enabled: true,
    reliability2: 0.998,
    direct_port_count: 50,
    verified: true,
  },
  {
    id: 5001003,
    gpu_name: "H100 SXM",
    num_gpus: 1,
    gpu_ram: 81559,
    dph_base: 2.53,
    storage_cost: 0.15,
    geolocation: "Oregon, US",
    vms_enabled: false,
    reliability2: 0.99,
    direct_port_count: 50,
    verified: true,
  },
  {
    id: 5001004,
    gpu_name: "RTX 4090",
    num_gpus: 1,
    gpu_ram: 24564,
    dph_base: 0.366,
    storage_cost: 0.1,
    geolocation: "Poland, PL",
    vms_enabled: false,
    reliability2: 0.985,
    direct_port_count: 20,
    verified: true,
  },
  {
    id: 5001005,
    gpu_name: "RTX 4090",
    num_gpus: 2,
    gpu_ram: 24564,
    dph_base: 0.726,
    storage_cost: 0.1,
    geolocation: "Sweden, SE",
    vms_enabled: true,
    reliability2: 0.99,
    direct_port_count: 20,
    verified: true,
  },
  {
    id: 5001006,
    gpu_name: "A100 SXM4",
    num_gpus: 1,
    gpu_ram: 81920,
    dph_base: 1.08,
    storage_cost: 0.12,
    geolocation: "Nevada, US",
    vms_enabled: false,
    reliability2: 0.97,
    direct_port_count: 30,
    verified: true,
  },
  {
    id: 5001007,
    gpu_name: "H100 PCIE",
    num_gpus: 1,
    gpu_ram: 81559,
    dph_base: 2.9,
    storage_cost: 0.15,
    geolocation: "Ohio, US",
    vms_enabled: false,
    reliability2: 0.9,
    direct_port_count: 10,
    verified: true,
  },
  // Cheaper than every H100 but unverified, or proxy-only (no direct ports): the default filters drop them.
  {
    id: 5001008,
    gpu_name: "H100 SXM",
    num_gpus: 1,
    gpu_ram: 81559,
    dph_base: 1.2,
    storage_cost: 0.1,
    geolocation: "Nowhere, XX",
    vms_enabled: false,
    reliability2: 0.8,
    direct_port_count: 50,
    verified: false,
  },
  {
    id: 5001009,
    gpu_name: "H100 SXM",
    num_gpus: 1,
    gpu_ram: 81559,
    dph_base: 1.3,
    storage_cost: 0.1,
    geolocation: "Nowhere, XX",
    vms_enabled: false,
    reliability2: 0.9,
    direct_port_count: 0,
    verified: true,
  },
];
/** The ask whose host cannot start an instance. */
export const VAST_UNSTARTABLE_ASK = 5001007;

/**
 * 300 consumer asks, every one cheaper than any H100, as on the real market where the cheapest few
 * hundred rows are RTX cards: a search that does not filter the model on the server never reaches an
 * H100. Deterministic, ids 5100000 and up.
 */
export const VAST_CONSUMER_ASKS = Array.from({ length: 300 }, (_, i) => {
  const model = (["RTX 3060", "RTX 3070", "RTX 3080", "RTX 3090", "RTX 4090"] as const)[i % 5]!;
  const vramMb = { "RTX 3060": 12288, "RTX 3070": 8192, "RTX 3080": 10240, "RTX 3090": 24576, "RTX 4090": 24564 }[
    model
  ];
  return {
    id: 5_100_000 + i,
    gpu_name: model,
    num_gpus: 1 + (i % 3 === 0 ? 1 : 0),
    gpu_ram: vramMb,
    dph_base: Math.round((0.04 + (i % 60) * 0.005) * 1000) / 1000,
    storage_cost: 0.1,
    geolocation: ["Texas, US", "Ontario, CA", "Bavaria, DE", "Hanoi, VN", "Lagos, NG"][i % 5]!,
    vms_enabled: false,
    reliability2: 0.95,
    direct_port_count: i % 10 === 9 ? 0 : 16,
    verified: i % 7 !== 6,
  };
});

export const RUNPOD_GPUS = [
  {
    id: "NVIDIA H100 80GB HBM3",
    name: "H100 SXM",
    pool: null,
    memory: 80,
    secure: true,
    community: false,
    price: { secure: 4.69, community: 0, serverless: 5.59 },
    maxCount: { secure: 8, community: 0 },
    stock: { secure: 8, community: 0 },
  },
  {
    id: "NVIDIA GeForce RTX 4090",
    name: "RTX 4090",
    pool: "ADA_24",
    memory: 24,
    secure: true,
    community: true,
    price: { secure: 0.59, community: 0.44, serverless: 0.77 },
    maxCount: { secure: 8, community: 4 },
    stock: { secure: 4, community: 4 },
  },
  {
    id: "NVIDIA A100 80GB PCIe",
    name: "A100 PCIe",
    pool: null,
    memory: 80,
    secure: true,
    community: false,
    price: { secure: 1.99, community: 0, serverless: 2.72 },
    maxCount: { secure: 8, community: 0 },
    stock: { secure: 8, community: 0 },
  },
  // Listed, but with no stock (availability NONE): creating one fails with RunPod's capacity error.
  {
    id: "NVIDIA H200",
    name: "H200",
    pool: null,
    memory: 141,
    secure: true,
    community: false,
    price: { secure: 3.99, community: 0, serverless: 4.99 },
    maxCount: { secure: 8, community: 0 },
    stock: { secure: 0, community: 0 },
  },
];
/** RunPod storage rates ($/GB/month) and the volume its create answer shows when none is asked. */
export const RUNPOD_STORAGE = {
  containerDiskPerGbMonth: 0.1,
  volumePerGbMonthRunning: 0.1,
  volumePerGbMonthStopped: 0.2,
  defaultVolumeGb: 20,
};

export const LAMBDA_TYPES = [
  {
    name: "gpu_1x_h100_pcie",
    description: "1x H100 (80 GB PCIe)",
    gpu_description: "H100 (80 GB PCIe)",
    price_cents_per_hour: 299,
    specs: { vcpus: 26, memory_gib: 200, storage_gib: 1024, gpus: 1 },
    regions: ["us-east-1", "us-west-1"],
  },
  {
    name: "gpu_1x_a100_sxm4",
    description: "1x A100 (40 GB SXM4)",
    gpu_description: "A100 (40 GB SXM4)",
    price_cents_per_hour: 129,
    specs: { vcpus: 30, memory_gib: 200, storage_gib: 512, gpus: 1 },
    regions: ["us-west-2"],
  },
  {
    name: "gpu_1x_a10",
    description: "1x A10 (24 GB PCIe)",
    gpu_description: "A10 (24 GB PCIe)",
    price_cents_per_hour: 75,
    specs: { vcpus: 30, memory_gib: 200, storage_gib: 1400, gpus: 1 },
    regions: ["us-east-1"],
  },
  // No region with capacity: launching it fails with insufficient-capacity.
  {
    name: "gpu_8x_h100_sxm5",
    description: "8x H100 (80 GB SXM5)",
    gpu_description: "H100 (80 GB SXM5)",
    price_cents_per_hour: 2392,
    specs: { vcpus: 208, memory_gib: 1800, storage_gib: 24780, gpus: 8 },
    regions: [] as string[],
  },
];
export const LAMBDA_REGIONS: Record<string, string> = {
  "us-east-1": "Virginia, USA",
  "us-west-1": "California, USA",
  "us-west-2": "Arizona, USA",
};

/**
 * HOSTKEY presets in presets/list's shape: monthly prices per location (`price[location].{USD,EUR,RUR}`)
 * and stock per location (`available` when the list is asked for one location). Hourly = monthly / 730.
 * Stock is reported, not consumed. `hourly: false` (sandbox-only) makes an hourly order be refused,
 * before stock is looked at; that preset shows no stock, so deploys that pick any available offer
 * (the machine fault suite, e2e) never land on it.
 */
export const HOSTKEY_PRESETS = [
  {
    id: 1001,
    name: "bm.h100",
    description: "1x NVIDIA H100 80GB, 32 cores, 256 GB RAM, 2 TB NVMe",
    gpu: "1x H100 80GB",
    cpu: 32,
    ram: 256,
    hdd: "2x1000",
    virtual: 0,
    active: 1,
    server_type: "bm",
    hourly: true,
    price: { NL: { USD: 2190, EUR: 2020, RUR: 199000 }, US: { USD: 2263, EUR: 2090, RUR: 205000 } },
    stock: { NL: 3, US: 1 } as Record<string, number>,
  },
  {
    id: 1002,
    name: "vgpu.a100",
    description: "1x A100 80GB vGPU, 16 vCPU, 128 GB RAM",
    gpu: "1x A100 80GB",
    cpu: 16,
    ram: 128,
    hdd: "500",
    virtual: 1,
    active: 1,
    server_type: "vm",
    hourly: true,
    price: { NL: { USD: 1460, EUR: 1345, RUR: 132000 } },
    stock: { NL: 5 } as Record<string, number>,
  },
  {
    id: 1003,
    name: "bm.4090x4",
    description: "4x RTX 4090 24GB, 64 cores, 256 GB RAM",
    gpu: "4x RTX 4090 24GB",
    cpu: 64,
    ram: 256,
    hdd: "4000",
    virtual: 0,
    active: 1,
    server_type: "bm",
    hourly: true,
    price: { FI: { USD: 1606, EUR: 1480, RUR: 146000 } },
    stock: { FI: 0 } as Record<string, number>,
  },
  {
    id: 1004,
    name: "vds.small",
    description: "2 vCPU, 4 GB RAM, no GPU",
    gpu: "",
    cpu: 2,
    ram: 4,
    hdd: "60",
    virtual: 1,
    active: 1,
    server_type: "vm",
    hourly: true,
    price: { NL: { USD: 7, EUR: 6.5, RUR: 640 } },
    stock: { NL: 40 } as Record<string, number>,
  },
  {
    id: 1005,
    name: "bm.h100x2",
    description: "2x NVIDIA H100 80GB, 64 cores, 512 GB RAM",
    gpu: "2x H100 80GB",
    cpu: 64,
    ram: 512,
    hdd: "2x2000",
    virtual: 0,
    active: 1,
    server_type: "bm",
    hourly: false,
    price: { NL: { USD: 4380, EUR: 4040, RUR: 398000 } },
    stock: { NL: 0 } as Record<string, number>,
  },
];
export const HOSTKEY_OS = [
  { id: 70, name: "Ubuntu 22.04", active: 1 },
  { id: 71, name: "Ubuntu 24.04", active: 1 },
  { id: 80, name: "Debian 12", active: 1 },
  { id: 60, name: "Ubuntu 18.04", active: 0 },
];
/**
 * Traffic plans in traffic_plans/list's shape (Terraform's TrafficPlan), with the presets each one
 * fits (`presets`, sandbox-only, never sent). Asked without `instance`, the list starts with a plan
 * that fits only the vGPU preset.
 */
export const HOSTKEY_TRAFFIC_PLANS = [
  {
    id: 1,
    name: "1 Gbps, unmetered (vGPU)",
    active: 1,
    location: "NL",
    locations: "NL",
    price: 0,
    main_plan: 1,
    presets: [1002, 1004],
  },
  {
    id: 5,
    name: "10 Gbps, 50 TB",
    active: 1,
    location: "NL",
    locations: "NL,US,FI",
    price: 0,
    main_plan: 1,
    presets: [1001, 1003, 1005],
  },
  {
    id: 6,
    name: "10 Gbps, 100 TB",
    active: 1,
    location: "NL",
    locations: "NL,US",
    price: 90,
    main_plan: 0,
    presets: [1001, 1005],
  },
  {
    id: 7,
    name: "1 Gbps (retired)",
    active: 0,
    location: "NL",
    locations: "NL,US,FI",
    price: 0,
    main_plan: 0,
    presets: [1001, 1002, 1003, 1004, 1005],
  },
];
