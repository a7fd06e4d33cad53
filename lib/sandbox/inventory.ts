// The sandbox's offers, priced like the seed catalog (TensorDock H100 $2.25, RTX 4090 $0.35,
// V100 $0.45; RunPod H100 $4.69, RTX 4090 $0.44, A100 $1.99; Vast.ai H100 ~$2.50 Docker plus a
// VM offer; Lambda gpu_1x_h100 $2.99, A100 $1.29; HOSTKEY H100 ~$3.00/h bare metal).
// Each provider's emulator renders these in its own shape.

export const TENSORDOCK_LOCATIONS = [
  {
    id: "6f1a0c1e-1d7b-4a51-9b0e-1a2b3c4d5e01",
    city: "Chubbuck",
    stateprovince: "Idaho",
    country: "United States",
    tier: 3,
    gpus: [
      { v0Name: "h100-sxm5-80gb", displayName: "NVIDIA H100 SXM5 80GB", max_count: 8, price_per_hr: 2.25 },
      { v0Name: "geforcertx4090-pcie-24gb", displayName: "NVIDIA GeForce RTX 4090 PCIe 24GB", max_count: 4, price_per_hr: 0.35 },
    ],
  },
  {
    id: "6f1a0c1e-1d7b-4a51-9b0e-1a2b3c4d5e02",
    city: "Orlando",
    stateprovince: "Florida",
    country: "United States",
    tier: 3,
    gpus: [
      { v0Name: "v100-pcie-16gb", displayName: "NVIDIA Tesla V100 PCIe 16GB", max_count: 4, price_per_hr: 0.45 },
      { v0Name: "geforcertx4090-pcie-24gb", displayName: "NVIDIA GeForce RTX 4090 PCIe 24GB", max_count: 0, price_per_hr: 0.35 },
    ],
  },
];
/** Per-resource rates; storage is what a stopped TensorDock VM keeps paying. */
export const TENSORDOCK_PRICING = { per_vcpu_hr: 0.003, per_gb_ram_hr: 0.002, per_gb_storage_hr: 0.0005 };

export const VAST_ASKS = [
  { id: 5001001, gpu_name: "H100 SXM", num_gpus: 1, gpu_ram: 81559, dph_total: 2.5, storage_cost: 0.15, geolocation: "Texas, US", vms_enabled: false, reliability2: 0.995 },
  { id: 5001002, gpu_name: "H100 SXM", num_gpus: 1, gpu_ram: 81559, dph_total: 2.62, storage_cost: 0.15, geolocation: "Quebec, CA", vms_enabled: true, reliability2: 0.998 },
  { id: 5001003, gpu_name: "H100 SXM", num_gpus: 1, gpu_ram: 81559, dph_total: 2.55, storage_cost: 0.15, geolocation: "Oregon, US", vms_enabled: false, reliability2: 0.99 },
  { id: 5001004, gpu_name: "RTX 4090", num_gpus: 1, gpu_ram: 24564, dph_total: 0.38, storage_cost: 0.1, geolocation: "Poland, PL", vms_enabled: false, reliability2: 0.985 },
  { id: 5001005, gpu_name: "RTX 4090", num_gpus: 2, gpu_ram: 24564, dph_total: 0.74, storage_cost: 0.1, geolocation: "Sweden, SE", vms_enabled: true, reliability2: 0.99 },
  { id: 5001006, gpu_name: "A100 SXM4", num_gpus: 1, gpu_ram: 81920, dph_total: 1.1, storage_cost: 0.12, geolocation: "Nevada, US", vms_enabled: false, reliability2: 0.97 },
];

export const RUNPOD_GPUS = [
  { id: "NVIDIA H100 80GB HBM3", name: "H100 SXM", memory: 80, secure: true, community: false, price: { secure: 4.69, community: null, serverless: 5.59 }, maxCount: 8 },
  { id: "NVIDIA GeForce RTX 4090", name: "RTX 4090", memory: 24, secure: true, community: true, price: { secure: 0.59, community: 0.44, serverless: 0.77 }, maxCount: 4 },
  { id: "NVIDIA A100 80GB PCIe", name: "A100 PCIe", memory: 80, secure: true, community: false, price: { secure: 1.99, community: null, serverless: 2.72 }, maxCount: 8 },
  // Listed, but with no stock: creating one fails with RunPod's capacity error.
  { id: "NVIDIA H200", name: "H200", memory: 141, secure: true, community: false, price: { secure: 3.99, community: null, serverless: 4.99 }, maxCount: 0 },
];

export const LAMBDA_TYPES = [
  { name: "gpu_1x_h100_pcie", description: "1x H100 (80 GB PCIe)", gpu_description: "H100 (80 GB PCIe)", price_cents_per_hour: 299, specs: { vcpus: 26, memory_gib: 200, storage_gib: 1024, gpus: 1 }, regions: ["us-east-1", "us-west-1"] },
  { name: "gpu_1x_a100_sxm4", description: "1x A100 (40 GB SXM4)", gpu_description: "A100 (40 GB SXM4)", price_cents_per_hour: 129, specs: { vcpus: 30, memory_gib: 200, storage_gib: 512, gpus: 1 }, regions: ["us-west-2"] },
  { name: "gpu_1x_a10", description: "1x A10 (24 GB PCIe)", gpu_description: "A10 (24 GB PCIe)", price_cents_per_hour: 75, specs: { vcpus: 30, memory_gib: 200, storage_gib: 1400, gpus: 1 }, regions: ["us-east-1"] },
  // No region with capacity: launching it fails with insufficient-capacity.
  { name: "gpu_8x_h100_sxm5", description: "8x H100 (80 GB SXM5)", gpu_description: "H100 (80 GB SXM5)", price_cents_per_hour: 2392, specs: { vcpus: 208, memory_gib: 1800, storage_gib: 24780, gpus: 8 }, regions: [] as string[] },
];
export const LAMBDA_REGIONS: Record<string, string> = {
  "us-east-1": "Virginia, USA",
  "us-west-1": "California, USA",
  "us-west-2": "Arizona, USA",
};

/** Prices are monthly USD here (HOSTKEY sells by the month); hourly = monthly / 730. */
export const HOSTKEY_PRESETS = [
  { id: 1001, name: "bm.h100", description: "1x NVIDIA H100 80GB, 32 cores, 256 GB RAM, 2 TB NVMe", gpu: "1x H100 80GB", cpu: "32", ram: "256", hdd: "2000", virtual: 0, active: 1, locations: ["NL", "US"], price: { USD: "2190.00", EUR: "2020.00" } },
  { id: 1002, name: "vgpu.a100", description: "1x A100 80GB vGPU, 16 vCPU, 128 GB RAM", gpu: "1x A100 80GB", cpu: "16", ram: "128", hdd: "500", virtual: 1, active: 1, locations: ["NL"], price: { USD: "1460.00", EUR: "1345.00" } },
  { id: 1003, name: "bm.4090x4", description: "4x RTX 4090 24GB, 64 cores, 256 GB RAM", gpu: "4x RTX 4090 24GB", cpu: "64", ram: "256", hdd: "4000", virtual: 0, active: 0, locations: ["FI"], price: { USD: "1606.00", EUR: "1480.00" } },
  { id: 1004, name: "vds.small", description: "2 vCPU, 4 GB RAM, no GPU", gpu: "", cpu: "2", ram: "4", hdd: "60", virtual: 1, active: 1, locations: ["NL"], price: { USD: "7.00", EUR: "6.50" } },
];
export const HOSTKEY_OS = [
  { id: 70, name: "Ubuntu 22.04" },
  { id: 71, name: "Ubuntu 24.04" },
  { id: 80, name: "Debian 12" },
];
export const HOSTKEY_TRAFFIC_PLANS = [{ id: 1, name: "1 Gbps, unmetered" }];
